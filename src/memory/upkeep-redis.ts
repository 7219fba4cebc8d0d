import { Redis } from 'ioredis';
import { StoreError } from './types.js';
import { redactRedisUrl } from './redis-store.js';
import type { Upkeep } from './upkeep-types.js';

// `headroom store clear` on Redis: every key under headroom's prefix, found
// with SCAN (never KEYS, which blocks a shared server) and removed with UNLINK.
// Pruning is Redis's own job: originals carry a TTL and the server evicts.

const PREFIX = 'headroom:';
const TIMEOUT_MS = 2000;

export async function clearRedis(url: string): Promise<Upkeep> {
  const location = redactRedisUrl(url);
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: TIMEOUT_MS, commandTimeout: TIMEOUT_MS, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined); // failures surface on the commands below
  try {
    await redis.connect();
    let removed = 0;
    let removedKeys = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) {
        removed += keys.filter((k) => k.startsWith(`${PREFIX}orig:`)).length;
        removedKeys += await redis.unlink(...keys);
      }
    } while (cursor !== '0');
    return { location, removed, removedBytes: 0, entries: 0, note: `${removedKeys} keys under ${PREFIX} removed` };
  } catch (err) {
    throw new StoreError(`cannot clear ${location}: ${err instanceof Error ? err.message : String(err)}`, location, { cause: err });
  } finally {
    redis.disconnect();
  }
}
