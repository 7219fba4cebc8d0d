import type Database from 'better-sqlite3';

// The SQLite store's tables and its prepared statements, kept apart from the
// store's logic so the whole on-disk format reads on one screen.

/** PRAGMA user_version once the schema below is in place; bump it with a migration. */
export const SCHEMA_VERSION = 2;

const SCHEMA = `
-- One row per original. hash is the full SHA-256: the id holds only 60 bits
-- of it, so a second original under the same id is detected and refused.
CREATE TABLE IF NOT EXISTS originals (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  blob BLOB NOT NULL,
  size INTEGER NOT NULL,
  stored_size INTEGER NOT NULL,
  created INTEGER NOT NULL,
  accessed INTEGER NOT NULL,
  type TEXT NOT NULL,
  compressor TEXT NOT NULL,
  tool TEXT NOT NULL
);
-- Expiry and LRU eviction both walk originals oldest-read first.
CREATE INDEX IF NOT EXISTS originals_accessed ON originals (accessed);

-- Running totals kept by triggers, so the size cap is checked without
-- summing the table on every put, consistently across processes.
CREATE TABLE IF NOT EXISTS totals (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  entries INTEGER NOT NULL,
  bytes INTEGER NOT NULL
);
INSERT OR IGNORE INTO totals VALUES (1, 0, 0);
CREATE TRIGGER IF NOT EXISTS originals_added AFTER INSERT ON originals BEGIN
  UPDATE totals SET entries = entries + 1, bytes = bytes + NEW.stored_size;
END;
CREATE TRIGGER IF NOT EXISTS originals_removed AFTER DELETE ON originals BEGIN
  UPDATE totals SET entries = entries - 1, bytes = bytes - OLD.stored_size;
END;

-- Events outlive the originals they name, so stats survive eviction.
CREATE TABLE IF NOT EXISTS compressions (
  at INTEGER NOT NULL,
  id TEXT,
  type TEXT NOT NULL,
  compressor TEXT NOT NULL,
  tool TEXT NOT NULL,
  tokens_before INTEGER NOT NULL,
  tokens_after INTEGER NOT NULL
);
-- type and compressor are copied from the original when it is found, so a
-- retrieval is credited to the compressor that dropped the content.
CREATE TABLE IF NOT EXISTS retrievals (
  at INTEGER NOT NULL,
  id TEXT NOT NULL,
  found INTEGER NOT NULL,
  type TEXT,
  compressor TEXT
);

-- Version 2. Small records kept across restarts: the proxy's decision for
-- each tool output (first writer wins) and what each thread last sent.
CREATE TABLE IF NOT EXISTS records (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value BLOB NOT NULL,
  accessed INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_accessed ON records (accessed);
CREATE TABLE IF NOT EXISTS record_totals (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  bytes INTEGER NOT NULL
);
INSERT OR IGNORE INTO record_totals VALUES (1, 0);
CREATE TRIGGER IF NOT EXISTS records_added AFTER INSERT ON records BEGIN
  UPDATE record_totals SET bytes = bytes + length(NEW.value);
END;
CREATE TRIGGER IF NOT EXISTS records_changed AFTER UPDATE OF value ON records BEGIN
  UPDATE record_totals SET bytes = bytes - length(OLD.value) + length(NEW.value);
END;
CREATE TRIGGER IF NOT EXISTS records_removed AFTER DELETE ON records BEGIN
  UPDATE record_totals SET bytes = bytes - length(OLD.value);
END;
`;

/**
 * Creates the tables once; several processes opening a new file at once are
 * serialized by the write lock. Every statement is CREATE ... IF NOT EXISTS,
 * so a version-1 file gains the version-2 tables and keeps its data.
 */
