import { expect, test } from 'vitest';
import { DEFAULT_TTL_MS, declaredTtlMs } from '../../../src/intercept/repack/ttl.js';

const body = (cc: unknown[]) =>
  Buffer.from(JSON.stringify({ model: 'claude-sonnet-4-5', system: cc.map((c) => ({ type: 'text', text: 'x', cache_control: c })), messages: [] }));

test('five minutes unless a breakpoint declares more; the longest one counts', () => {
  expect(declaredTtlMs(body([]))).toBe(DEFAULT_TTL_MS);
  expect(declaredTtlMs(body([{ type: 'ephemeral' }]))).toBe(5 * 60_000);
  expect(declaredTtlMs(body([{ type: 'ephemeral', ttl: '1h' }]))).toBe(3_600_000);
  expect(declaredTtlMs(body([{ type: 'ephemeral', ttl: '5m' }, { ttl: '1h', type: 'ephemeral' }]))).toBe(3_600_000);
});

test('a "ttl" outside a cache_control (a tool output that mentions one) is not a declaration', () => {
  const raw = Buffer.from(JSON.stringify({ messages: [{ role: 'user', content: [{ type: 'tool_result', content: '{"ttl": "1h"}' }] }] }));
  expect(declaredTtlMs(raw)).toBe(DEFAULT_TTL_MS);
});
