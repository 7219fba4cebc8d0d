import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/index.js';
import { openStore, storeFileBytes, storeTarget } from '../../memory/index.js';
import { type Finding, note, octal, ok, problem } from '../types.js';

const human = (n: number): string => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
const why = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Mode and write access of the SQLite file and its folder (SQLite writes its -wal beside the file). */
function sqliteAccess(file: string): Finding[] {
  const out: Finding[] = [];
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) out.push(problem('store', `${file} is ${octal(mode)}: others can read the originals`, `chmod 600 ${file}`, { mode: octal(mode) }));
  for (const [target, what] of [[file, 'file'], [path.dirname(file), 'folder']] as const) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch {
      out.push(problem('store', `the store's ${what} ${target} is not writable: compress passes output through unchanged`, `chmod u+w ${target}`));
    }
  }
  return out;
}

/** The store opened as every command opens it (Redis: connected and answering), with its size and backend. */
export async function checkStore(config: Config): Promise<Finding[]> {
  let target;
  try {
    target = storeTarget(config);
  } catch (err) {
    return [problem('store', `store setting ${JSON.stringify(config.store)}: ${why(err)}`, 'export HEADROOM_STORE=sqlite (or fix "store" in the config file)')];
  }
  if (target.kind === 'sqlite' && !fs.existsSync(target.file)) {
    return [ok('store', `sqlite ${target.file}: not created yet (the first compression makes it, 0600)`, { backend: 'sqlite', path: target.file, exists: false })];
  }
  let store;
  try {
    store = await openStore(config);
  } catch (err) {
    const fix =
      target.kind === 'redis'
        ? 'start the Redis server (redis-server), or export HEADROOM_STORE=sqlite to keep originals in a local file'
        : `move the file aside and let headroom make a new one: mv ${target.kind === 'sqlite' ? target.file : '<store>'} ${target.kind === 'sqlite' ? `${target.file}.old` : '<store>.old'}`;
    return [problem('store', `${target.kind} store cannot be opened: ${why(err)}`, fix, { backend: target.kind })];
  }
  try {
    const stats = await store.stats();
    const fileBytes = await storeFileBytes(config);
    const size = `${stats.entries.toLocaleString('en-US')} originals, ${human(stats.bytes)} stored${fileBytes !== undefined ? `, ${human(fileBytes)} on disk` : ''}`;
    const data = { backend: store.kind, path: store.location, entries: stats.entries, bytes: stats.bytes, ...(fileBytes !== undefined && { fileBytes }) };
    if (store.kind === 'memory') return [note('store', 'memory store: nothing is kept between commands, so `headroom retrieve` cannot find what another process stored', data)];
    const access = store.kind === 'sqlite' ? sqliteAccess(store.location) : [];
    const reached = store.kind === 'redis' ? 'reachable' : 'opens';
    return [ok('store', `${store.kind} ${store.location}: ${reached}; ${size}`, data), ...access];
  } catch (err) {
    return [problem('store', `${store.kind} store ${store.location} opened but cannot be read: ${why(err)}`, 'headroom store clear (it keeps only a cache of originals)')];
  } finally {
    await store.close();
  }
}
