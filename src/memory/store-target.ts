import path from 'node:path';
import type { Config } from '../config/index.js';
import { StoreError } from './types.js';

// The one place that reads the `store` setting: which backend, and where.
// openStore opens it; `headroom store` and `headroom doctor` look at it
// without opening a connection of the store's own.

const ACCEPTED = "'sqlite' (default), 'memory', a file path, or a redis:// or rediss:// URL";

export type StoreTarget =
  | { readonly kind: 'memory'; readonly location: 'memory' }
  // The URL may hold a password: print it only through redactRedisUrl (redis-store.ts).
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'sqlite'; readonly file: string; readonly location: string };

/** Throws StoreError for a setting that names no backend. */
export function storeTarget(config: Config): StoreTarget {
  const setting = config.store.trim();
  if (setting === 'memory') return { kind: 'memory', location: 'memory' };
  if (/^rediss?:\/\//i.test(setting)) return { kind: 'redis', url: setting };
  // Anything else with a scheme ('postgres://', 'file:', 'http://') is a typo
  // or an unsupported backend, not a file name; a Windows drive letter ('C:\') is a path.
  if (/^[a-z][a-z0-9+.-]+:/i.test(setting) && !/^[a-z]:[\\/]/i.test(setting)) {
    const scheme = setting.slice(0, setting.indexOf(':'));
    throw new StoreError(`unsupported store '${scheme}:...': use ${ACCEPTED}`, scheme);
  }
  if (setting === '') throw new StoreError(`empty store setting: use ${ACCEPTED}`, '');
  const file = setting === 'sqlite' ? path.join(config.dataDir, 'store.db') : path.resolve(setting);
  return { kind: 'sqlite', file, location: file };
}
