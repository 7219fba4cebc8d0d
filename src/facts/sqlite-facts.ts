import Database from 'better-sqlite3';
import { type FactBackend, type Matched, type StoredFact, queryWords } from './backend.js';
import { preparePrivateFile } from '../memory/private-file.js';
import type { Provenance, Scope } from './types.js';
import { StoreError } from '../memory/types.js';

// Facts in one SQLite file beside the compression store, shared by every
// headroom process of the user (CLI, each agent's MCP server, wrap). Search
// and near-duplicate candidates come from an FTS5 index (BM25, porter
// stemming); WAL lets them read while another process writes.

const BUSY_MS = 3000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS facts (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  text TEXT NOT NULL,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  saved INTEGER NOT NULL,
  found INTEGER NOT NULL,
  provenance TEXT NOT NULL,
  replaces TEXT,
  replaced_by TEXT,
  UNIQUE (scope, key)
);
CREATE VIRTUAL TABLE IF NOT EXISTS facts_fts USING fts5(text, content='facts', content_rowid='rowid', tokenize='porter unicode61');
CREATE TRIGGER IF NOT EXISTS facts_ai AFTER INSERT ON facts BEGIN
  INSERT INTO facts_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS facts_ad AFTER DELETE ON facts BEGIN
  INSERT INTO facts_fts(facts_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER IF NOT EXISTS facts_au AFTER UPDATE OF text ON facts BEGIN
  INSERT INTO facts_fts(facts_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO facts_fts(rowid, text) VALUES (new.rowid, new.text);
END;
`;

interface Row {
  id: string;
  scope: string;
  key: string;
  text: string;
  created: number;
  updated: number;
  saved: number;
  found: number;
  provenance: string;
  replaces: string | null;
  replaced_by: string | null;
}

function fromRow(r: Row): StoredFact {
  return {
    id: r.id,
    scope: r.scope,
    key: r.key,
    text: r.text,
    created: r.created,
    updated: r.updated,
    saved: r.saved,
    found: r.found,
    provenance: JSON.parse(r.provenance) as Provenance[],
    ...(r.replaces && { replaces: r.replaces }),
    ...(r.replaced_by && { replacedBy: r.replaced_by }),
  };
}

/** An FTS5 query matching any of the words, each quoted so none is taken for an operator. */
const ftsQuery = (text: string): string | undefined => {
  const words = queryWords(text);
  return words.length ? words.map((w) => `"${w}"`).join(' OR ') : undefined;
};

/** `file` ':memory:' keeps the facts in the process (HEADROOM_STORE=memory). */
export function openSqliteFacts(file: string): FactBackend {
  const fail = (what: string, err: unknown) =>
    new StoreError(`cannot ${what} the memory store ${file}: ${err instanceof Error ? err.message : String(err)}`, file, { cause: err });
  let db: Database.Database;
  try {
    if (file !== ':memory:') preparePrivateFile(file, { tighten: true });
    db = new Database(file, { timeout: BUSY_MS });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
  } catch (err) {
    throw fail('open', err);
  }
  const q = {
    byKey: db.prepare<[string, string], Row>('SELECT * FROM facts WHERE scope = ? AND key = ?'),
    get: db.prepare<[string], Row>('SELECT * FROM facts WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO facts (id, scope, key, text, created, updated, saved, found, provenance, replaces, replaced_by)
       VALUES (@id, @scope, @key, @text, @created, @updated, @saved, @found, @provenance, @replaces, @replacedBy)
       ON CONFLICT(id) DO UPDATE SET text = excluded.text, updated = excluded.updated, saved = excluded.saved, found = excluded.found,
         provenance = excluded.provenance, replaces = excluded.replaces, replaced_by = excluded.replaced_by`,
    ),
    delete: db.prepare<[string]>('DELETE FROM facts WHERE id = ?'),
    all: db.prepare<[], Row>('SELECT * FROM facts'),
    inScopes: db.prepare<[string], Row>('SELECT * FROM facts WHERE scope IN (SELECT value FROM json_each(?))'),
    // The full-text match runs once, as the outer loop (MATERIALIZED); joined the other way round,
    // SQLite would evaluate the MATCH for every row of facts.
    candidates: db.prepare<[string, string], Row>(
      `WITH m AS MATERIALIZED (SELECT rowid, bm25(facts_fts) AS rank FROM facts_fts WHERE facts_fts MATCH ?)
       SELECT f.* FROM m JOIN facts f ON f.rowid = m.rowid WHERE f.scope = ? ORDER BY m.rank LIMIT 40`,
    ),
    match: db.prepare<[string, string, number], Row & { rank: number }>(
      `WITH m AS MATERIALIZED (SELECT rowid, bm25(facts_fts) AS rank FROM facts_fts WHERE facts_fts MATCH ?)
       SELECT f.*, m.rank AS rank FROM m JOIN facts f ON f.rowid = m.rowid
       WHERE f.scope IN (SELECT value FROM json_each(?)) ORDER BY m.rank LIMIT ?`,
    ),
    found: db.prepare<[string]>('UPDATE facts SET found = found + 1 WHERE id = ?'),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM facts'),
  };
  const run = <T>(what: string, op: () => T): Promise<T> => {
    try {
      return Promise.resolve(op());
    } catch (err) {
      return Promise.reject(fail(what, err));
    }
  };

  return {
    kind: 'sqlite',
    location: file,
    byKey: (scope: Scope, key: string) => run('read', () => q.byKey.get(scope, key)).then((r) => r && fromRow(r)),
    get: (id) => run('read', () => q.get.get(id)).then((r) => r && fromRow(r)),
    candidates: (scope, text) =>
      run('read', () => {
        const m = ftsQuery(text);
        return m ? q.candidates.all(m, scope).map(fromRow) : [];
      }),
    put: (f) =>
      run('write to', () => {
        q.upsert.run({ ...f, provenance: JSON.stringify(f.provenance), replaces: f.replaces ?? null, replacedBy: f.replacedBy ?? null });
      }),
    delete: (id) => run('write to', () => q.delete.run(id).changes > 0),
    all: (scopes) => run('read', () => (scopes ? q.inScopes.all(JSON.stringify(scopes)) : q.all.all()).map(fromRow)),
    match: (query, scopes, limit) =>
      run('search', () => {
        const m = ftsQuery(query);
        if (!m) return [];
        return q.match.all(m, JSON.stringify(scopes), limit).map((r): Matched => ({ fact: fromRow(r), relevance: -r.rank }));
      }),
    markFound: (ids) => run('write to', () => db.transaction(() => ids.forEach((id) => q.found.run(id)))()),
    count: () => run('read', () => q.count.get()?.n ?? 0),
    close: () => run('close', () => void db.close()),
  };
}
