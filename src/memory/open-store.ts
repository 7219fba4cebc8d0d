import path from 'node:path';
import type { Config } from '../config/index.js';
import { createMemoryStore } from './memory-store.js';
import { type Store, StoreError, type StoreOptions } from './types.js';

// The one place that turns the `store` setting into a backend. The SQLite and
// Redis modules are imported only when chosen: a memory or Redis user never
// loads the native SQLite addon, and a SQLite user never loads ioredis.

const ACCEPTED = "'sqlite' (default), 'memory', a file path, or a redis:// or rediss:// URL";

/** Opens the store the configuration names. Throws StoreError when it cannot. */
export async function openStore(config: Config, hooks: { onWarning?: (msg: string) => void } = {}): Promise<Store> {
  const options: StoreOptions = { ttlDays: config.storeTtlDays, maxBytes: Math.floor(config.storeMaxMb * 1024 * 1024) };
  const setting = config.store.trim();
  if (setting === 'memory') return createMemoryStore(options);
  if (/^rediss?:\/\//i.test(setting)) {
    const { openRedisStore } = await import('./redis-store.js');
    return openRedisStore(setting, options);
  }
  // Anything else with a scheme ('postgres://', 'file:', 'http://') is a typo
  // or an unsupported backend, not a file name; a Windows drive letter ('C:\') is a path.
  if (/^[a-z][a-z0-9+.-]+:/i.test(setting) && !/^[a-z]:[\\/]/i.test(setting)) {
    const scheme = setting.slice(0, setting.indexOf(':'));
    throw new StoreError(`unsupported store '${scheme}:...': use ${ACCEPTED}`, scheme);
  }
  if (setting === '') throw new StoreError(`empty store setting: use ${ACCEPTED}`, '');
  const file = setting === 'sqlite' ? path.join(config.dataDir, 'store.db') : path.resolve(setting);
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(file, { ...options, ...(hooks.onWarning ? { onWarning: hooks.onWarning } : {}) });
}
