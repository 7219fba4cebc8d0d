import path from 'node:path';
import { expect, test } from 'vitest';
import { openSqliteStore } from '../../src/memory/sqlite-store.js';
import type { Store } from '../../src/memory/types.js';
import { WriteBehind } from '../../src/memory/write-behind.js';
import { tempDir } from '../helpers/temp-dir.js';

// Records written late and together, on a real SQLite file: read back before
// they are written (and while they are), a later value for a key wins, a
// burst's records written after it in slices.

const dir = tempDir('headroom-write-behind-');

/** The store, counting its write calls. */
function counted(store: Store): { store: Store; writes: () => number } {
  let writes = 0;
  const wrapped: Store = {
    ...store,
    setRecord: (...a) => (writes++, store.setRecord(...a)),
    setRecords: (...a) => (writes++, store.setRecords(...a)),
  };
  return { store: wrapped, writes: () => writes };
}

test('a burst of records is written together after the delay, a slice per transaction; what waits is read back meanwhile', async () => {
  const sqlite = openSqliteStore(path.join(dir, 'a.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const { store, writes } = counted(sqlite);
  const behind = new WriteBehind(store, 30);
  for (let i = 0; i < 200; i++) behind.set('seen', `s${i}`, Buffer.from(`${i}`));
  behind.set('seen', 's7', Buffer.from('later'));
  behind.set('scope', 's7', Buffer.from('0'));
  expect(await sqlite.getRecord('seen', 's7')).toBeUndefined();
  expect(Buffer.from((await behind.get('seen', 's7'))!).toString()).toBe('later');
  await new Promise((r) => setTimeout(r, 120));
  expect(writes()).toBe(5); // per kind, in slices of 64: 4 for 200 'seen', 1 for 'scope'
  expect(Buffer.from((await sqlite.getRecord('seen', 's7'))!).toString()).toBe('later');
  expect(Buffer.from((await sqlite.getRecord('seen', 's199'))!).toString()).toBe('199');
  expect(Buffer.from((await sqlite.getRecord('scope', 's7'))!).toString()).toBe('0');
  await behind.flush(); // nothing waits: no write
  expect(writes()).toBe(5);
  await sqlite.close();
});

test('the write waits while records keep coming, but no longer than its bound', async () => {
  const sqlite = openSqliteStore(path.join(dir, 'c.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const { store, writes } = counted(sqlite);
  // A burst: a record every 10 ms for 150 ms, with a quiet time of 60 ms: nothing is written during it.
  const quiet = new WriteBehind(store, 60, 10_000);
  for (let i = 0; i < 15; i++) {
    quiet.set('seen', `q${i}`, Buffer.from('1'));
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(writes()).toBe(0);
  await new Promise((r) => setTimeout(r, 150));
  expect(writes()).toBe(1);
  expect(Buffer.from((await sqlite.getRecord('seen', 'q14'))!).toString()).toBe('1');
  // Records that never stop coming are written once the oldest has waited the bound.
  const bounded = new WriteBehind(store, 60, 100);
  const t0 = performance.now();
  while (writes() === 1 && performance.now() - t0 < 1000) {
    bounded.set('seen', 'b', Buffer.from('1'));
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(writes()).toBe(2);
  await bounded.flush();
  await sqlite.close();
});

test('records are read back while their slices are being written', async () => {
  const sqlite = openSqliteStore(path.join(dir, 'd.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const behind = new WriteBehind(sqlite, 60_000);
  for (let i = 0; i < 300; i++) behind.set('seen', `r${i}`, Buffer.from(`${i}`));
  const flushing = behind.flush();
  // The first slice is written; the last waits for a later turn of the loop, and is read from memory meanwhile.
  await new Promise((r) => setTimeout(r, 0));
  expect(Buffer.from((await behind.get('seen', 'r299'))!).toString()).toBe('299');
  await flushing;
  expect(Buffer.from((await sqlite.getRecord('seen', 'r299'))!).toString()).toBe('299');
  expect(Buffer.from((await behind.get('seen', 'r0'))!).toString()).toBe('0');
  await sqlite.close();
});

test('a second flush while one is writing keeps the records of both readable, of the same kind too', async () => {
  const sqlite = openSqliteStore(path.join(dir, 'e.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const behind = new WriteBehind(sqlite, 60_000);
  for (let i = 0; i < 300; i++) behind.set('seen', `r${i}`, Buffer.from(`${i}`));
  const first = behind.flush();
  behind.set('seen', 'x', Buffer.from('x'));
  const second = behind.flush(); // a session closing while the timer's flush writes
  await new Promise((r) => setTimeout(r, 0));
  expect(Buffer.from((await behind.get('seen', 'r299'))!).toString()).toBe('299');
  expect(Buffer.from((await behind.get('seen', 'x'))!).toString()).toBe('x');
  await Promise.all([first, second]);
  expect(Buffer.from((await sqlite.getRecord('seen', 'r299'))!).toString()).toBe('299');
  // Flushes write in order: a key set again before the second flush ends with its later value.
  for (let i = 0; i < 300; i++) behind.set('seen', `t${i}`, Buffer.from('1'));
  behind.set('seen', 'k', Buffer.from('old')); // in the last of five slices
  const third = behind.flush();
  behind.set('seen', 'k', Buffer.from('new'));
  await Promise.all([third, behind.flush()]);
  expect(Buffer.from((await sqlite.getRecord('seen', 'k'))!).toString()).toBe('new');
  expect(Buffer.from((await sqlite.getRecord('seen', 'x'))!).toString()).toBe('x');
  await sqlite.close();
});

test('flush writes at once, and a store that cannot write costs nothing but the records', async () => {
  const sqlite = openSqliteStore(path.join(dir, 'b.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const behind = new WriteBehind(sqlite, 60_000);
  behind.set('seen', 'k', Buffer.from('v'));
  await behind.flush();
  expect(Buffer.from((await sqlite.getRecord('seen', 'k'))!).toString()).toBe('v');
  await sqlite.close();
  behind.set('seen', 'k2', Buffer.from('v'));
  await expect(behind.flush()).resolves.toBeUndefined();
});
