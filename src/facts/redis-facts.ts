import { Redis } from 'ioredis';
import { type FactBackend, type StoredFact } from './backend.js';
import { bm25 } from './bm25.js';
import { shingles, jaccard } from './similarity.js';
import { StoreError } from '../memory/types.js';
import type { Scope } from './types.js';

// Facts in the team's Redis, beside its compression store. Keys, all under
// `headroom:facts:`:
//   fact:<id>             the fact as JSON (with its text key)
//   ids:<scope>           set of the scope's fact ids (scope URI-encoded)
//   key:<scope>:<key>     the id of the fact with that text key
//   scopes                set of scopes
// Search scores a project's facts with BM25 in this process: a team's facts
// are a few thousand, far below where an index on the server would pay.

const P = 'headroom:facts:';
const TIMEOUT_MS = 1000;
/** Near-duplicate candidates kept per save, most alike first (as many as the SQLite backend's FTS5 query). */
const CANDIDATES = 40;

const enc = encodeURIComponent;

function redact(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return 'redis://(unparsable URL)';
  }
}

export async function openRedisFacts(url: string): Promise<FactBackend> {
  const location = redact(url);
  const fail = (what: string, err: unknown) =>
    new StoreError(`cannot ${what} the memory store at ${location}: ${err instanceof Error ? err.message : String(err)}`, location, { cause: err });
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    commandTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false, // fail at once while disconnected instead of hanging an agent's tool call
    retryStrategy: (times) => Math.min(100 * times, 1000),
  });
  redis.on('error', () => undefined); // errors reach the commands that meet them
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw fail('reach', err);
  }
  const run = async <T>(what: string, op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (err) {
      throw fail(what, err);
    }
  };
  const parse = (s: string | null): StoredFact | undefined => (s ? (JSON.parse(s) as StoredFact) : undefined);
  const many = async (ids: readonly string[]): Promise<StoredFact[]> => {
    if (ids.length === 0) return [];
    const rows = await redis.mget(ids.map((id) => `${P}fact:${id}`));
    return rows.map(parse).filter((f): f is StoredFact => f !== undefined);
  };
  const inScopes = async (scopes: readonly Scope[]): Promise<StoredFact[]> => many((await Promise.all(scopes.map((s) => redis.smembers(`${P}ids:${enc(s)}`)))).flat());
  const everyScope = async (): Promise<Scope[]> => redis.smembers(`${P}scopes`);

  return {
    kind: 'redis',
    location,
    byKey: (scope, key) =>
      run('read', async () => {
        const id = await redis.get(`${P}key:${enc(scope)}:${key}`);
        return id ? parse(await redis.get(`${P}fact:${id}`)) : undefined;
      }),
    get: (id) => run('read', async () => parse(await redis.get(`${P}fact:${id}`))),
    candidates: (scope, text) =>
      run('read', async () => {
        const mine = shingles(text);
        return (await inScopes([scope]))
          .map((f) => ({ f, s: jaccard(mine, shingles(f.text)) }))
          .sort((a, b) => b.s - a.s)
          .slice(0, CANDIDATES)
          .map((x) => x.f);
      }),
    put: (f) =>
      run('write to', async () => {
        await redis
          .multi()
          .set(`${P}fact:${f.id}`, JSON.stringify(f))
          .sadd(`${P}ids:${enc(f.scope)}`, f.id)
          .set(`${P}key:${enc(f.scope)}:${f.key}`, f.id)
          .sadd(`${P}scopes`, f.scope)
          .exec();
      }),
    delete: (id) =>
      run('write to', async () => {
        const f = parse(await redis.get(`${P}fact:${id}`));
        if (!f) return false;
        await redis.multi().del(`${P}fact:${id}`).srem(`${P}ids:${enc(f.scope)}`, id).del(`${P}key:${enc(f.scope)}:${f.key}`).exec();
        return true;
      }),
    all: (scopes) => run('read', async () => inScopes(scopes ?? (await everyScope()))),
    match: (query, scopes, limit) =>
      run('search', async () => {
        const facts = await inScopes(scopes);
        const scores = bm25(query, facts.map((f) => f.text));
        return facts
          .map((fact, i) => ({ fact, relevance: scores[i]! }))
          .filter((m) => m.relevance > 0)
          .sort((a, b) => b.relevance - a.relevance)
          .slice(0, limit);
      }),
    markFound: (ids) =>
      run('write to', async () => {
        // Read-modify-write per fact: a lost increment under a race costs a count, never a fact.
        for (const f of await many(ids)) await redis.set(`${P}fact:${f.id}`, JSON.stringify({ ...f, found: f.found + 1 }));
      }),
    count: () => run('read', async () => (await inScopes(await everyScope())).length),
    close: async () => {
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
