import { Redis } from 'ioredis';
import { decodeBlob, prepareOriginal } from './blob.js';
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
import { asBuffer, defineRecordCommands, redisRecords } from './redis-records.js';
import { DAY_MS } from './retention.js';

// A store shared by machines or containers. Redis is optional infrastructure:
// when it is down, every call must fail fast with StoreError (the engine then
// passes output through uncompressed), never hang an agent's tool call.
//
// Keys, all under `headroom:`:
//   orig:<id>               hash: blob (compressed), hash, type, compressor, tool, size, created, accessed; PEXPIRE ttl
//   pairs                   set of "<type>|<compressor>" (each part URI-encoded)
//   pair:<pair>             hash: compressions, tokensBefore, tokensAfter, retrievals
//   pair:<pair>:stored      HyperLogLog of ids stored (bounded memory; exact at small counts, ~1% error beyond)
//   pair:<pair>:retrieved   HyperLogLog of ids retrieved at least once
//   misses                  counter of retrievals of unknown ids
//   rec:<kind>:<key>        hash: value, accessed; PEXPIRE ttl (decisions, threads)
//
// Size cap: eviction is Redis's job (maxmemory with allkeys-lru, set by
// whoever runs the server; this client configures nothing server-side). The
// store only refuses a single blob larger than maxBytes. The real PEXPIRE
// enforces ttlDays; `accessed` (from the injectable clock) is checked too, so
// tests can age entries without waiting.

const P = 'headroom:';
const TIMEOUT_MS = 1000;

// Check hash, refuse a collision, refresh or write, all in one round trip and atomically.
const PUT_LUA = `
local old = redis.call('HMGET', KEYS[1], 'hash', 'accessed')
if old[1] and tonumber(old[2]) >= tonumber(ARGV[8]) then
  if old[1] ~= ARGV[1] then return 0 end
  redis.call('HSET', KEYS[1], 'accessed', ARGV[7])
  redis.call('PEXPIRE', KEYS[1], ARGV[9])
  return 1
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'blob', ARGV[2], 'type', ARGV[3], 'compressor', ARGV[4],
  'tool', ARGV[5], 'size', ARGV[6], 'created', ARGV[7], 'accessed', ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[9])
return 2
`;

// Read, drop if stale by the caller's clock, refresh: one round trip.
const GET_LUA = `
local v = redis.call('HMGET', KEYS[1], 'blob', 'accessed')
if not v[1] then return false end
if tonumber(v[2]) < tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return false
end
redis.call('HSET', KEYS[1], 'accessed', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return v[1]
`;

interface Scripted {
  headroomPut(key: string, ...args: (string | Buffer | number)[]): Promise<number>;
  headroomGetBuffer(key: string, now: number, cutoff: number, ttlMs: number): Promise<Buffer | null>;
}

