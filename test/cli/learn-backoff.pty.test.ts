import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { BackoffLedger } from '../../src/intercept/backoff/index.js';
import { openStore } from '../../src/memory/index.js';
import { BIN, headroom, isolatedEnv } from '../helpers/cli.js';
import { bashCall, callsBody, realLog } from '../helpers/conversation.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';
import { AGENT_HEADERS, request } from '../helpers/proxy-harness.js';
import { startProxyProcess, untilWarm } from '../helpers/proxy-process.js';
import { spawnTerm } from '../helpers/term.js';
import { tempDir } from '../helpers/temp-dir.js';

// Issue 14, lever 5: `headroom learn` offers this project's back-offs as a
// setting. In a real terminal the proposal shows the config file's diff and
// why; accepted, the config file keeps the pattern whole for good: after the
// back-off itself is reset, a real `headroom proxy` still sends it up whole.

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake?.close();
});

test('a back-off is offered as keepWhole, written to the config when accepted, and holds after a reset', async () => {
  const env = { ...isolatedEnv(), PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', NO_COLOR: '1', HEADROOM_BACKOFF_AFTER: '2' };
  const project = fs.realpathSync(tempDir('learn-backoff-'));
  fs.mkdirSync(path.join(project, '.git'));
  const empty = tempDir('learn-backoff-sessions-');
  try {
    // Two signals in two sessions, recorded in the real SQLite store the way the proxy records them.
    const config = loadConfig(env);
    const store = await openStore(config);
    const ledger = new BackoffLedger(store, project, 2);
    await ledger.record('anthropic:s1', [{ callId: 'toolu_1', pattern: 'Bash: tail', reason: 'retrieve' }]);
    expect(await ledger.record('anthropic:s2', [{ callId: 'toolu_2', pattern: 'Bash: tail', reason: 'rerun' }])).toEqual(['Bash: tail']);
    await store.close();

    const json = JSON.parse((await headroom(['learn', '--from', empty, '--json'], { env, cwd: project })).stdout.toString()) as { proposals: Array<{ file: string; rules: string[]; diff: string }> };
    expect(json.proposals).toHaveLength(1);
    expect(json.proposals[0]).toMatchObject({ file: config.configFile, rules: ['Bash: tail'] });
    expect(json.proposals[0]!.diff).toContain('+  "keepWhole": {');

    const t = spawnTerm(process.execPath, [BIN, 'learn', '--from', empty], { cwd: project, env, cols: 140, rows: 40 });
    await t.waitFor(/1 of 1: /);
    const screen = t.screen().join('\n');
    expect(screen).toContain('Bash: tail');
    expect(screen).toMatch(/headroom stopped compressing it here/);
    expect(screen).toMatch(/1 original fetched back, 1 re-run/);
    t.write('a');
    expect((await t.exited).exitCode).toBe(0);
    expect(t.raw()).toMatch(/kept whole for good in .*config\.json: Bash: tail/);
    expect(JSON.parse(fs.readFileSync(config.configFile, 'utf8'))).toEqual({ keepWhole: { [project]: ['Bash: tail'] } });
    expect(fs.statSync(config.configFile).mode & 0o777).toBe(0o600);

    // Already in the config: not offered again. The back-off lifted, the setting still holds.
    expect(JSON.parse((await headroom(['learn', '--from', empty, '--json'], { env, cwd: project })).stdout.toString()).proposals).toEqual([]);
    expect(JSON.parse((await headroom(['stats', '--reset-backoff', '--json'], { env, cwd: project })).stdout.toString())).toEqual({ reset: 'all', lifted: 1 });
    const proxy = await startProxyProcess({ ...env, HEADROOM_ANTHROPIC_UPSTREAM: fake.url }, [], { cwd: project });
    try {
      await untilWarm(proxy);
      const log = realLog('loghub-hdfs');
      const sent = (b: Buffer, session: string) =>
        request(`${proxy.url}/v1/messages`, { headers: { ...AGENT_HEADERS.anthropic, 'x-claude-code-session-id': session }, body: b });
      expect((await sent(callsBody([bashCall('toolu_t', 'tail -n 3000 logs/hdfs.log', log)]), 'sess-keep')).status).toBe(200);
      expect(fake.requests.findLast((q) => q.headers['x-claude-code-session-id'] === 'sess-keep')!.body.includes(JSON.stringify(log))).toBe(true);
      expect((await sent(callsBody([bashCall('toolu_j', 'journalctl -u hdfs', log)]), 'sess-other')).status).toBe(200);
      expect(fake.requests.findLast((q) => q.headers['x-claude-code-session-id'] === 'sess-other')!.body.includes(JSON.stringify(log))).toBe(false);
    } finally {
      expect((await proxy.stop()).code).toBe(0);
    }
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
    fs.rmSync(empty, { recursive: true, force: true });
  }
}, 90_000);
