import type { Config } from '../config/index.js';
import { createMemoryStore } from './memory-store.js';
import { storeTarget } from './store-target.js';
import type { Store, StoreOptions } from './types.js';

// The one place that turns the `store` setting into a backend. The SQLite and
// Redis modules are imported only when chosen: a memory or Redis user never
// loads the native SQLite addon, and a SQLite user never loads ioredis.

/** Opens the store the configuration names. Throws StoreError when it cannot. */
export async function openStore(config: Config, hooks: { onWarning?: (msg: string) => void } = {}): Promise<Store> {
  const options: StoreOptions = { ttlDays: config.storeTtlDays, maxBytes: Math.floor(config.storeMaxMb * 1024 * 1024) };
  const target = storeTarget(config);
  if (target.kind === 'memory') return createMemoryStore(options);
  if (target.kind === 'redis') {
    const { openRedisStore } = await import('./redis-store.js');
    return openRedisStore(target.url, options);
  }
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(target.file, { ...options, ...(hooks.onWarning ? { onWarning: hooks.onWarning } : {}) });
}
