import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type AgentRequest, FINAL_TEXT, requestText, startAgentProvider } from '../helpers/agent-provider.js';
import { AGENTS, AGENT_PROMPT, agentProcesses, agentSetup, agentWorkspace, runAgent } from '../helpers/agents.js';
import { privatePath } from '../../src/wrap/session-dir.js';
import { BIN } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { priceFor } from '../../src/savings/pricing.js';

// Every real agent CLI under `headroom wrap`, non-interactively (no
// terminal: the pipe runner), pointed by the user's own settings at a fake
// provider, which headroom takes as the upstream. The fake asks for two shell
// calls (cat of a real log, then an echo) and then ends. Only the provider is fake.

let cleanup: Array<() => Promise<void> | void> = [];
/** A folder with no parent others can write to: in the checkout if it is in such a place, else in the user's cache. */
const PRIVATE_ROOT = (() => {
  for (const dir of [path.join(REPO_ROOT, 'node_modules', '.cache', 'headroom-test-runtime'), path.join(os.homedir(), '.cache', 'headroom-test-runtime')]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    if (privatePath(path.join(dir, 'x'))) return dir;
  }
  throw new Error('no private folder for the runtime dir (every candidate has a parent others can write to)');
})();
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

/** The JSON string literal around `index` in `text`, quotes included. */
function enclosingLiteral(text: string, index: number): string {
  const unescapedQuote = (i: number) => {
    if (text[i] !== '"') return false;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
    return slashes % 2 === 0;
  };
  let start = index;
  while (start > 0 && !unescapedQuote(start)) start--;
  let end = index;
  while (end < text.length && !unescapedQuote(end)) end++;
  return text.slice(start, end + 1);
}

/** Size and mtime of every file under the given roots: what "nothing else changed" is checked against. */
function fingerprint(roots: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string, depth: number) => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return;
    }
    if (st.isDirectory() && depth < 6) for (const n of fs.readdirSync(p)) walk(path.join(p, n), depth + 1);
    else out.set(p, `${st.size}:${st.mtimeMs}`);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

const modelTurns = (requests: readonly AgentRequest[]) => requests.filter((r) => r.kind === 'tool-call' || r.kind === 'final');

