import { expect, test } from 'vitest';
import { ByteLru, stringBytes } from '../../src/memory/byte-lru.js';
import { realLog } from '../helpers/conversation.js';

// Caches are bounded by bytes: many small entries and a few big ones alike.

test('holds at most its bytes, dropping the least recently used first', () => {
  const lru = new ByteLru<string>(200_000, stringBytes);
  const logs = [0, 1, 2, 3].map((i) => realLog('loghub-hdfs', 40_000, 50_000 * i)); // ~80 KB each as UTF-16
  lru.set('a', logs[0]!);
  lru.set('b', logs[1]!);
  expect(lru.get('a')).toBe(logs[0]); // now the most recent
  lru.set('c', logs[2]!);
  expect(lru.bytes).toBeLessThanOrEqual(200_000);
  expect(lru.has('b')).toBe(false);
  expect(lru.has('a') && lru.has('c')).toBe(true);
  // Replacing an entry counts its new size, not both.
  lru.set('c', 'small');
  expect(lru.bytes).toBeLessThan(stringBytes(logs[0]!) + 1000);
  // One entry bigger than the whole cap is not kept.
  lru.set('huge', realLog('loghub-bgl', 150_000));
  expect(lru.has('huge')).toBe(false);
});

test('many tiny entries are bounded too (each costs its overhead)', () => {
  const lru = new ByteLru<number>(100_000, () => 8);
  for (let i = 0; i < 100_000; i++) lru.set(`key-${i}`, i);
  expect(lru.bytes).toBeLessThanOrEqual(100_000);
  expect(lru.size).toBeLessThan(2000);
  expect(lru.get('key-99999')).toBe(99_999);
});
