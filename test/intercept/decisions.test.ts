import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProxySession, rewriteRequest } from '../../src/intercept/rewrite.js';
import { openSqliteStore } from '../../src/memory/sqlite-store.js';
import type { Store } from '../../src/memory/types.js';
import { claudeBody, realLog, repeatsPrefix } from '../helpers/conversation.js';
import { tempDir } from '../helpers/temp-dir.js';

// Decisions live in the store, with a memo in front: a new session on the
// same store (a restart) and a memo that forgot (eviction) give the same bytes.

const tmp = tempDir('headroom-decisions-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const sqlite = (): { file: string; open: () => Store } => {
  const file = path.join(tmp, `s${++n}`, 'store.db');
  return { file, open: () => openSqliteStore(file, { ttlDays: 30, maxBytes: 1 << 28 }) };
};

const LOGS = [realLog('loghub-hdfs'), realLog('loghub-hadoop'), realLog('loghub-zookeeper'), realLog('loghub-openssh')];
const send = (session: ReturnType<typeof createProxySession>, outputs: readonly string[]) =>
  rewriteRequest(claudeBody(outputs), 'POST', '/v1/messages', session, 'session-1');

describe('durable decisions', () => {
  it('a memo that keeps nothing still replays every decision byte for byte', async () => {
    const { open } = sqlite();
    const store = open();
    try {
      // 1 byte of memo: every lookup goes to the store.
      const session = createProxySession({ store, budgetMs: 10_000, memoBytes: 1 });
      const sent: Buffer[] = [];
      for (let i = 1; i <= 4; i++) {
        const out = await send(session, LOGS.slice(0, i));
        expect(out.compressed).toBe(i);
        sent.push(out.body);
      }
      for (let i = 1; i < sent.length; i++) expect(repeatsPrefix(sent[i - 1]!, sent[i]!)).toBe(true);
      expect(session.decisions.memoBytes).toBe(0);
      expect(session.drift).toMatchObject({ compared: 3, drifts: 0, ours: 0 });
    } finally {
      await store.close();
    }
  });

  it('a new session on the same file replays outputs first seen outside the live zone', async () => {
    const { open } = sqlite();
    const first = open();
    const session1 = createProxySession({ store: first, budgetMs: 10_000 });
    const before = await send(session1, LOGS.slice(0, 3));
    await session1.close(); // as the proxy does when it stops: the thread's record is written
    await first.close();
    expect(before.compressed).toBe(1); // only the live output; the earlier ones went up whole, and stay so
    const second = open();
    try {
      const session = createProxySession({ store: second, budgetMs: 10_000 });
      const after = await send(session, LOGS);
      expect(repeatsPrefix(before.body, after.body)).toBe(true);
      expect(after.compressed).toBe(2); // turn 3's output replayed compressed, turn 4's compressed now
      expect(session.drift).toMatchObject({ compared: 1, drifts: 0, ours: 0 });
    } finally {
      await second.close();
    }
  });

  it('an output first left whole (out of time) stays whole after a restart with time to spare', async () => {
    const { open } = sqlite();
    const first = open();
    const late = await send(createProxySession({ store: first, budgetMs: 0 }), LOGS.slice(0, 1));
    expect(late.changed).toBe(false);
    await first.close();
    const second = open();
    try {
      const again = await send(createProxySession({ store: second, budgetMs: 10_000 }), LOGS.slice(0, 1));
      expect(again.changed).toBe(false);
      expect(again.body.equals(claudeBody(LOGS.slice(0, 1)))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('an output too large to compress goes up as it is, counted, and stays so', async () => {
    const { open } = sqlite();
    const store = open();
    try {
      const session = createProxySession({ store, budgetMs: 10_000 });
      const huge = realLog('loghub-hdfs', 300_000).repeat(18); // over 4 MB
      const raw = claudeBody([huge]);
      const out = await send(session, [huge]);
      expect(out.body.equals(raw)).toBe(true);
      expect(out.tokensBefore).toBe(out.tokensAfter);
      expect(out.tokensBefore).toBeGreaterThan(1_000_000);
      const again = await send(createProxySession({ store, budgetMs: 10_000 }), [huge, LOGS[0]!]);
      expect(repeatsPrefix(raw, again.body)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('without the stored decisions the restart would change the prefix, and the drift check says it was ours', async () => {
    // The check the durable decisions make pass, shown failing: a second store file has the threads but not the decisions.
    const a = sqlite();
    const store = a.open();
    const session = createProxySession({ store, budgetMs: 10_000 });
    const turns: Buffer[] = [];
    for (let i = 1; i <= 3; i++) turns.push((await send(session, LOGS.slice(0, i))).body);
    await session.drift.flush(); // thread writes wait a little, to coalesce
    const db = (await import('better-sqlite3')).default(a.file);
    db.exec("DELETE FROM records WHERE kind = 'decision'");
    db.close();
    try {
      const restarted = createProxySession({ store, budgetMs: 10_000 });
      const after = await send(restarted, LOGS);
      expect(repeatsPrefix(turns[2]!, after.body)).toBe(false);
      expect(restarted.drift).toMatchObject({ compared: 1, drifts: 1, ours: 1 });
    } finally {
      await store.close();
    }
  });
});
