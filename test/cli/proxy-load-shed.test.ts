import { afterAll, beforeAll, expect, it } from 'vitest';
import { isolatedEnv } from '../helpers/cli.js';
import { claudeBody, realLog, repeatsPrefix } from '../helpers/conversation.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';
import { AGENT_HEADERS, request } from '../helpers/proxy-harness.js';
import { type ProxyProcess, startProxyProcess, untilWarm } from '../helpers/proxy-process.js';

// Issue 12, item 5, on real processes: a burst of concurrent tool turns, more
// than the event loop can read within their time budget, through `headroom
// proxy`. Bodies shed under load must go up exactly as they would have: a
// session none of whose bodies was ever changed goes up byte for byte as the
// client sent it; a session whose earlier output went up compressed still
// gets that output replayed. And the decision stands: the next turn of every
// session repeats what went up, byte for byte (no drift).

const LOGS = ['loghub-hdfs', 'loghub-hadoop', 'loghub-zookeeper', 'loghub-openssh', 'loghub-bgl', 'loghub-linux', 'loghub-apache'] as const;
/** A log of its own for session s, output k: no two outputs of the test are the same. */
const log = (s: number, k: number, chars: number): string => realLog(LOGS[(s + k) % LOGS.length]!, chars, 7_919 * (s * 5 + k) + 131 * k);

/**
 * Sessions whose first turn went up compressed, then take part in the burst
 * with their second: four large outputs more, about 1 MB, so that a few of
 * them being rewritten at once already fill the time budget.
 */
const CHANGED = 24;
/** Sessions whose first turn with tool outputs is in the burst: three large outputs, the last one new. */
const FRESH = 24;

let fake: FakeProvider;
let proxy: ProxyProcess;
beforeAll(async () => {
  fake = await startFakeProvider();
  proxy = await startProxyProcess({ ...isolatedEnv(), HEADROOM_ANTHROPIC_UPSTREAM: fake.url });
  await untilWarm(proxy);
});
afterAll(async () => {
  await proxy?.stop();
  await fake?.close();
});

const sessionId = (s: number): string => `load-shed-${s}`;

/** Sends session s's body and returns what the provider got for it. */
async function send(s: number, body: Buffer): Promise<Buffer> {
  const r = await request(`${proxy.url}/v1/messages`, { headers: { ...AGENT_HEADERS.anthropic, 'x-claude-code-session-id': sessionId(s) }, body });
  expect(r.status).toBe(200);
  return fake.requests.findLast((q) => q.headers['x-claude-code-session-id'] === sessionId(s))!.body;
}

it('sheds bodies under load without changing what goes up, now or in later turns', async () => {
  const outputs = new Map<number, string[]>();
  // Sessions 0..CHANGED-1: a first turn sent alone, compressed.
  const first = new Map<number, Buffer>();
  for (let s = 0; s < CHANGED; s++) {
    outputs.set(s, [log(s, 0, 60_000)]);
    const body = claudeBody(outputs.get(s)!);
    const up = await send(s, body);
    expect(up.length).toBeLessThan(body.length / 2);
    first.set(s, up);
  }
  // Sessions CHANGED..: an opening turn with no tool output yet, as an agent's
  // first request is. That is what tells the proxy (and its store) the session
  // exists and went up as it came; a session it has never seen counts as
  // possibly changed (an older proxy may have compressed it) and is never sent unread.
  for (let s = CHANGED; s < CHANGED + FRESH; s++) {
    const opening = claudeBody([]);
    expect((await send(s, opening)).equals(opening)).toBe(true);
  }
  for (let s = CHANGED; s < CHANGED + FRESH; s++) outputs.set(s, [log(s, 0, 250_000), log(s, 1, 250_000), log(s, 2, 250_000)]);
  for (let s = 0; s < CHANGED; s++) outputs.get(s)!.push(log(s, 1, 250_000), log(s, 2, 250_000), log(s, 3, 250_000), log(s, 4, 250_000));

  // The burst: the changed sessions first (the first few are rewritten, and fill the budget), then the fresh ones.
  const before = await proxy.stats();
  const order = [...Array.from({ length: CHANGED }, (_, i) => i), ...Array.from({ length: FRESH }, (_, i) => CHANGED + i)];
  const bodies = new Map(order.map((s) => [s, claudeBody(outputs.get(s)!)]));
  const burst = new Map(await Promise.all(order.map(async (s) => [s, await send(s, bodies.get(s)!)] as const)));
  const after = await proxy.stats();
  const unread = after.shedUnread! - before.shedUnread!;
  const late = after.shedLate! - before.shedLate!;
  expect(after.failOpen).toBe(before.failOpen);

  // A fresh session's body went up whole or with its new output compressed, never otherwise changed.
  let whole = 0;
  for (let s = CHANGED; s < CHANGED + FRESH; s++) {
    if (burst.get(s)!.equals(bodies.get(s)!)) whole++;
    else expect(burst.get(s)!.length).toBeLessThan(bodies.get(s)!.length);
  }
  expect(whole).toBeGreaterThanOrEqual(unread);
  // A changed session's earlier output went up as before, shed or not.
  for (let s = 0; s < CHANGED; s++) expect(repeatsPrefix(first.get(s)!, burst.get(s)!)).toBe(true);
  // Both kinds of shedding happened (else the burst proved nothing).
  expect(unread).toBeGreaterThan(0);
  expect(late).toBeGreaterThan(0);

  // The next turn of every session, one at a time: what went up in the burst stays as it went.
  for (const s of order) {
    outputs.get(s)!.push(log(s, 5, 20_000));
    const next = await send(s, claudeBody(outputs.get(s)!));
    expect(repeatsPrefix(burst.get(s)!, next)).toBe(true);
  }
  expect(await proxy.stats()).toMatchObject({ drift: 0, driftOurs: 0 });
}, 120_000);
