import fs from 'node:fs';
import Database from 'better-sqlite3';
import { decodeBlob, encodeBlob } from './blob.js';
import { contentHash } from './id.js';
import { SCHEMA_VERSION, type Statements, applySchema, prepareStatements } from './sqlite-schema.js';
import { sqliteRecords } from './sqlite-records.js';
import { preparePrivateFile } from './private-file.js';
import {
  type CompressionEvent,
  type OriginalMeta,
  type PreparedOriginal,
  type RetrievalEvent,
  type StatsReport,
  type StatsRow,
  type Store,
  StoreError,
  type StoreOptions,
} from './types.js';
import { DAY_MS, EVICT_TO, SWEEP_EVERY } from './retention.js';

// The default store: one SQLite file shared by every headroom process of a
// user (CLI runs, proxies, MCP servers). WAL lets readers run beside the one
// writer; the busy timeout makes writers queue instead of failing at once.
// The store is a cache of originals, so a broken file is moved aside and
// replaced rather than blocking the user.

/** Long enough to queue behind other processes' short writes, short enough that put never looks hung. */
const BUSY_MS = 3000;
/** A read refreshing its entry waits only this long for the write lock: the refresh may be skipped, the read may not stall. */
const TOUCH_BUSY_MS = 200;

export interface SqliteStoreOptions extends StoreOptions {
  /** PRAGMA max_page_count: lets tests run into a real SQLITE_FULL. */
  readonly maxPageCount?: number;
  /** Told when a broken database file was moved aside. */
  readonly onWarning?: (msg: string) => void;
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function isCorrupt(err: unknown): boolean {
  const code = sqliteCode(err);
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

/** Renames the broken file (and its -wal/-shm) to the first free `<file>.corrupt-<n>`. */
function moveAside(file: string): string {
  let n = 1;
  while (fs.existsSync(`${file}.corrupt-${n}`)) n++;
  const target = `${file}.corrupt-${n}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

/** A store in one SQLite file, created with its folder when missing. Throws StoreError when it cannot be opened. */
export function openSqliteStore(file: string, options: SqliteStoreOptions): Store {
  const location = file;
  const now = options.now ?? Date.now;
  const cutoff = (at: number): number => at - options.ttlDays * DAY_MS;
  const fail = (what: string, err: unknown): StoreError => {
    if (err instanceof StoreError) return err;
    const code = sqliteCode(err);
    const reason = err instanceof Error ? err.message : String(err);
    return new StoreError(`cannot ${what}: ${code ? `${code}: ` : ''}${reason}`, location, { cause: err });
  };

  const connect = (): { db: Database.Database; s: Statements } => {
    preparePrivateFile(file, { tighten: false });
    const db = new Database(file, { timeout: BUSY_MS });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL'); // safe with WAL; a power cut may lose the last puts of a cache, never corrupt it
      if (options.maxPageCount) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
      if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) applySchema(db);
      const s = prepareStatements(db);
      s.totals.get(); // reads the schema and a data page: a truncated file fails here, not in the first put
      try {
        s.expire.run(cutoff(now()));
        s.recordExpire.run(cutoff(now()));
      } catch (err) {
        if (isCorrupt(err)) throw err; // a read-only or busy file can still serve reads
      }
      return { db, s };
    } catch (err) {
      db.close();
      throw err;
    }
  };

  const open = (): { db: Database.Database; s: Statements } => {
    try {
      return connect();
    } catch (err) {
      if (!isCorrupt(err)) throw fail('open the store', err);
    }
    try {
      const aside = moveAside(file);
      options.onWarning?.(`${file} was not a readable SQLite database; moved it to ${aside} and started an empty store`);
      return connect();
    } catch (err) {
      throw fail('replace a broken store', err);
    }
  };

  let { db, s } = open();
  let puts = 0;

  /** Runs one operation; a file found broken mid-run is replaced once and the operation retried. */
  const guard = <T>(what: string, op: () => T): T => {
    try {
      return op();
    } catch (err) {
      if (!isCorrupt(err)) throw fail(what, err);
    }
    try {
      db.close();
    } catch {
      // closing a broken connection may fail too; the file is moved aside anyway
    }
    ({ db, s } = open());
    try {
      return op();
    } catch (err) {
      throw fail(what, err);
    }
  };

  const evict = (keep: string): void => {
    const { bytes } = s.totals.get() ?? { bytes: 0 };
    if (bytes <= options.maxBytes) return;
    let excess = bytes - Math.floor(options.maxBytes * EVICT_TO);
    const victims: string[] = [];
    for (const row of s.byAge.iterate(keep)) {
      if (excess <= 0) break; // leaving the loop ends the iterator, freeing the connection for the deletes
      victims.push(row.id);
      excess -= row.stored_size;
    }
    for (const id of victims) s.remove.run(id);
  };

  const records = sqliteRecords({
    guard: (what, op) => guard(what, () => op(db, s)),
    now,
    ttlMs: options.ttlDays * DAY_MS,
    maxBytes: options.maxBytes,
  });

  const collision = (id: string): StoreError =>
    new StoreError(`a different original is already stored under ${id}; refusing to overwrite it`, location);

  const putPrepared = (id: string, original: PreparedOriginal, meta: OriginalMeta): void => {
    const at = now();
    const { hash } = original;
    const blob = Buffer.from(original.blob.buffer, original.blob.byteOffset, original.blob.byteLength);
    if (blob.byteLength > options.maxBytes) {
      throw new StoreError(`original of ${blob.byteLength} compressed bytes is over the store cap of ${options.maxBytes}`, location);
    }
    // IMMEDIATE takes the write lock up front: a read-then-write transaction
    // upgraded later could fail with SQLITE_BUSY without waiting.
    const write = (): void =>
      db
        .transaction(() => {
          const row = s.find.get(id);
          if (row && row.accessed >= cutoff(at)) {
            if (row.hash !== hash) throw collision(id);
            s.touch.run(at, id);
            return;
          }
          if (row) s.remove.run(id); // expired: a new original may take its id
          s.insert.run({ id, hash, blob, size: original.size, storedSize: blob.byteLength, at, type: meta.type, compressor: meta.compressor, tool: meta.tool });
          if (++puts % SWEEP_EVERY === 0) {
            s.expire.run(cutoff(at));
            s.recordExpire.run(cutoff(at));
          }
          evict(id);
        })
        .immediate();
    guard('write to the store', write);
  };

  return {
    kind: 'sqlite',
    location,

    async put(id: string, original: Uint8Array, meta: OriginalMeta): Promise<void> {
      const at = now();
      const hash = contentHash(original);
      // Fast path: the same output compressed again only refreshes its entry, without encoding it.
      const known = guard('read the store', () => s.find.get(id));
      if (known && known.accessed >= cutoff(at)) {
        if (known.hash !== hash) throw collision(id);
        guard('write to the store', () => s.touch.run(at, id));
        return;
      }
      putPrepared(id, { hash, blob: encodeBlob(original), size: original.byteLength }, meta);
    },

    async putPrepared(id: string, original: PreparedOriginal, meta: OriginalMeta): Promise<void> {
      putPrepared(id, original, meta);
    },

    getRecord: records.getRecord,
    claimRecord: records.claimRecord,
    setRecord: records.setRecord,
    setRecords: records.setRecords,
    countRecords: records.countRecords,
    listRecords: records.listRecords,
    deleteRecords: records.deleteRecords,

    async get(id: string): Promise<Uint8Array | undefined> {
      const at = now();
      const row = guard('read the store', () => s.read.get(id, cutoff(at)));
      if (!row) return undefined;
      try {
        db.pragma(`busy_timeout = ${TOUCH_BUSY_MS}`);
        s.touch.run(at, id);
      } catch {
        // a read-only or busy file still serves the original; only its lifetime is not refreshed
      } finally {
        db.pragma(`busy_timeout = ${BUSY_MS}`);
      }
      try {
        return decodeBlob(row.blob);
      } catch (err) {
        throw fail(`decode the original stored under ${id}`, err);
      }
    },

    async recordCompression(event: CompressionEvent): Promise<void> {
      try {
        guard('record a compression', () =>
          s.compression.run({
            at: event.at,
            id: event.id ?? null,
            type: event.type,
            compressor: event.compressor,
            tool: event.tool,
            tokensBefore: event.tokensBefore,
            tokensAfter: event.tokensAfter,
          }),
        );
      } catch {
        // stats are best effort: a full or locked file must not fail a compression
      }
    },

    async recordRetrieval(event: RetrievalEvent): Promise<void> {
      try {
        guard('record a retrieval', () => s.retrieval.run({ at: event.at, id: event.id, found: event.found ? 1 : 0 }));
      } catch {
        // stats are best effort
      }
    },

    async stats(): Promise<StatsReport> {
      return guard('read stats', () => {
        const rows = new Map<string, StatsRow>();
        for (const r of s.compressionStats.all()) rows.set(JSON.stringify([r.type, r.compressor]), { ...r, retrieved: 0, retrievals: 0 });
        for (const r of s.retrievalStats.all()) {
          const key = JSON.stringify([r.type, r.compressor]);
          const base = rows.get(key) ?? { type: r.type, compressor: r.compressor, compressions: 0, tokensBefore: 0, tokensAfter: 0, stored: 0 };
          rows.set(key, { ...base, retrieved: r.retrieved, retrievals: r.retrievals });
        }
        const held = s.held.get(cutoff(now())) ?? { entries: 0, bytes: 0 };
        return {
          rows: [...rows.values()].sort((a, b) => a.type.localeCompare(b.type) || a.compressor.localeCompare(b.compressor)),
          misses: s.misses.get()?.misses ?? 0,
          entries: held.entries,
          bytes: held.bytes,
        };
      });
    },

    async close(): Promise<void> {
      db.close();
    },
  };
}
