import path from 'node:path';
import { expect, test } from 'vitest';
import { ChangedScopes } from '../../../src/intercept/admission/changed-scopes.js';
import { WriteBehind } from '../../../src/memory/write-behind.js';
import { openSqliteStore } from '../../../src/memory/sqlite-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

// What lets a request be sent unread under load: its scope is known, in this
// process or in the store, to have gone up only as it came. Unknown counts as
// changed (an older proxy may have compressed the session), and a change is
// never written over. On a real SQLite file, across a "restart" (a new
// ChangedScopes on the same store).

const dir = tempDir('headroom-scopes-');

const settle = () => new Promise((r) => setTimeout(r, 50));

test('a scope is unread-safe only once seen unchanged, and a change stands across restarts', async () => {
  const store = openSqliteStore(path.join(dir, 'store.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const behindA = new WriteBehind(store);
  const a = new ChangedScopes(store, behindA);
  expect(await a.changed('anthropic:s1')).toBe(true); // never seen: may come from an older proxy
  a.seen('anthropic:s1');
  await settle();
  expect(await a.changed('anthropic:s1')).toBe(false);
  // A '0' is written behind: until then a restarted proxy does not know the scope, the cautious answer.
  expect(await new ChangedScopes(store).changed('anthropic:s1')).toBe(true);
  a.mark('anthropic:s2');
  expect(await a.changed('anthropic:s2')).toBe(true);
  // A '1' is written at once: a proxy killed now still knows the scope changed.
  expect(await new ChangedScopes(store).changed('anthropic:s2')).toBe(true);
  await behindA.flush(); // what the session does as it closes

  const behindB = new WriteBehind(store);
  const b = new ChangedScopes(store, behindB); // a restarted proxy: memory empty, the store remembers
  expect(await b.changed('anthropic:s1')).toBe(false);
  b.seen('anthropic:s2'); // a body of s2 that went up as it came does not undo its earlier change
  await settle();
  await behindB.flush();
  expect(await b.changed('anthropic:s2')).toBe(true);
  expect(await new ChangedScopes(store).changed('anthropic:s2')).toBe(true);
  b.mark('anthropic:s1');
  await settle();
  expect(await new ChangedScopes(store).changed('anthropic:s1')).toBe(true);
  await behindB.flush();
  expect(await new ChangedScopes(store).changed('anthropic:s1')).toBe(true);
  await store.close();
});

test("a change marked while the scope's '0' waits to be written behind is not written over by it", async () => {
  const store = openSqliteStore(path.join(dir, 'race.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const behind = new WriteBehind(store, 60_000);
  const c = new ChangedScopes(store, behind);
  c.seen('anthropic:r');
  await settle(); // the store was asked, and a '0' waits
  c.mark('anthropic:r');
  await behind.flush();
  expect(await new ChangedScopes(store).changed('anthropic:r')).toBe(true);
  await store.close();
});

test('without a store, only what this process saw counts', async () => {
  const c = new ChangedScopes();
  expect(await c.changed('x')).toBe(true);
  c.seen('x');
  expect(await c.changed('x')).toBe(false);
  c.mark('x');
  expect(await c.changed('x')).toBe(true);
});