describe('headroom wrap with real agents', () => {
  for (const name of AGENTS) {
    test(`${name}: the tool output goes upstream compressed with its needles, later turns replay it byte for byte, the agent's status comes back, nothing is left behind`, async () => {
      const ws = agentWorkspace(name);
      cleanup.push(() => ws.dispose());
      const provider = await startAgentProvider({ logFile: ws.logFile, then: ['echo second-step-done'] });
      cleanup.push(() => provider.close());
      const setup = agentSetup(name, { providerUrl: provider.url, home: ws.home, cwd: ws.cwd, prompt: AGENT_PROMPT });
      // A runtime folder as a desktop session has one (/run/user/UID): no parent others can write to,
      // which Gemini CLI requires of its settings. The temp folder is not such a place.
      const runtime = fs.mkdtempSync(path.join(PRIVATE_ROOT, `${name}-`));
      cleanup.push(() => fs.rmSync(runtime, { recursive: true, force: true }));
      const summaryFile = path.join(ws.root, 'summary.json');
      // What must not change: the real user's agent settings and headroom data, and this repository.
      const realHome = os.homedir();
      const watched = ['.claude', '.claude.json', '.codex', '.gemini', '.copilot', '.config/opencode', '.local/share/opencode', '.local/share/headroom', '.local/state/headroom', '.config/headroom'].map((p) => path.join(realHome, p));
      watched.push(path.join(REPO_ROOT, 'package.json'), path.join(REPO_ROOT, 'src'), path.join(REPO_ROOT, 'test', 'fixtures'));
      const before = fingerprint(watched);

      const run = await runAgent(
        {
          ...setup,
          bin: process.execPath,
          redirectArgs: [BIN, 'wrap', '--json-summary', summaryFile, name, '--', ...setup.redirectArgs],
          env: { ...setup.env, XDG_RUNTIME_DIR: runtime },
        },
        { cwd: ws.cwd, timeoutMs: 120_000 },
      );
      const why = [`${name} exit=${run.code} ${run.ms} ms`, `requests:\n${provider.trace().join('\n')}`, `stdout:\n${run.stdout.slice(-1500)}`, `stderr:\n${run.stderr.slice(-3000)}`].join('\n');

      expect(run.timedOut, why).toBe(false);
      expect(run.code, why).toBe(0);
      expect(run.stdout, why).toContain(FINAL_TEXT);
      const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
      expect(summary, why).toMatchObject({ agent: name, exitCode: 0, compress: true });

      // Turn 2 carries the log: compressed on the way, every needle kept.
      const turns = modelTurns(provider.requests);
      expect(turns.length, why).toBe(3);
      // headroom's MCP server was registered and started by the agent: its tool reaches the model.
      expect(run.stderr, 'the agent accepted the settings headroom gave it').not.toMatch(/Skipping system settings file/);
      // (Codex lists MCP tools as a deferred namespace, loaded when the model asks for it.)
      expect(turns.some((t) => t.body.includes('headroom_retrieve') || t.body.includes('mcp__headroom')), `${why}\nno request declares headroom_retrieve`).toBe(true);

      const carrying = turns[1]!.body.toString('utf8');
      const marker = carrying.indexOf('[headroom: ');
      expect(marker, `${why}\nno headroom marker in the tool-result request`).toBeGreaterThan(0);
      const text = requestText(turns[1]!);
      expect(ws.needles.filter((n) => !text.includes(n)), why).toEqual([]);
      const original = fs.readFileSync(ws.logFile, 'utf8');
      expect(text.includes(original.trim()), 'the whole log went upstream').toBe(false);
      expect(summary.tokensAfter, why).toBeLessThan(summary.tokensBefore);

      // Turn 3 repeats turn 2's compressed output byte for byte: the cached prefix holds.
      const literal = enclosingLiteral(carrying, marker);
      expect(literal.length).toBeGreaterThan(100);
      expect(turns[2]!.body.toString('utf8').includes(literal), `${why}\nturn 3 changed the compressed tool output`).toBe(true);
      expect(summary.drift, why).toBe(0);

      // Dollars: the usage the provider reported, priced for the models the agent asked for (between the
      // cheapest and the dearest when it used several); a saving, net of retrievals.
      const asked = new Set(
        provider.requests
          .map((r) => /\/models\/([^/:]+)/.exec(r.pathname)?.[1] ?? (/"model"\s*:\s*"([^"]+)"/.exec(r.body.toString('utf8')) ?? [])[1])
          .filter((m): m is string => m !== undefined),
      );
      const u = summary.usage as { input: number; cacheRead: number; cacheWrite: number; output: number };
      const billed = [...asked].map((m) => {
        const { price } = priceFor(m, 'claude');
        return ((u.input + u.cacheWrite * price.cacheWrite + u.cacheRead * price.cacheRead) * price.input + u.output * price.output) / 1e6;
      });
      expect(u.input + u.cacheRead + u.output, why).toBeGreaterThan(0);
      expect(summary.dollars.spent, `${why}\nmodels: ${[...asked].join(', ')}`).toBeGreaterThanOrEqual(Math.min(...billed) - 1e-6);
      expect(summary.dollars.spent, `${why}\nmodels: ${[...asked].join(', ')}`).toBeLessThanOrEqual(Math.max(...billed) + 1e-6);
      expect(summary.dollars.saved, why).toBeGreaterThan(0);
      expect(summary.dollars.net, why).toBeCloseTo(summary.dollars.saved - summary.dollars.retrievals, 5);
      expect(run.stderr, why).toMatch(/\$\d+\.\d{2,4} spent, ~\$\d+\.\d{2,4} saved net \(\d+\.\d%, cache-aware estimate\)/);

      // Nothing outlives the session: no process, no session folder, no change elsewhere.
      expect(run.leftovers, `${why}\nleft: ${run.leftovers.join("\n")}`).toEqual([]);
      expect(agentProcesses(ws.home)).toEqual([]);
      expect(fs.readdirSync(path.join(runtime, 'headroom')).filter((n) => n.startsWith('wrap-'))).toEqual([]);
      expect(fingerprint(watched)).toEqual(before);
    }, 150_000);
  }
});
