import path from 'node:path';
import { createFactStore } from './fact-store.js';
import type { FactStore } from './types.js';
import { StoreError } from '../memory/types.js';

// The memory store follows the compression store's setting: beside its
// SQLite file (facts.db in the same folder), in the same Redis, or in the
// process for `memory`. Backends load only when chosen.

export interface FactConfig {
  /** The `store` setting: 'sqlite', a file path, 'memory', or a redis:// URL. */
  readonly store: string;
  /** $XDG_DATA_HOME/headroom. */
  readonly dataDir: string;
}

export async function openFactStore(config: FactConfig, options: { now?: () => number } = {}): Promise<FactStore> {
  const setting = config.store.trim();
  if (/^rediss?:\/\//i.test(setting)) {
    const { openRedisFacts } = await import('./redis-facts.js');
    return createFactStore(await openRedisFacts(setting), options.now);
  }
  if (setting === '' || (/^[a-z][a-z0-9+.-]+:/i.test(setting) && !/^[a-z]:[\\/]/i.test(setting))) {
    throw new StoreError(`unsupported store setting '${setting}': use 'sqlite' (default), 'memory', a file path, or a redis:// URL`, setting);
  }
  const file = setting === 'memory' ? ':memory:' : path.join(setting === 'sqlite' ? config.dataDir : path.dirname(path.resolve(setting)), 'facts.db');
  const { openSqliteFacts } = await import('./sqlite-facts.js');
  return createFactStore(openSqliteFacts(file), options.now);
}
