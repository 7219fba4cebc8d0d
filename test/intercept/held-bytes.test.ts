import { afterEach, expect, it } from 'vitest';
import { createProxySession } from '../../src/intercept/rewrite.js';
import { createMemoryStore } from '../../src/memory/memory-store.js';
import { claudeBody, realLog } from '../helpers/conversation.js';
import { AGENT_HEADERS, type Harness, startHarness } from '../helpers/proxy-harness.js';

// One cap on request bytes held at once, across requests: a body that does not
// fit while another is held streams upstream unread, byte for byte, and is counted.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.session.close();
  h = undefined;
});

it('a body past the shared cap streams through untouched; once the first exchange ends there is room again', async () => {
  const bodies = [0, 1, 2].map((i) => claudeBody([realLog('loghub-hdfs', 120_000, 50_000 * i)]));
  const session = createProxySession({ store: createMemoryStore({ ttlDays: 1, maxBytes: 1 << 28 }), budgetMs: 10_000 });
  // Room for one body, not two; the first answer streams slowly so its body stays held.
  h = await startHarness({ delayMs: 100 }, { session, maxHeldBytes: Math.floor(bodies[0]!.length * 1.5) });
  const headers = { ...AGENT_HEADERS.anthropic, 'x-claude-code-session-id': 'held' };
  const first = h.send('/v1/messages', { headers, body: bodies[0] });
  while (h.fake.requests.length < 1) await new Promise((r) => setTimeout(r, 10));
  expect(h.proxy.stats().heldBytes).toBe(bodies[0]!.length);

  const second = await h.send('/v1/messages', { headers, body: bodies[1] });
  expect(second.status).toBe(200);
  expect(h.fake.requests[1]!.body.equals(bodies[1]!)).toBe(true);
  expect(h.proxy.stats()).toMatchObject({ overCap: 1, oversize: 1 });

  expect((await first).status).toBe(200);
  expect(h.fake.requests[0]!.body.length).toBeLessThan(bodies[0]!.length / 2); // held and compressed
  // The reservation ends when the proxy's side of the exchange closes, just after the client has the answer.
  for (let i = 0; i < 100 && h.proxy.stats().heldBytes > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(h.proxy.stats().heldBytes).toBe(0);
  await h.send('/v1/messages', { headers, body: bodies[2] });
  expect(h.fake.requests[2]!.body.length).toBeLessThan(bodies[2]!.length / 2);
  expect(h.proxy.stats()).toMatchObject({ overCap: 1, rewritten: 2 });
});
