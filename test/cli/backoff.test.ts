import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroom, isolatedEnv } from '../helpers/cli.js';
import { type CallStep, bashCall, callsBody, realLog, repeatsPrefix } from '../helpers/conversation.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';
import { AGENT_HEADERS, request } from '../helpers/proxy-harness.js';
import { type ProxyProcess, startProxyProcess, untilWarm } from '../helpers/proxy-process.js';
import { tempDir } from '../helpers/temp-dir.js';

// Issue 14, lever 5, on real processes and the real SQLite file: a retrieval
// and a re-run right after compressed `tail` outputs back `Bash: tail` off in
// the project (HEADROOM_BACKOFF_AFTER=2); new tail outputs then go up whole,
// also after a restart, other commands are still compressed, and the bytes
// already sent never change. `headroom stats --json` shows the back-off and
// --reset-backoff lifts it.

type Step = CallStep;
const bash = bashCall;
const body = callsBody;
const literal = (s: string) => JSON.stringify(s);

let fake: FakeProvider;
let project: string;
beforeAll(async () => {
  fake = await startFakeProvider();
  project = tempDir('headroom-backoff-project-');
  fs.mkdirSync(path.join(project, '.git'));
});
afterAll(async () => {
  await fake?.close();
  fs.rmSync(project, { recursive: true, force: true });
});

async function send(proxy: ProxyProcess, session: string, steps: readonly Step[]): Promise<Buffer> {
  const r = await request(`${proxy.url}/v1/messages`, { headers: { ...AGENT_HEADERS.anthropic, 'x-claude-code-session-id': session }, body: body(steps) });
  expect(r.status).toBe(200);
  return fake.requests.findLast((q) => q.headers['x-claude-code-session-id'] === session)!.body;
}

describe('back-off of a command pattern, per project, in the store', () => {
  it('stops compressing after the signals, keeps earlier bytes, survives a restart, shows in stats, and resets', async () => {
    const env = { ...isolatedEnv(), HEADROOM_ANTHROPIC_UPSTREAM: fake.url, HEADROOM_BACKOFF_AFTER: '2' };
    const hdfs = realLog('loghub-hdfs');
    const hadoop = realLog('loghub-hadoop');
    const first = await startProxyProcess(env, [], { cwd: project });
    await untilWarm(first);

    // Session A: a compressed tail, then the original retrieved through the MCP tool.
    const a: Step[] = [bash('toolu_a1', 'tail -n 3000 logs/hdfs.log', hdfs)];
    const a1 = await send(first, 'sess-a', a);
    expect(a1.includes(literal(hdfs))).toBe(false);
    const id = /retrieve id=(hr_[a-z0-9]{12})/.exec(a1.toString('utf8'))![1]!;
    a.push({ id: 'toolu_a2', tool: 'mcp__headroom__headroom_retrieve', input: { id }, output: hdfs });
    const a2 = await send(first, 'sess-a', a);
    expect(repeatsPrefix(a1, a2)).toBe(true);

    // One signal is under the threshold: session B's tail is still compressed, then re-run right after.
    const b: Step[] = [bash('toolu_b1', 'tail -n 3000 logs/hadoop.log', hadoop)];
    expect((await send(first, 'sess-b', b)).includes(literal(hadoop))).toBe(false);
    b.push(bash('toolu_b2', 'tail -n 3000 logs/hadoop.log | grep -i exception', hadoop.split('\n').slice(0, 3).join('\n')));
    await send(first, 'sess-b', b);

    // Backed off: a new tail goes up whole, in session A too, whose earlier bytes stay as sent.
    const zk = realLog('loghub-zookeeper');
    a.push(bash('toolu_a3', 'tail -n 3000 logs/zookeeper.log', zk));
    const a3 = await send(first, 'sess-a', a);
    expect(repeatsPrefix(a2, a3)).toBe(true);
    expect(a3.includes(literal(zk))).toBe(true);
    // Another pattern is still compressed.
    const ssh = realLog('loghub-openssh');
    expect((await send(first, 'sess-c', [bash('toolu_c1', 'journalctl -u sshd --no-pager', ssh)])).includes(literal(ssh))).toBe(false);
    expect((await first.stop()).code).toBe(0);

    const second = await startProxyProcess(env, [], { cwd: project });
    try {
      await untilWarm(second);
      const linux = realLog('loghub-linux');
      expect((await send(second, 'sess-d', [bash('toolu_d1', 'tail -n 3000 logs/linux.log', linux)])).includes(literal(linux))).toBe(true);
      a.push(bash('toolu_a4', 'journalctl -u sshd --no-pager', ssh));
      const a4 = await send(second, 'sess-a', a);
      expect(repeatsPrefix(a3, a4)).toBe(true);
    } finally {
      expect((await second.stop()).code).toBe(0);
    }

    const stats = await headroom(['stats', '--json'], { env, cwd: project });
    expect(stats.code).toBe(0);
    const report = JSON.parse(stats.stdout.toString()) as { backoffAfter: number; backoffs: Array<Record<string, unknown>> };
    expect(report.backoffAfter).toBe(2);
    expect(report.backoffs).toEqual([
      { project: fs.realpathSync(project), pattern: 'Bash: tail', signals: { retrieve: 1, rerun: 1, reread: 0 }, sessions: 2, since: expect.any(Number) },
    ]);
    const text = await headroom(['stats'], { env, cwd: project });
    expect(text.stdout.toString()).toMatch(/Command patterns backed off[^\n]*after 2 signals/);
    expect(text.stdout.toString()).toMatch(/Bash: tail\s+\S+\s+1\s+1\s+0\s+\d{4}-/);

    const reset = await headroom(['stats', '--reset-backoff', 'Bash: tail', '--json'], { env, cwd: project });
    expect(JSON.parse(reset.stdout.toString())).toEqual({ reset: 'Bash: tail', lifted: 1 });
    expect(JSON.parse((await headroom(['stats', '--json'], { env, cwd: project })).stdout.toString()).backoffs).toEqual([]);

    const third = await startProxyProcess(env, [], { cwd: project });
    try {
      await untilWarm(third);
      const apache = realLog('loghub-apache');
      expect((await send(third, 'sess-e', [bash('toolu_e1', 'tail -n 3000 logs/apache.log', apache)])).includes(literal(apache))).toBe(false);
    } finally {
      expect((await third.stop()).code).toBe(0);
    }
  }, 120_000);
});
