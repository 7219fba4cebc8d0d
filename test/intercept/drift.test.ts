import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { DriftCheck, type Spans } from '../../src/intercept/drift.js';
import { openSqliteStore } from '../../src/memory/sqlite-store.js';
import { tempDir } from '../helpers/temp-dir.js';

// Turns as a client sends them, one JSON value per message; the spans are
// what the adapter reports for each, in bytes.
function request(messages: readonly string[]): { bytes: Buffer; spans: Spans } {
  let body = '{"messages":[';
  const spans: Array<{ start: number; end: number }> = [];
  messages.forEach((m, i) => {
    if (i > 0) body += ',';
    const start = Buffer.byteLength(body);
    spans.push({ start, end: start + Buffer.byteLength(m) });
    body += m;
  });
  body += ']}';
  return { bytes: Buffer.from(body), spans };
}

const user = (text: string, cc = '') => `{"role":"user","content":[{"type":"text","text":${JSON.stringify(text)}${cc}}]}`;
const CC = ',"cache_control":{"type":"ephemeral"}';
const untouched = () => false;

/** The client's request sent on as it came. */
const observe = (d: DriftCheck, messages: readonly string[]) => d.observe('s', request(messages), request(messages), untouched);

const tmp = tempDir('headroom-drift-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a changed earlier turn is drift; the same turns repeated and extended are not', async () => {
  const d = new DriftCheck();
  await observe(d, [user('hi'), user('tool output')]);
  await observe(d, [user('hi'), user('tool output'), user('next')]);
  expect(d.drifts).toBe(0);
  // The client changed turn 1 itself: drift, but not ours.
  await observe(d, [user('hi'), user('tool output, changed'), user('next'), user('more')]);
  expect(d.drifts).toBe(1);
  expect(d.ours).toBe(0);
});

test('a cache breakpoint moving along the conversation is the client marking, not a change', async () => {
  const d = new DriftCheck();
  await observe(d, [user('hi', CC), user('tool output', CC)]);
  await observe(d, [user('hi'), user('tool output', CC), user('next', CC)]);
  // breakpoint first among the keys, with a ttl
  await observe(d, [`{"cache_control":{"type":"ephemeral","ttl":"1h"},"role":"user","content":[{"type":"text","text":"hi"}]}`, user('tool output'), user('next'), user('more')]);
  expect(d.drifts).toBe(0);
  expect(d.compared).toBe(2);
});

test("a turn the client repeated but the proxy sent differently is counted as the proxy's, across a restart too", async () => {
  const store = openSqliteStore(path.join(tmp, 'store.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  try {
    const first = new DriftCheck(store);
    const client1 = request([user('hi'), user('a long log')]);
    // The proxy compressed turn 1.
    await first.observe('s', client1, request([user('hi'), user('[compressed]')]), (i) => i === 1);
    await first.flush(); // thread writes wait a little, to coalesce
    // A new process on the same store; the client repeats turn 1, which now goes up whole.
    const second = new DriftCheck(store);
    const client2 = request([user('hi'), user('a long log'), user('next')]);
    await second.observe('s', client2, client2, untouched);
    expect(second).toMatchObject({ compared: 1, drifts: 1, ours: 1 });
    await second.flush();
    // The same turn compressed the same way again is no drift.
    const third = new DriftCheck(store);
    const client3 = request([user('hi'), user('a long log'), user('next'), user('more')]);
    await third.observe('s', client3, client3, untouched);
    expect(third).toMatchObject({ compared: 1, drifts: 0, ours: 0 });
  } finally {
    await store.close();
  }
});

test('non-ASCII turns with moving breakpoints hash the same each time', async () => {
  const d = new DriftCheck();
  await observe(d, [user('héllo → 🤖', CC), user('tool output ≤ 3'), user('more', CC)]);
  await observe(d, [user('héllo → 🤖'), user('tool output ≤ 3', CC), user('more'), user('next', CC)]);
  await observe(d, [user('héllo → 🤖'), user('tool output ≤ 3'), user('more', CC), user('next'), user('last', CC)]);
  expect(d).toMatchObject({ compared: 2, drifts: 0 });
  await observe(d, [user('héllo → 🤖'), user('tool output ≤ 4'), user('more'), user('next'), user('last'), user('again')]);
  expect(d).toMatchObject({ compared: 3, drifts: 1 });
});
