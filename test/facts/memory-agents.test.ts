import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type AgentName, agentSetup, runAgent, seedHome } from '../helpers/agents.js';
import { BIN } from '../helpers/cli.js';
import { RESULT_PREFIX, startMcpCallProvider } from '../helpers/mcp-call-provider.js';
import { tempDir } from '../helpers/temp-dir.js';

// Two real agent CLIs, each under its own `headroom wrap` session, sharing one
// memory store (one user's XDG data folder) in one git project. The fake
// provider makes agent A save a fact with headroom_memory_save; agent B, in
// another session, searches for it with headroom_memory_search and the
// answer it gets carries the fact; B then saves the same fact in other words
// and the store holds one entry naming both agents.

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

const FACT = 'The e2e tests in this project need --runInBand, or they deadlock on the shared database.';
const REWORDED = 'the e2e tests in this project need --runInBand, otherwise they deadlock on the shared database';

interface World {
  readonly home: string;
  readonly cwd: string;
  readonly env: Record<string, string>;
}

function world(): World {
  const root = tempDir('hr-memory-agents-');
  cleanup.push(() => fs.rmSync(root, { recursive: true, force: true }));
  const home = path.join(root, 'home');
  const cwd = path.join(root, 'project');
  fs.mkdirSync(home);
  fs.mkdirSync(cwd);
  execFileSync('git', ['init', '-q'], { cwd });
  return { home, cwd, env: {} };
}

async function underWrap(w: World, agent: AgentName, tool: string, input: Record<string, unknown>, wrapFlags: string[] = []) {
  const provider = await startMcpCallProvider(tool, input);
  cleanup.push(() => provider.close());
  seedHome(agent, w.home, w.cwd);
  const setup = agentSetup(agent, { providerUrl: provider.url, home: w.home, cwd: w.cwd, prompt: 'Use the headroom memory tool as asked, then stop.' });
  // Claude Code in -p mode runs a tool only when allowed: allow every tool of headroom's MCP server.
  const args = agent === 'claude' ? ['-p', 'Use the headroom memory tool as asked, then stop.', '--allowedTools', 'mcp__headroom'] : setup.args;
  const run = await runAgent(
    // ENABLE_TOOL_SEARCH=false: Claude Code then declares MCP tools up front instead of behind its
    // ToolSearch tool, which this fake does not drive (a user's own setting, which wrap keeps).
    { ...setup, args, env: { ...setup.env, ...(agent === 'claude' && { ENABLE_TOOL_SEARCH: 'false' }) }, bin: process.execPath, redirectArgs: [BIN, 'wrap', ...wrapFlags, agent, '--', ...setup.redirectArgs] },
    { cwd: w.cwd, timeoutMs: 120_000 },
  );
  const names = provider.bodies.map((b) => (Array.isArray(b.tools) ? b.tools.map((t: { name?: string }) => t.name).join(",") : "-")).join("\n");
  const why = `${agent} exit=${run.code}\ntools:\n${names}\nstdout:\n${run.stdout.slice(-2000)}\nstderr:\n${run.stderr.slice(-3000)}\nrequests: ${provider.bodies.length}`;
  return { run, provider, why };
}

function listFacts(w: World): Array<{ id: string; text: string; saved: number; provenance: Array<{ agent: string; session: string }> }> {
  const out = execFileSync(process.execPath, [BIN, 'memory', 'list', '--json'], { cwd: w.cwd, env: { ...process.env, HOME: w.home, XDG_DATA_HOME: path.join(w.home, '.local', 'share'), XDG_CONFIG_HOME: path.join(w.home, '.config'), HEADROOM_STORE: '' } });
  return JSON.parse(out.toString('utf8')).facts;
}

describe('shared memory between real agents under headroom wrap', () => {
  test('claude saves a fact; opencode, in another session, finds it and saves it reworded: one entry naming both', async () => {
    const w = world();

    const a = await underWrap(w, 'claude', 'headroom_memory_save', { fact: FACT });
    expect(a.run.code, a.why).toBe(0);
    expect(a.provider.result() ?? "", a.why).toMatch(/^saved as mem_[a-z2-7]{10}/);
    const [saved] = listFacts(w);
    expect(saved?.text).toBe(FACT);
    expect(saved?.provenance.map((p) => p.agent)).toEqual(['claude']);

    const b = await underWrap(w, 'opencode', 'headroom_memory_search', { query: 'how to run the e2e tests' });
    expect(b.run.code, b.why).toBe(0);
    expect(b.provider.result() ?? "", b.why).toContain(FACT);
    expect(b.run.stdout, b.why).toContain(RESULT_PREFIX);

    const c = await underWrap(w, 'opencode', 'headroom_memory_save', { fact: REWORDED });
    expect(c.run.code, c.why).toBe(0);
    expect(c.provider.result() ?? "", c.why).toMatch(/^(merged into the same fact|already known as) /);
    const facts = listFacts(w);
    expect(facts).toHaveLength(1);
    expect(facts[0]!.saved).toBe(2);
    expect(facts[0]!.provenance.map((p) => p.agent)).toEqual(['claude', 'opencode']);
    // Two sessions: each wrap credits its own.
    expect(new Set(facts[0]!.provenance.map((p) => p.session)).size).toBe(2);
  }, 300_000);

  test('wrap --memory gives claude the saved facts in its system prompt, byte for byte the same in every request', async () => {
    const w = world();
    execFileSync(process.execPath, [BIN, 'memory', 'add', '--agent', 'codex', FACT], { cwd: w.cwd, env: { ...process.env, HOME: w.home, XDG_DATA_HOME: path.join(w.home, '.local', 'share'), HEADROOM_STORE: '' } });
    const a = await underWrap(w, 'claude', 'headroom_memory_list', {}, ['--memory']);
    expect(a.run.code, a.why).toBe(0);
    const main = a.provider.bodies.filter((b) => Array.isArray(b.tools) && b.tools.length > 0);
    expect(main.length, a.why).toBeGreaterThanOrEqual(2); // the call, then the turn with its result
    const systems = main.map((b) => JSON.stringify(b.system));
    for (const sys of systems) expect(sys).toContain(FACT.replace(/"/g, '\\"'));
    // The facts block is the same in each request (the prompt cache holds).
    const block = (sys: string) => sys.slice(sys.indexOf('Facts about this project'), sys.indexOf(FACT) + FACT.length);
    expect(new Set(systems.map(block)).size).toBe(1);
  }, 200_000);
});

