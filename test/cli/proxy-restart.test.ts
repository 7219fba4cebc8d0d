import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from '../helpers/cli.js';
import { claudeBody, realLog, repeatsPrefix } from '../helpers/conversation.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';
import { AGENT_HEADERS, request } from '../helpers/proxy-harness.js';
import { startProxyProcess, untilWarm } from '../helpers/proxy-process.js';
import { type RedisServer, startRedisServer } from '../helpers/redis-server.js';

// Issue 12, item 1, on real processes: three Bash turns with large logs under
// one session id, `headroom proxy` stopped and started again with the same
// HOME and store, then turn 4 with the same earlier messages. The earlier
// outputs must go up byte for byte as they went before the restart, or the
// provider's cached prefix breaks.

const SESSION = 'b7e2c1d0-restart-session';
const LOGS = [realLog('loghub-hdfs'), realLog('loghub-hadoop'), realLog('loghub-zookeeper'), realLog('loghub-openssh')];

let fake: FakeProvider;
let redis: RedisServer;
beforeAll(async () => {
  fake = await startFakeProvider();
  redis = await startRedisServer();
});
afterAll(async () => {
  await fake?.close();
  await redis?.dispose();
});

/** Sends turn `i` (1-based) through the proxy and returns the bytes the provider got. */
async function turn(url: string, i: number): Promise<{ client: Buffer; upstream: Buffer }> {
  const client = claudeBody(LOGS.slice(0, i));
  const r = await request(`${url}/v1/messages`, { headers: { ...AGENT_HEADERS.anthropic, 'x-claude-code-session-id': SESSION }, body: client });
  expect(r.status).toBe(200);
  const upstream = fake.requests.findLast((q) => q.headers['x-claude-code-session-id'] === SESSION)!.body;
  return { client, upstream };
}

describe.each([
  ['SQLite (the default store)', () => undefined],
  ['Redis', () => redis.url],
])('headroom proxy restarted on the same store: %s', (_name, store) => {
  it('sends the earlier outputs up byte for byte as before the restart', async () => {
    const env = { ...isolatedEnv(store()), HEADROOM_ANTHROPIC_UPSTREAM: fake.url };
    const first = await startProxyProcess(env);
    const sent = [];
    let stopped;
    try {
      await untilWarm(first);
      for (let i = 1; i <= 3; i++) sent.push(await turn(first.url, i));
    } finally {
      // Stopped whatever happened: a failing run must not leave a proxy behind.
      stopped = await first.stop();
    }
    expect(stopped.code).toBe(0);
    const [, second3, third] = sent;
    expect(repeatsPrefix(second3!.upstream, third!.upstream)).toBe(true);
    // The earlier outputs did go up compressed, so there is something to keep.
    expect(third!.upstream.length).toBeLessThan(third!.client.length / 2);

    const second = await startProxyProcess(env);
    try {
      await untilWarm(second);
      const fourth = await turn(second.url, 4);
      expect(repeatsPrefix(third!.upstream, fourth.upstream)).toBe(true);
      expect(await second.stats()).toMatchObject({ drift: 0, driftOurs: 0 });
    } finally {
      expect((await second.stop()).code).toBe(0);
    }
  }, 60_000);
});