export function applySchema(db: Database.Database): void {
  db.transaction(() => {
    if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return;
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

interface OriginalRow {
  id: string;
  hash: string;
  blob: Uint8Array;
  size: number;
  storedSize: number;
  at: number;
  type: string;
  compressor: string;
  tool: string;
}

interface CompressionRow {
  at: number;
  id: string | null;
  type: string;
  compressor: string;
  tool: string;
  tokensBefore: number;
  tokensAfter: number;
}

type Stmt<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** Every statement the store runs, prepared once per connection. */
export interface Statements {
  readonly find: Stmt<[string], { hash: string; accessed: number }>;
  readonly read: Stmt<[string, number], { blob: Buffer }>;
  readonly touch: Stmt<[number, string]>;
  readonly insert: Stmt<[OriginalRow]>;
  readonly remove: Stmt<[string]>;
  readonly expire: Stmt<[number]>;
  readonly byAge: Stmt<[string], { id: string; stored_size: number }>;
  readonly totals: Stmt<[], { entries: number; bytes: number }>;
  readonly held: Stmt<[number], { entries: number; bytes: number }>;
  readonly compression: Stmt<[CompressionRow]>;
  readonly retrieval: Stmt<[{ at: number; id: string; found: number }]>;
  readonly compressionStats: Stmt<[], { type: string; compressor: string; compressions: number; tokensBefore: number; tokensAfter: number; stored: number }>;
  readonly retrievalStats: Stmt<[], { type: string; compressor: string; retrieved: number; retrievals: number }>;
  readonly misses: Stmt<[], { misses: number }>;
  readonly recordRead: Stmt<[string, string], { value: Buffer; accessed: number }>;
  readonly recordTouch: Stmt<[number, string, string]>;
  readonly recordInsert: Stmt<[{ kind: string; key: string; value: Uint8Array; at: number }]>;
  readonly recordUpsert: Stmt<[{ kind: string; key: string; value: Uint8Array; at: number }]>;
  readonly recordRemove: Stmt<[string, string]>;
  readonly recordExpire: Stmt<[number]>;
  readonly recordBytes: Stmt<[], { bytes: number }>;
  readonly recordCount: Stmt<[string, number], { n: number }>;
  readonly recordsByAge: Stmt<[], { kind: string; key: string; size: number }>;
  readonly recordsByPrefix: Stmt<[{ kind: string; prefix: string; cutoff: number }], { key: string; value: Buffer }>;
  readonly recordsRemoveByPrefix: Stmt<[{ kind: string; prefix: string }]>;
}

export function prepareStatements(db: Database.Database): Statements {
  return {
    find: db.prepare('SELECT hash, accessed FROM originals WHERE id = ?'),
    read: db.prepare('SELECT blob FROM originals WHERE id = ? AND accessed >= ?'),
    touch: db.prepare('UPDATE originals SET accessed = ? WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO originals (id, hash, blob, size, stored_size, created, accessed, type, compressor, tool)
       VALUES (@id, @hash, @blob, @size, @storedSize, @at, @at, @type, @compressor, @tool)`,
    ),
    remove: db.prepare('DELETE FROM originals WHERE id = ?'),
    expire: db.prepare('DELETE FROM originals WHERE accessed < ?'),
    byAge: db.prepare(
      'SELECT id, stored_size FROM originals WHERE id != ? ORDER BY accessed, rowid',
    ),
    totals: db.prepare('SELECT entries, bytes FROM totals'),
    held: db.prepare(
      'SELECT COUNT(*) AS entries, COALESCE(SUM(stored_size), 0) AS bytes FROM originals WHERE accessed >= ?',
    ),
    compression: db.prepare(
      `INSERT INTO compressions (at, id, type, compressor, tool, tokens_before, tokens_after)
       VALUES (@at, @id, @type, @compressor, @tool, @tokensBefore, @tokensAfter)`,
    ),
    retrieval: db.prepare(
      `INSERT INTO retrievals (at, id, found, type, compressor)
       VALUES (@at, @id, @found, (SELECT type FROM originals WHERE id = @id), (SELECT compressor FROM originals WHERE id = @id))`,
    ),
    compressionStats: db.prepare(
      `SELECT type, compressor, COUNT(*) AS compressions, SUM(tokens_before) AS tokensBefore,
              SUM(tokens_after) AS tokensAfter, COUNT(DISTINCT id) AS stored
       FROM compressions GROUP BY type, compressor`,
    ),
    retrievalStats: db.prepare(
      `SELECT type, compressor, COUNT(DISTINCT id) AS retrieved, COUNT(*) AS retrievals
       FROM retrievals WHERE found = 1 AND type IS NOT NULL GROUP BY type, compressor`,
    ),
    misses: db.prepare('SELECT COUNT(*) AS misses FROM retrievals WHERE found = 0'),
    recordRead: db.prepare('SELECT value, accessed FROM records WHERE kind = ? AND key = ?'),
    recordTouch: db.prepare('UPDATE records SET accessed = ? WHERE kind = ? AND key = ?'),
    recordInsert: db.prepare('INSERT INTO records (kind, key, value, accessed) VALUES (@kind, @key, @value, @at)'),
    recordUpsert: db.prepare(
      `INSERT INTO records (kind, key, value, accessed) VALUES (@kind, @key, @value, @at)
       ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, accessed = excluded.accessed`,
    ),
    recordRemove: db.prepare('DELETE FROM records WHERE kind = ? AND key = ?'),
    recordExpire: db.prepare('DELETE FROM records WHERE accessed < ?'),
    recordBytes: db.prepare('SELECT bytes FROM record_totals'),
    recordCount: db.prepare('SELECT COUNT(*) AS n FROM records WHERE kind = ? AND accessed >= ?'),
    recordsByAge: db.prepare('SELECT kind, key, length(value) AS size FROM records ORDER BY accessed'),
    // substr, not LIKE: a key (a project's path) may hold % or _.
    recordsByPrefix: db.prepare('SELECT key, value FROM records WHERE kind = @kind AND substr(key, 1, length(@prefix)) = @prefix AND accessed >= @cutoff'),
    recordsRemoveByPrefix: db.prepare('DELETE FROM records WHERE kind = @kind AND substr(key, 1, length(@prefix)) = @prefix'),
  };
}
