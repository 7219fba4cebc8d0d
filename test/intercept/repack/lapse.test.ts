import { expect, test } from 'vitest';
import { MARGIN_MS, decodeSeen, encodeSeen, lapsed, uncachedAnswer } from '../../../src/intercept/repack/lapse.js';

const FIVE = 5 * 60_000;

test('a lapse is more than the TTL (and a margin) since the last request, by the longer of the TTLs declared then and now', () => {
  const seen = { at: 1_000_000, ttlMs: FIVE, uncached: false };
  const past = FIVE + MARGIN_MS;
  expect(lapsed(seen, seen.at + FIVE + 1, FIVE)).toBe(false);
  expect(lapsed(seen, seen.at + past, FIVE)).toBe(false);
  expect(lapsed(seen, seen.at + past + 1, FIVE)).toBe(true);
  expect(lapsed({ ...seen, ttlMs: 3_600_000 }, seen.at + past + 1, FIVE)).toBe(false);
  expect(lapsed(seen, seen.at + past + 1, 3_600_000)).toBe(false);
});

test('nothing known, or an unknown time, is never a lapse; an answer that cached nothing is one', () => {
  expect(lapsed(undefined, 10 ** 12, FIVE)).toBe(false);
  expect(lapsed({ at: 0, ttlMs: FIVE, uncached: false }, Number.NaN, FIVE)).toBe(false);
  expect(lapsed({ at: 1000, ttlMs: FIVE, uncached: true }, 1001, FIVE)).toBe(true);
});

test('only an Anthropic answer with neither a cache read nor a cache write counts as uncached', () => {
  expect(uncachedAnswer('anthropic', { input: 900, cacheRead: 0, cacheWrite: 0, output: 10 })).toBe(true);
  // Read nothing but wrote the prefix: the cache is warm now.
  expect(uncachedAnswer('anthropic', { input: 10, cacheRead: 0, cacheWrite: 9000, output: 10 })).toBe(false);
  expect(uncachedAnswer('anthropic', { input: 10, cacheRead: 9000, cacheWrite: 0, output: 10 })).toBe(false);
  // OpenAI does not report cache writes: no figure says nothing was cached.
  expect(uncachedAnswer('openai-chat', { input: 900, cacheRead: 0, cacheWrite: 0, output: 10 })).toBe(false);
  expect(uncachedAnswer('anthropic', undefined)).toBe(false);
});

test('the record round-trips, and an unreadable one is no record', () => {
  const s = { at: 1_765_000_000_123, ttlMs: 3_600_000, uncached: true };
  expect(decodeSeen(encodeSeen(s))).toEqual(s);
  expect(decodeSeen(Buffer.from('garbage'))).toBeUndefined();
});
