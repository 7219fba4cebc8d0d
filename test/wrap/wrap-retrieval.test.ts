import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startAgentProvider } from '../helpers/agent-provider.js';
import { AGENT_PROMPT, agentSetup, agentWorkspace, runAgent } from '../helpers/agents.js';
import { BIN, headroom } from '../helpers/cli.js';

// Honest accounting in the wrap summary (issue 14), with the real Claude Code
// under `headroom wrap` against a fake provider: the log it cats goes up
// compressed, then the model has it run `headroom retrieve <the marker's id>`
// in its shell. That round trip is a cost of compression: the summary counts
// its tokens and the turn it alone caused, and prices it against the saving;
// the store keeps it as a back-off signal against `Bash: cat` in the project.

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

test('claude: a retrieval of an original is counted in tokens, turns and dollars, and signals a back-off', async () => {
  const ws = agentWorkspace('claude');
  cleanup.push(() => ws.dispose());
  fs.mkdirSync(path.join(ws.cwd, '.git'));
  const retrieve = `${process.execPath} ${BIN} retrieve {hr_id}`;
  const provider = await startAgentProvider({ logFile: ws.logFile, then: [retrieve] });
  cleanup.push(() => provider.close());
  const setup = agentSetup('claude', { providerUrl: provider.url, home: ws.home, cwd: ws.cwd, prompt: AGENT_PROMPT });
  const summaryFile = path.join(ws.root, 'summary.json');
  const run = await runAgent(
    { ...setup, bin: process.execPath, redirectArgs: [BIN, 'wrap', '--json-summary', summaryFile, 'claude', '--', ...setup.redirectArgs] },
    { cwd: ws.cwd, timeoutMs: 120_000 },
  );
  const why = [`exit=${run.code}`, `requests:\n${provider.trace().join('\n')}`, `stderr:\n${run.stderr.slice(-3000)}`].join('\n');
  expect(run.code, why).toBe(0);
  // The model asked for the id it was shown, and the agent's shell got the original back.
  const asked = provider.requests.filter((r) => r.body.includes('bin/headroom retrieve hr_'));
  expect(asked.length, why).toBeGreaterThan(0);
  // The original it fetched went up whole: a retrieval's answer is never compressed again, nor made a
  // reference to the identical output above (which went up compressed).
  const original = fs.readFileSync(ws.logFile, 'utf8').trim();
  expect(asked.at(-1)!.body.toString('utf8').includes(JSON.stringify(original).slice(1, -1)), why).toBe(true);

  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  expect(summary.retrievals, why).toBe(1);
  expect(summary.retrievalTurns, why).toBe(1);
  expect(summary.retrievalTokens, why).toBeGreaterThan(0);
  expect(summary.dollars.retrievals, why).toBeGreaterThan(0);
  expect(summary.dollars.net, why).toBeCloseTo(summary.dollars.saved - summary.dollars.retrievals, 5);
  expect(run.stderr, why).toMatch(/1 retrieval \(~[\d,]+ tokens, 1 extra turn, \$\d+\.\d{2,4}, counted against the saving\)/);

  // The same store (the session's HOME) holds the signal, under the project and `Bash: cat`.
  const stats = JSON.parse((await headroom(['stats', '--json'], { env: setup.env, cwd: ws.cwd })).stdout.toString()) as { backoffs: unknown[] };
  expect(stats.backoffs, why).toEqual([{ project: fs.realpathSync(ws.cwd), pattern: 'Bash: cat', signals: { retrieve: 1, rerun: 0, reread: 0 }, sessions: 1 }]);
}, 150_000);
