import path from 'node:path';
import type { Config } from '../config/index.js';
import { storeTarget } from './store-target.js';
import type { Upkeep } from './upkeep-types.js';

// Store upkeep for `headroom store prune|clear`, by backend. Kept out of the
// Store contract: agents and the proxy never prune, and these run once, by hand.

export type { Upkeep } from './upkeep-types.js';

export async function pruneStore(config: Config, o: { days?: number; now?: number } = {}): Promise<Upkeep> {
  const target = storeTarget(config);
  if (target.kind === 'memory') return { location: 'memory', removed: 0, removedBytes: 0, entries: 0, note: 'the memory store keeps nothing past its process: nothing to prune' };
  if (target.kind === 'redis') {
    const { redactRedisUrl } = await import('./redis-store.js');
    return { location: redactRedisUrl(target.url), removed: 0, removedBytes: 0, entries: 0, note: 'Redis expires originals itself (their TTL) and evicts by its maxmemory policy: nothing to prune' };
  }
  const { pruneSqlite } = await import('./upkeep-sqlite.js');
  return pruneSqlite(target.file, { days: o.days ?? config.storeTtlDays, maxBytes: Math.floor(config.storeMaxMb * 1024 * 1024), now: o.now ?? Date.now() });
}

export async function clearStore(config: Config): Promise<Upkeep> {
  const target = storeTarget(config);
  if (target.kind === 'memory') return { location: 'memory', removed: 0, removedBytes: 0, entries: 0, note: 'the memory store keeps nothing past its process: nothing to clear' };
  if (target.kind === 'redis') {
    const { clearRedis } = await import('./upkeep-redis.js');
    return clearRedis(target.url);
  }
  const { clearSqlite } = await import('./upkeep-sqlite.js');
  return clearSqlite(target.file);
}

/** Bytes the SQLite store takes on disk (file and -wal), or undefined for other backends. */
export async function storeFileBytes(config: Config): Promise<number | undefined> {
  const target = storeTarget(config);
  if (target.kind !== 'sqlite') return undefined;
  const { fileBytes } = await import('./upkeep-sqlite.js');
  return fileBytes(path.resolve(target.file));
}
