import path from 'node:path';
import { expect, test } from 'vitest';
import { ChangedScopes } from '../../../src/intercept/admission/changed-scopes.js';
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
  const a = new ChangedScopes(store);
  expect(await a.changed('anthropic:s1')).toBe(true); // never seen: may come from an older proxy
  a.seen('anthropic:s1');
  await settle();
  expect(await a.changed('anthropic:s1')).toBe(false);
  a.mark('anthropic:s2');
  expect(await a.changed('anthropic:s2')).toBe(true);
  await settle();

  const b = new ChangedScopes(store); // a restarted proxy: memory empty, the store remembers
  expect(await b.changed('anthropic:s1')).toBe(false);
  b.seen('anthropic:s2'); // a body of s2 that went up as it came does not undo its earlier change
  await settle();
  expect(await b.changed('anthropic:s2')).toBe(true);
  expect(await new ChangedScopes(store).changed('anthropic:s2')).toBe(true);
  b.mark('anthropic:s1');
  await settle();
  expect(await new ChangedScopes(store).changed('anthropic:s1')).toBe(true);
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
