import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { startAgentProvider } from '../helpers/agent-provider.js';
import { agentProcesses, agentSetup, agentWorkspace, reapAgentProcesses } from '../helpers/agents.js';
import { BIN } from '../helpers/cli.js';

// What an agent leaves running when it exits is ended with the session: here
// the real Claude Code's background session (`claude --bg`), whose daemon and
// worker inherit the endpoint's address and would otherwise go on sending
// requests (and the key) to a port nobody holds. Only the provider is fake.

let cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

test('a background session started under wrap ends with the session, and the log says so', async () => {
  const ws = agentWorkspace('claude');
  cleanup.push(() => ws.dispose());
  cleanup.push(() => reapAgentProcesses(ws.home));
  const provider = await startAgentProvider({ logFile: ws.logFile });
  cleanup.push(() => provider.close());
  const setup = agentSetup('claude', { providerUrl: provider.url, home: ws.home, cwd: ws.cwd, prompt: 'say hi' });
  const r = spawnSync(process.execPath, [BIN, 'wrap', '--verbose', 'claude', '--bg', 'say hi'], { cwd: ws.cwd, env: setup.env, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/backgrounded/);
  expect(agentProcesses(ws.home), 'the daemon and the background session').toEqual([]);
  const log = /session log at (\S+)/.exec(r.stderr)?.[1];
  expect(fs.readFileSync(log!, 'utf8')).toMatch(/ended \d+ processes the agent left running/);
}, 90_000);
