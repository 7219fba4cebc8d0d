import fs from 'node:fs';
import Database from 'better-sqlite3';
import { DAY_MS, EVICT_TO } from './retention.js';
import { SCHEMA_VERSION, prepareStatements } from './sqlite-schema.js';
import { StoreError } from './types.js';
import type { Upkeep } from './upkeep-types.js';

// `headroom store prune|clear` on the SQLite file: the same statements the
// store runs (sqlite-schema.ts), then the file shrunk, which the store itself
// never does on its hot path. Safe beside running sessions: each step is one
// transaction under the write lock; VACUUM waits for readers and is skipped,
// with a note, when they do not let go.

const BUSY_MS = 5000;

/** The file and its -wal, on disk: what the user sees in `du`. */
export function fileBytes(file: string): number {
  let n = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      n += fs.statSync(f).size;
    } catch {
      // not there: nothing on disk
    }
  }
  return n;
}

function withDb<T>(file: string, op: (db: Database.Database) => T): T | undefined {
  if (!fs.existsSync(file)) return undefined;
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: BUSY_MS, fileMustExist: true });
  } catch (err) {
    throw new StoreError(`cannot open ${file}: ${err instanceof Error ? err.message : String(err)}`, file, { cause: err });
  }
  try {
    // A file no headroom has finished setting up holds nothing to remove.
    if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) return undefined;
    return op(db);
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(`cannot tidy ${file}: ${err instanceof Error ? err.message : String(err)}`, file, { cause: err });
  } finally {
    db.close();
  }
}

/** Gives freed pages back to the file system; a store busy with other readers keeps its size for now. */
function shrink(db: Database.Database): string | undefined {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return undefined;
  } catch (err) {
    return `the file was not shrunk (${err instanceof Error ? err.message : String(err)}): run it again when no session is using the store`;
  }
}

/** Originals unread for `days`, then the least recently read ones over the cap, as the store evicts them. */
export function pruneSqlite(file: string, o: { days: number; maxBytes: number; now: number }): Upkeep {
  const before = fileBytes(file);
  const result = withDb(file, (db) => {
    const s = prepareStatements(db);
    const held = s.totals.get() ?? { entries: 0, bytes: 0 };
    db.transaction(() => {
      s.expire.run(o.now - o.days * DAY_MS);
      // The proxy's decisions and threads age out on the same clock (a live session keeps reading its own).
      s.recordExpire.run(o.now - o.days * DAY_MS);
      let { bytes } = s.totals.get() ?? { bytes: 0 };
      if (bytes > o.maxBytes) {
        const victims: string[] = [];
        for (const row of s.byAge.iterate('')) {
          if (bytes <= o.maxBytes * EVICT_TO) break;
          victims.push(row.id);
          bytes -= row.stored_size;
        }
        for (const id of victims) s.remove.run(id);
      }
    }).immediate();
    const left = s.totals.get() ?? { entries: 0, bytes: 0 };
    const note = shrink(db);
    return { removed: held.entries - left.entries, removedBytes: held.bytes - left.bytes, entries: left.entries, ...(note && { note }) };
  });
  return { location: file, ...(result ?? { removed: 0, removedBytes: 0, entries: 0 }), fileBytesBefore: before, fileBytesAfter: fileBytes(file) };
}

/** Every original, every recorded compression and retrieval, and the proxy's decisions and threads. */
export function clearSqlite(file: string): Upkeep {
  const before = fileBytes(file);
  const result = withDb(file, (db) => {
    const held = prepareStatements(db).totals.get() ?? { entries: 0, bytes: 0 };
    db.transaction(() => {
      db.exec('DELETE FROM originals; DELETE FROM compressions; DELETE FROM retrievals; DELETE FROM records;');
    }).immediate();
    const note = shrink(db);
    return { removed: held.entries, removedBytes: held.bytes, entries: 0, ...(note && { note }) };
  });
  return { location: file, ...(result ?? { removed: 0, removedBytes: 0, entries: 0 }), fileBytesBefore: before, fileBytesAfter: fileBytes(file) };
}
