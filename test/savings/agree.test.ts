import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startAgentProvider } from '../helpers/agent-provider.js';
import { AGENT_PROMPT, agentSetup, agentWorkspace, runAgent } from '../helpers/agents.js';
import { BIN, headroom } from '../helpers/cli.js';

// `headroom stats` (what the store recorded live, under `headroom wrap`) and
// `headroom savings` (the same session replayed from Claude Code's own
// transcript) must tell the same story about the same session.

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function cli(args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const r = await headroom(args, { cwd, env });
  if (r.code !== 0) throw new Error(`headroom ${args.join(' ')} exited ${r.code}\n${r.stderr}`);
  return r.stdout.toString('utf8');
}

test('a real Claude Code session under wrap: savings replayed from its transcript agrees with what stats recorded live', async () => {
  const ws = agentWorkspace('claude');
  cleanup.push(() => ws.dispose());
  const provider = await startAgentProvider({ logFile: ws.logFile, then: ['echo second-step-done'] });
  cleanup.push(() => provider.close());
  const setup = agentSetup('claude', { providerUrl: provider.url, home: ws.home, cwd: ws.cwd, prompt: AGENT_PROMPT });
  const store = path.join(ws.root, 'store.db');
  const env = { ...setup.env, HEADROOM_STORE: store };
  const run = await runAgent({ ...setup, env, bin: process.execPath, redirectArgs: [BIN, 'wrap', 'claude', '--', ...setup.redirectArgs] }, { cwd: ws.cwd, timeoutMs: 90_000 });
  expect(run.code, run.stderr).toBe(0);

  const stats = JSON.parse(await cli(['stats', '--json'], ws.cwd, env)) as { rows: Array<{ compressions: number; tokensBefore: number; tokensAfter: number }> };
  const live = {
    compressions: stats.rows.reduce((n, r) => n + r.compressions, 0),
    tokensBefore: stats.rows.reduce((n, r) => n + r.tokensBefore, 0),
    tokensAfter: stats.rows.reduce((n, r) => n + r.tokensAfter, 0),
  };
  expect(live.compressions).toBeGreaterThan(0);

  // This folder's sessions, found where Claude Code keeps them under HOME.
  const report = JSON.parse(await cli(['savings', '--json'], ws.cwd, env));
  expect(report.sessions).toHaveLength(1);
  const session = report.sessions[0];
  expect(session.recorded).toEqual(live);
  expect(session.cacheBusts).toBe(0);
  expect(session.outputTokensAfter).toBeLessThan(session.outputTokensBefore);
  expect(session.costAfter.total).toBeLessThan(session.costBefore.total);
}, 120_000);