/** The URL without password, user name's secret or query: safe to print. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return 'redis://(unparsable URL)';
  }
}

const pairToken = (type: string, compressor: string): string => `${encodeURIComponent(type)}|${encodeURIComponent(compressor)}`;

/** Connects to Redis; rejects with StoreError within about a second when it is unreachable. */
export async function openRedisStore(url: string, options: StoreOptions): Promise<Store> {
  const location = redactRedisUrl(url);
  const now = options.now ?? Date.now;
  const ttlMs = Math.max(1, Math.round(options.ttlDays * DAY_MS));
  const cutoff = (at: number): number => at - ttlMs;
  const fail = (what: string, err: unknown): StoreError => {
    if (err instanceof StoreError) return err;
    const reason = err instanceof Error ? err.message : String(err);
    return new StoreError(`cannot ${what} at ${location}: ${reason}`, location, { cause: err });
  };

  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    commandTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Without a queue, a command while disconnected fails at once instead of
    // waiting for a reconnect that may never come.
    enableOfflineQueue: false,
    // Reconnects keep going in the background (so a restarted server is picked
    // up) but never block a command.
    retryStrategy: (times) => Math.min(100 * times, 1000),
  });
  // Errors surface on the commands that meet them; an unhandled 'error' event would print to stderr.
  client.on('error', () => undefined);
  client.defineCommand('headroomPut', { numberOfKeys: 1, lua: PUT_LUA });
  client.defineCommand('headroomGet', { numberOfKeys: 1, lua: GET_LUA });
  defineRecordCommands(client);
  const redis = client as Redis & Scripted;

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('connection timed out')), 2 * TIMEOUT_MS);
      }),
    ]);
    await redis.ping();
  } catch (err) {
    redis.disconnect(); // stops the reconnect loop, so a failed open leaves nothing running
    throw fail('connect to Redis', err);
  } finally {
    clearTimeout(timer);
  }

  const pairStats = async (): Promise<StatsRow[]> => {
    const tokens = (await redis.smembers(`${P}pairs`)).sort();
    const pipe = redis.pipeline();
    for (const t of tokens) {
      pipe.hgetall(`${P}pair:${t}`);
      pipe.pfcount(`${P}pair:${t}:stored`);
      pipe.pfcount(`${P}pair:${t}:retrieved`);
    }
    const replies = (await pipe.exec()) ?? [];
    return tokens.map((t, i) => {
      const [err, fields] = replies[3 * i] ?? [null, {}];
      if (err) throw err;
      const h = fields as Record<string, string>;
      const [type = '', compressor = ''] = t.split('|').map(decodeURIComponent);
      return {
        type,
        compressor,
        compressions: Number(h.compressions ?? 0),
        tokensBefore: Number(h.tokensBefore ?? 0),
        tokensAfter: Number(h.tokensAfter ?? 0),
        stored: Number(replies[3 * i + 1]?.[1] ?? 0),
        retrieved: Number(replies[3 * i + 2]?.[1] ?? 0),
        retrievals: Number(h.retrievals ?? 0),
      };
    });
  };

  /** Originals held now: a SCAN, fine for a stats command, never on the hot path. */
  const held = async (): Promise<{ entries: number; bytes: number }> => {
    const min = cutoff(now());
    let cursor = '0';
    let entries = 0;
    let bytes = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${P}orig:*`, 'COUNT', 1000);
      cursor = next;
      const pipe = redis.pipeline();
      for (const k of keys) {
        pipe.hget(k, 'accessed');
        pipe.hstrlen(k, 'blob');
      }
      const replies = (await pipe.exec()) ?? [];
      for (let i = 0; i < keys.length; i++) {
        const accessed = replies[2 * i]?.[1];
        if (typeof accessed !== 'string' || Number(accessed) < min) continue; // expired by the caller's clock, or gone since the scan
        entries++;
        bytes += Number(replies[2 * i + 1]?.[1] ?? 0);
      }
    } while (cursor !== '0');
    return { entries, bytes };
  };

  const putPrepared = async (id: string, original: PreparedOriginal, meta: OriginalMeta): Promise<void> => {
    const { blob } = original;
    if (blob.byteLength > options.maxBytes) {
      throw new StoreError(`original of ${blob.byteLength} compressed bytes is over the store cap of ${options.maxBytes}`, location);
    }
    const at = now();
    let outcome: number;
    try {
      outcome = await redis.headroomPut(
        `${P}orig:${id}`,
        original.hash,
        asBuffer(blob),
        meta.type,
        meta.compressor,
        meta.tool,
        original.size,
        at,
        cutoff(at),
        ttlMs,
      );
    } catch (err) {
      throw fail('write to Redis', err);
    }
    if (outcome === 0) throw new StoreError(`a different original is already stored under ${id}; refusing to overwrite it`, location);
  };

  return {
    kind: 'redis',
    location,

    async put(id: string, original: Uint8Array, meta: OriginalMeta): Promise<void> {
      await putPrepared(id, prepareOriginal(original), meta);
    },

    putPrepared,

    ...redisRecords(redis, { prefix: P, now, ttlMs, fail }),

    async get(id: string): Promise<Uint8Array | undefined> {
      const at = now();
      let blob: Buffer | null;
      try {
        blob = await redis.headroomGetBuffer(`${P}orig:${id}`, at, cutoff(at), ttlMs);
      } catch (err) {
        throw fail('read from Redis', err);
      }
      if (!blob) return undefined;
      try {
        return decodeBlob(blob);
      } catch (err) {
        throw fail(`decode the original stored under ${id}`, err);
      }
    },

    async recordCompression(event: CompressionEvent): Promise<void> {
      const t = pairToken(event.type, event.compressor);
      const pipe = redis.pipeline().sadd(`${P}pairs`, t);
      pipe.hincrby(`${P}pair:${t}`, 'compressions', 1);
      pipe.hincrby(`${P}pair:${t}`, 'tokensBefore', Math.round(event.tokensBefore));
      pipe.hincrby(`${P}pair:${t}`, 'tokensAfter', Math.round(event.tokensAfter));
      if (event.id) pipe.pfadd(`${P}pair:${t}:stored`, event.id);
      try {
        await pipe.exec();
      } catch {
        // stats are best effort: Redis being down must not fail a compression
      }
    },

    async recordRetrieval(event: RetrievalEvent): Promise<void> {
      try {
        if (!event.found) {
          await redis.incr(`${P}misses`);
          return;
        }
        // Credited to the compressor that stored it; an original gone since the read counts nowhere.
        const [type, compressor] = await redis.hmget(`${P}orig:${event.id}`, 'type', 'compressor');
        if (type == null || compressor == null) return;
        const t = pairToken(type, compressor);
        await redis
          .pipeline()
          .sadd(`${P}pairs`, t)
          .hincrby(`${P}pair:${t}`, 'retrievals', 1)
          .pfadd(`${P}pair:${t}:retrieved`, event.id)
          .exec();
      } catch {
        // stats are best effort
      }
    },

    async stats(): Promise<StatsReport> {
      try {
        const [rows, misses, totals] = await Promise.all([pairStats(), redis.get(`${P}misses`), held()]);
        return { rows, misses: Number(misses ?? 0), ...totals };
      } catch (err) {
        throw fail('read stats from Redis', err);
      }
    },

    async close(): Promise<void> {
      if (redis.status === 'ready') {
        try {
          await redis.quit();
          return;
        } catch {
          // fall through to a hard disconnect
        }
      }
      redis.disconnect();
    },
  };
}
