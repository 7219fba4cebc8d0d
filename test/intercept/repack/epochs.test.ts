import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { WriteBehind } from '../../../src/memory/write-behind.js';
import { Epochs, type RequestFacts } from '../../../src/intercept/repack/epochs.js';
import { MARGIN_MS } from '../../../src/intercept/repack/lapse.js';
import type { Plan } from '../../../src/intercept/repack/plan.js';
import { openSqliteStore } from '../../../src/memory/sqlite-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

// Epochs on a real SQLite file: what one proxy decided, another (or the same
// after a restart) replays; the first plan claimed for an epoch stands.

const dir = tempDir('headroom-epochs-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const FIVE = 5 * 60_000;
/** Just past the TTL and its margin. */
const PAST = FIVE + MARGIN_MS + 1;
const thread = { key: 'thread-1', provider: 'anthropic' };
const plan = (epoch: number, turns: number, anchor: string, role: 'repack' | 'pointer' = 'repack'): Plan => ({
  epoch,
  turns,
  anchor,
  roles: new Map([[`${anchor}\0${0}`, role === 'repack' ? { kind: 'repack' } : { kind: 'pointer', by: 'later', reason: 'run again' }]]),
});
const facts = (now: number, turns: number, calls: string[], make: RequestFacts['make'] = (e) => plan(e, turns, calls.at(-1)!)): RequestFacts => ({
  now,
  ttlMs: FIVE,
  turns,
  calls: new Set(calls),
  allowed: true,
  make,
});

test('a lapse opens an epoch; a restart replays it; a second proxy that also saw the lapse gets the first plan', async () => {
  const file = path.join(dir, 'a.db');
  let store = openSqliteStore(file, { ttlDays: 30, maxBytes: 1 << 26 });
  let epochs = new Epochs(store);
  expect(await epochs.open(thread, facts(0, 3, ['a']))).toEqual({ repacked: false });
  expect(await epochs.open(thread, facts(FIVE, 5, ['a', 'b']))).toEqual({ repacked: false });
  const opened = await epochs.open(thread, facts(FIVE + PAST, 7, ['a', 'b', 'c']));
  expect(opened).toEqual({ plan: plan(1, 7, 'c'), repacked: true });
  await store.close();

  store = openSqliteStore(file, { ttlDays: 30, maxBytes: 1 << 26 });
  epochs = new Epochs(store);
  // Warm again: the epoch's plan is followed, nothing new is made.
  const never = () => {
    throw new Error('no plan may be made inside a warm window');
  };
  expect(await epochs.open(thread, facts(FIVE + PAST + 60_000, 9, ['a', 'b', 'c', 'd'], never))).toEqual({ plan: plan(1, 7, 'c'), repacked: false });
  // A request older than the epoch (the session replayed again) follows epoch 0.
  expect(await epochs.open(thread, facts(FIVE + PAST + 61_000, 5, ['a', 'b'], never))).toEqual({ repacked: false });
  // Two proxies on one store both see the next lapse: the first claim stands for both.
  const other = new Epochs(store);
  const later = FIVE + PAST + 61_000 + PAST;
  const mine = await epochs.open(thread, facts(later, 11, ['a', 'b', 'c', 'd', 'e'], (e) => plan(e, 11, 'e', 'pointer')));
  const theirs = await other.open(thread, facts(later, 11, ['a', 'b', 'c', 'd', 'e'], (e) => plan(e, 11, 'e', 'repack')));
  expect(mine).toEqual({ plan: plan(2, 11, 'e', 'pointer'), repacked: true });
  expect(theirs).toEqual(mine);
  await store.close();
});

test('an answer that cached nothing makes the next request a lapse; one that wrote the cache does not', async () => {
  const store = openSqliteStore(path.join(dir, 'b.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const epochs = new Epochs(store);
  await epochs.open(thread, facts(0, 3, ['a']));
  await epochs.answered(thread, { input: 5000, cacheRead: 0, cacheWrite: 4000, output: 10 });
  expect((await epochs.open(thread, facts(1000, 5, ['a', 'b']))).repacked).toBe(false);
  await epochs.answered(thread, { input: 9000, cacheRead: 0, cacheWrite: 0, output: 10 });
  expect((await epochs.open(thread, facts(2000, 7, ['a', 'b', 'c']))).repacked).toBe(true);
  await store.close();
});

test('a branch rewound past the epoch\'s newest call does not follow it; without a store nothing is repacked', async () => {
  const store = openSqliteStore(path.join(dir, 'c.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const epochs = new Epochs(store);
  await epochs.open(thread, facts(0, 3, ['a']));
  expect((await epochs.open(thread, facts(PAST, 5, ['a', 'b']))).repacked).toBe(true);
  expect(await epochs.open(thread, facts(PAST + 1, 7, ['a', 'x', 'y'], () => undefined))).toEqual({ repacked: false });
  await store.close();
  const none = new Epochs();
  await none.open(thread, facts(0, 3, ['a']));
  expect(await none.open(thread, facts(PAST, 5, ['a', 'b']))).toEqual({ repacked: false });
});

test('a request of the scope shed unread counts as seen: no lapse while it may have warmed the cache, also after a restart', async () => {
  const file = path.join(dir, 'd.db');
  let store = openSqliteStore(file, { ttlDays: 30, maxBytes: 1 << 26 });
  const behind = new WriteBehind(store);
  let epochs = new Epochs(store, undefined, behind);
  const inScope = (now: number, turns: number, calls: string[]): RequestFacts => ({ ...facts(now, turns, calls), scope: 'anthropic:s1' });
  await epochs.open(thread, inScope(0, 3, ['a']));
  // Shed under load four minutes later: its thread is unknown, maybe this one.
  epochs.unseen.record('anthropic:s1', 4 * 60_000, FIVE);
  // Past the TTL from the thread's last request seen, not from the shed one.
  expect((await epochs.open(thread, inScope(PAST, 5, ['a', 'b']))).repacked).toBe(false);
  // A shed request of another scope says nothing about this thread.
  epochs.unseen.record('anthropic:s2', PAST + 60_000, FIVE);
  expect((await epochs.open(thread, inScope(PAST + PAST, 7, ['a', 'b', 'c']))).repacked).toBe(true);

  // A restarted proxy on the same store knows of the sheds too.
  epochs.unseen.record('anthropic:s1', 3 * PAST, FIVE);
  await behind.flush(); // written behind: the session flushes as it closes
  await store.close();
  store = openSqliteStore(file, { ttlDays: 30, maxBytes: 1 << 26 });
  epochs = new Epochs(store);
  expect((await epochs.open(thread, inScope(3 * PAST + FIVE, 9, ['a', 'b', 'c', 'd']))).repacked).toBe(false);
  expect((await epochs.open(thread, inScope(4 * PAST + FIVE, 11, ['a', 'b', 'c', 'd', 'e']))).repacked).toBe(true);
  await store.close();
});
