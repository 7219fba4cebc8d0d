import type Database from 'better-sqlite3';
import { EVICT_TO, RECORDS_SHARE, TOUCH_EVERY_MS } from './retention.js';
import type { Statements } from './sqlite-schema.js';
import type { RecordKind, Store, StoredRecord } from './types.js';

// The SQLite store's records (decisions, threads): one row each, expired by
// TTL from the last read (the store's sweep deletes them) and capped by
// bytes, least recently used first. A
// claim is one IMMEDIATE transaction, so of two processes claiming the same
// key the second sees the first's value.

export interface RecordsContext {
  /** Runs one operation against the live connection (the store may reopen a broken file). */
  guard<T>(what: string, op: (db: Database.Database, s: Statements) => T): T;
  readonly now: () => number;
  readonly ttlMs: number;
  readonly maxBytes: number;
}

export type SqliteRecords = Pick<Store, 'getRecord' | 'claimRecord' | 'setRecord' | 'setRecords' | 'listRecords' | 'deleteRecords' | 'countRecords'>;

export function sqliteRecords(ctx: RecordsContext): SqliteRecords {
  const cap = Math.floor(ctx.maxBytes * RECORDS_SHARE);
  const evict = (s: Statements): void => {
    const bytes = s.recordBytes.get()?.bytes ?? 0;
    if (bytes <= cap) return;
    let excess = bytes - Math.floor(cap * EVICT_TO);
    const victims: Array<{ kind: string; key: string }> = [];
    for (const row of s.recordsByAge.iterate()) {
      if (excess <= 0) break;
      victims.push(row);
      excess -= row.size;
    }
    for (const v of victims) s.recordRemove.run(v.kind, v.key);
  };
  const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const fresh = (row: { accessed: number } | undefined, at: number): boolean => row !== undefined && row.accessed >= at - ctx.ttlMs;

  return {
    async getRecord(kind: RecordKind, key: string): Promise<Uint8Array | undefined> {
      const at = ctx.now();
      const row = ctx.guard('read a record', (_db, s) => s.recordRead.get(kind, key));
      if (!row || !fresh(row, at)) return undefined;
      // Refreshing on every read would make every read a write; once an hour is plenty for a lifetime in days.
      if (row.accessed < at - TOUCH_EVERY_MS) {
        try {
          ctx.guard('refresh a record', (_db, s) => s.recordTouch.run(at, kind, key));
        } catch {
          // a busy or read-only file still serves the record
        }
      }
      return row.value;
    },

    async claimRecord(kind: RecordKind, key: string, value: Uint8Array): Promise<Uint8Array> {
      const at = ctx.now();
      return ctx.guard('write a record', (db, s) =>
        db
          .transaction((): Uint8Array => {
            const row = s.recordRead.get(kind, key);
            if (row && fresh(row, at)) {
              if (row.accessed < at - TOUCH_EVERY_MS) s.recordTouch.run(at, kind, key);
              return row.value;
            }
            if (row) s.recordRemove.run(kind, key); // expired: the key is free again
            s.recordInsert.run({ kind, key, value: asBuffer(value), at });
            evict(s);
            return value;
          })
          .immediate(),
      );
    },

    async countRecords(kind: RecordKind): Promise<number> {
      const from = ctx.now() - ctx.ttlMs;
      return ctx.guard('count records', (_db, s) => s.recordCount.get(kind, from)?.n ?? 0);
    },

    async setRecord(kind: RecordKind, key: string, value: Uint8Array): Promise<void> {
      const at = ctx.now();
      ctx.guard('write a record', (db, s) =>
        db
          .transaction(() => {
            s.recordUpsert.run({ kind, key, value: asBuffer(value), at });
            evict(s);
          })
          .immediate(),
      );
    },

    async setRecords(kind: RecordKind, records: readonly StoredRecord[]): Promise<void> {
      if (records.length === 0) return;
      const at = ctx.now();
      ctx.guard('write records', (db, s) =>
        db
          .transaction(() => {
            for (const r of records) s.recordUpsert.run({ kind, key: r.key, value: asBuffer(r.value), at });
            evict(s);
          })
          .immediate(),
      );
    },

    async listRecords(kind: RecordKind, prefix: string): Promise<StoredRecord[]> {
      const cutoff = ctx.now() - ctx.ttlMs;
      return ctx.guard('list records', (_db, s) => s.recordsByPrefix.all({ kind, prefix, cutoff })).map((r) => ({ key: r.key, value: r.value }));
    },

    async deleteRecords(kind: RecordKind, prefix: string): Promise<number> {
      return ctx.guard('delete records', (_db, s) => s.recordsRemoveByPrefix.run({ kind, prefix }).changes);
    },
  };
}
