import type { Redis } from 'ioredis';
import { TOUCH_EVERY_MS } from './retention.js';
import type { RecordKind, Store, StoreError, StoredRecord } from './types.js';

// The Redis store's records (decisions, threads): one hash each under
// `<prefix>rec:<kind>:<key>` (value, accessed) with PEXPIRE as the lifetime.
// A claim is one Lua script, so of two proxies claiming the same key the
// second gets the first's value. Eviction is the server's, as for originals.

// A record, dropped if stale by the caller's clock, refreshed at most once per ARGV[4] ms.
const RECORD_GET_LUA = `
local v = redis.call('HMGET', KEYS[1], 'value', 'accessed')
if not v[1] then return false end
if tonumber(v[2]) < tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return false
end
if tonumber(v[2]) < tonumber(ARGV[1]) - tonumber(ARGV[4]) then
  redis.call('HSET', KEYS[1], 'accessed', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return v[1]
`;

// First writer wins: returns 1 when this value was stored, else the value that stands.
const RECORD_CLAIM_LUA = `
local v = redis.call('HMGET', KEYS[1], 'value', 'accessed')
if v[1] and tonumber(v[2]) >= tonumber(ARGV[3]) then return v[1] end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'value', ARGV[1], 'accessed', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

interface RecordScripts {
  headroomRecordGetBuffer(key: string, now: number, cutoff: number, ttlMs: number, touchEvery: number): Promise<Buffer | null>;
  headroomRecordClaimBuffer(key: string, value: Buffer, now: number, cutoff: number, ttlMs: number): Promise<Buffer | number>;
}

/** ioredis sends a Buffer as bytes, but a plain Uint8Array as its toString(). */
export const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

export function defineRecordCommands(client: Redis): void {
  client.defineCommand('headroomRecordGet', { numberOfKeys: 1, lua: RECORD_GET_LUA });
  client.defineCommand('headroomRecordClaim', { numberOfKeys: 1, lua: RECORD_CLAIM_LUA });
}

export interface RedisRecordsContext {
  readonly prefix: string;
  readonly now: () => number;
  readonly ttlMs: number;
  /** Turns a Redis error into the StoreError callers see. */
  readonly fail: (what: string, err: unknown) => StoreError;
}

/** A glob matching exactly `s` (SCAN MATCH treats * ? [ ] and \\ specially). */
const globLiteral = (s: string): string => s.replace(/[*?[\]\\]/g, '\\$&');

export function redisRecords(client: Redis, ctx: RedisRecordsContext): Pick<Store, 'getRecord' | 'claimRecord' | 'setRecord' | 'setRecords' | 'listRecords' | 'deleteRecords' | 'countRecords'> {
  const redis = client as Redis & RecordScripts;
  const key = (kind: RecordKind, k: string): string => `${ctx.prefix}rec:${kind}:${k}`;
  const cutoff = (at: number): number => at - ctx.ttlMs;
  return {
    async getRecord(kind: RecordKind, k: string): Promise<Uint8Array | undefined> {
      const at = ctx.now();
      try {
        return (await redis.headroomRecordGetBuffer(key(kind, k), at, cutoff(at), ctx.ttlMs, TOUCH_EVERY_MS)) ?? undefined;
      } catch (err) {
        throw ctx.fail('read a record from Redis', err);
      }
    },

    async claimRecord(kind: RecordKind, k: string, value: Uint8Array): Promise<Uint8Array> {
      const at = ctx.now();
      let stands: Buffer | number;
      try {
        stands = await redis.headroomRecordClaimBuffer(key(kind, k), asBuffer(value), at, cutoff(at), ctx.ttlMs);
      } catch (err) {
        throw ctx.fail('write a record to Redis', err);
      }
      return typeof stands === 'number' ? value : stands;
    },

    /** A scan of the kind's keys: they expire by PEXPIRE, so the ones there are live. For `headroom stats`, never the hot path. */
    async countRecords(kind: RecordKind): Promise<number> {
      const match = `${key(kind, '').replace(/[*?[\]\\]/g, '\\$&')}*`;
      let n = 0;
      let cursor = '0';
      try {
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', match, 'COUNT', 1000);
          cursor = next;
          n += keys.length;
        } while (cursor !== '0');
      } catch (err) {
        throw ctx.fail('count records in Redis', err);
      }
      return n;
    },

    async setRecord(kind: RecordKind, k: string, value: Uint8Array): Promise<void> {
      try {
        const full = key(kind, k);
        const replies = await redis.multi().hset(full, 'value', asBuffer(value), 'accessed', ctx.now()).pexpire(full, ctx.ttlMs).exec();
        const failed = replies?.find(([e]) => e)?.[0];
        if (!replies || failed) throw failed ?? new Error('transaction discarded');
      } catch (err) {
        throw ctx.fail('write a record to Redis', err);
      }
    },

    async setRecords(kind: RecordKind, records: readonly StoredRecord[]): Promise<void> {
      if (records.length === 0) return;
      try {
        const at = ctx.now();
        const multi = redis.multi();
        for (const r of records) {
          const full = key(kind, r.key);
          multi.hset(full, 'value', asBuffer(r.value), 'accessed', at).pexpire(full, ctx.ttlMs);
        }
        const replies = await multi.exec();
        const failed = replies?.find(([e]) => e)?.[0];
        if (!replies || failed) throw failed ?? new Error('transaction discarded');
      } catch (err) {
        throw ctx.fail('write records to Redis', err);
      }
    },

    async listRecords(kind: RecordKind, prefix: string): Promise<StoredRecord[]> {
      const head = key(kind, '');
      const out: StoredRecord[] = [];
      try {
        for (const full of await scanKeys(client, `${globLiteral(key(kind, prefix))}*`)) {
          const [value, accessed] = await client.hmgetBuffer(full, 'value', 'accessed');
          if (value && Number(accessed) >= cutoff(ctx.now())) out.push({ key: full.slice(head.length), value });
        }
      } catch (err) {
        throw ctx.fail('list records in Redis', err);
      }
      return out;
    },

    async deleteRecords(kind: RecordKind, prefix: string): Promise<number> {
      try {
        const keys = await scanKeys(client, `${globLiteral(key(kind, prefix))}*`);
        return keys.length > 0 ? await client.del(...keys) : 0;
      } catch (err) {
        throw ctx.fail('delete records in Redis', err);
      }
    },
  };
}

/** Every key matching a glob, by SCAN (never KEYS, which blocks the server). */
async function scanKeys(client: Redis, match: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', match, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}
