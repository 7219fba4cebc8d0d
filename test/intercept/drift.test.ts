import { expect, test } from 'vitest';
import { DriftCheck } from '../../src/intercept/drift.js';
import type { ParsedRequest } from '../../src/intercept/providers/types.js';

// Turns as a client sends them, one JSON value per message; the spans are
// what the adapter reports for each.
function request(messages: readonly string[]): { parsed: ParsedRequest; sent: string } {
  let sent = '{"messages":[';
  const turnSpans: Array<{ start: number; end: number }> = [];
  messages.forEach((m, i) => {
    if (i > 0) sent += ',';
    turnSpans.push({ start: sent.length, end: sent.length + m.length });
    sent += m;
  });
  sent += ']}';
  return { parsed: { turnSpans } as unknown as ParsedRequest, sent };
}

const user = (text: string, cc = '') => `{"role":"user","content":[{"type":"text","text":${JSON.stringify(text)}${cc}}]}`;
const CC = ',"cache_control":{"type":"ephemeral"}';

test('a changed earlier turn is drift; the same turns repeated and extended are not', () => {
  const d = new DriftCheck();
  const a = request([user('hi'), user('tool output')]);
  d.observe('s', a.parsed, a.sent);
  const b = request([user('hi'), user('tool output'), user('next')]);
  d.observe('s', b.parsed, b.sent);
  expect(d.drifts).toBe(0);
  const c = request([user('hi'), user('tool output, changed'), user('next'), user('more')]);
  d.observe('s', c.parsed, c.sent);
  expect(d.drifts).toBe(1);
});

test('a cache breakpoint moving along the conversation is the client marking, not a change', () => {
  const d = new DriftCheck();
  const a = request([user('hi', CC), user('tool output', CC)]);
  d.observe('s', a.parsed, a.sent);
  const b = request([user('hi'), user('tool output', CC), user('next', CC)]);
  d.observe('s', b.parsed, b.sent);
  // breakpoint first among the keys, with a ttl
  const c = request([`{"cache_control":{"type":"ephemeral","ttl":"1h"},"role":"user","content":[{"type":"text","text":"hi"}]}`, user('tool output'), user('next'), user('more')]);
  d.observe('s', c.parsed, c.sent);
  expect(d.drifts).toBe(0);
  expect(d.compared).toBe(2);
});
