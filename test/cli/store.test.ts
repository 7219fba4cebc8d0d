import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Epochs } from '../../src/intercept/repack/index.js';
import { openSqliteStore } from '../../src/memory/sqlite-store.js';
import { BIN, headroom, isolatedEnv } from '../helpers/cli.js';
import { corpusCase } from '../helpers/corpus.js';
import { type RedisServer, startRedisServer } from '../helpers/redis-server.js';
import { spawnTerm } from '../helpers/term.js';

// `headroom store prune|clear` on a real SQLite file and a real Redis server,
// the confirmation in a real terminal, and the store's size in `headroom stats`.

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.dispose());

const CASES = ['logs/loghub-hdfs', 'logs/loghub-zookeeper', 'json/octokit-search-issues'];

/** Compresses the cases into the env's store; returns the ids. */
async function fill(env: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (const c of CASES) {
    const r = await headroom(['compress', '--json'], { input: corpusCase(c).input, env });
    ids.push(...(JSON.parse(r.stdout.toString('utf8')) as { ids: string[] }).ids);
  }
  return ids;
}

const json = async (args: string[], env: Record<string, string>) => {
  const r = await headroom(args, { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout.toString('utf8'));
};

test('prune removes what is past its lifetime or over the cap, keeps the rest and the stats, and shrinks the file', async () => {
  const env = isolatedEnv();
  const ids = await fill(env);
  expect(ids).toHaveLength(3);
  const kept = await json(['store', 'prune', '--json'], env);
  expect(kept).toMatchObject({ removed: 0, entries: 3 });
  // A cap lowered since: the least recently read go until the rest fits.
  const capped = await json(['store', 'prune', '--json'], { ...env, HEADROOM_STORE_MAX_MB: '0.02' });
  expect(capped.removed).toBeGreaterThan(0);
  expect(capped.entries).toBe(3 - capped.removed);
  const all = await json(['store', 'prune', '--older-than', '0', '--json'], env);
  expect(all).toMatchObject({ entries: 0, removed: 3 - capped.removed });
  expect(all.fileBytesAfter).toBeLessThan(kept.fileBytesAfter);
  const gone = await headroom(['retrieve', ids[0]!], { env });
  expect(gone.code).toBe(1);
  // Compressions recorded before stay in the stats.
  const stats = await json(['stats', '--json'], env);
  expect(stats.rows.reduce((n: number, r: { compressions: number }) => n + r.compressions, 0)).toBe(3);
  expect(stats).toMatchObject({ kind: 'sqlite', entries: 0 });
  const human = await headroom(['store', 'prune', '--older-than', 'soon'], { env });
  expect(human.code).toBe(2);
}, 60_000);

test("stats says how big the store is, held and on disk", async () => {
  const env = isolatedEnv();
  await fill(env);
  const s = await json(['stats', '--json'], env);
  const file = path.join(env.XDG_DATA_HOME!, 'headroom', 'store.db');
  expect(s.fileBytes).toBe(fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0));
  const text = (await headroom(['stats'], { env })).stdout.toString('utf8');
  expect(text).toMatch(new RegExp(`^Store: ${file}: 3 originals, [\\d.]+ KB stored \\(compressed\\); [\\d.]+ (KB|MB) on disk`, 'm'));
  expect(text).toMatch(/^Tokens saved \(counted exactly by compress --json; the proxy and plain compress runs record a quick estimate\)$/m);
}, 60_000);

test('stats counts the repacks the proxy made after a lapsed prompt cache, apart from compressions', async () => {
  const env = isolatedEnv();
  await fill(env);
  const store = openSqliteStore(path.join(env.XDG_DATA_HOME!, 'headroom', 'store.db'), { ttlDays: 30, maxBytes: 1 << 26 });
  const epochs = new Epochs(store);
  const thread = { key: 't', provider: 'anthropic' };
  const facts = (now: number, turns: number, calls: string[]) => ({
    now, ttlMs: 300_000, turns, calls: new Set(calls), allowed: true,
    make: (epoch: number) => ({ epoch, turns, anchor: calls.at(-1)!, roles: new Map([[`${calls[0]}\0${0}`, { kind: 'repack' as const }]]) }),
  });
  await epochs.open(thread, facts(0, 3, ['a']));
  expect((await epochs.open(thread, facts(3_600_000, 5, ['a', 'b']))).repacked).toBe(true);
  await store.close();
  expect(await json(['stats', '--json'], env)).toMatchObject({ repacks: 1 });
  expect((await headroom(['stats'], { env })).stdout.toString('utf8')).toContain('; 1 repack after a lapsed prompt cache (not cache busts)');
}, 60_000);

/** Rows of the proxy's decisions and threads in a store file. */
function records(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('clear asks in a terminal: n keeps everything, y removes it all', async () => {
  const env = isolatedEnv();
  await fill(env);
  // A decision of the proxy, as a wrapped session writes it beside the originals.
  const file = path.join(env.XDG_DATA_HOME!, 'headroom', 'store.db');
  const store = openSqliteStore(file, { ttlDays: 7, maxBytes: 64 * 1024 * 1024 });
  await store.claimRecord('decision', 'k', new TextEncoder().encode('leave'));
  await store.close();
  expect(records(file)).toBe(1);
  const termEnv = { ...env, PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' };
  const no = spawnTerm(process.execPath, [BIN, 'store', 'clear'], { cwd: env.HOME!, env: termEnv, cols: 200 });
  await no.waitFor(/Remove every original and the recorded stats from .*store\.db\?.*\[y\/N\]/s);
  no.write('n\r');
  expect((await no.exited).exitCode).toBe(1);
  expect(no.raw()).toContain('headroom: nothing removed');
  expect((await json(['stats', '--json'], env)).entries).toBe(3);

  const yes = spawnTerm(process.execPath, [BIN, 'store', 'clear'], { cwd: env.HOME!, env: termEnv, cols: 200 });
  await yes.waitFor(/\[y\/N\]/);
  yes.write('y\r');
  expect((await yes.exited).exitCode).toBe(0);
  expect(yes.screen().join('\n')).toMatch(/headroom store: removed 3 originals .* 0 left; file/);
  const after = await json(['stats', '--json'], env);
  expect(after).toMatchObject({ entries: 0, rows: [] });
  expect(records(file)).toBe(0);
}, 60_000);

test('clear without a terminal needs --yes; on Redis it removes only headroom keys', async () => {
  const env = isolatedEnv(redis.url);
  await fill(env);
  const refused = await headroom(['store', 'clear'], { env });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('confirm in a terminal, or add --yes');
  const { Redis } = await import('ioredis');
  const client = new Redis(redis.url);
  await client.set('someone-else:key', 'stays');
  try {
    const cleared = await json(['store', 'clear', '--yes', '--json'], env);
    expect(cleared).toMatchObject({ removed: 3, entries: 0 });
    expect(await client.keys('headroom:*')).toEqual([]);
    expect(await client.get('someone-else:key')).toBe('stays');
    const pruned = await json(['store', 'prune', '--json'], env);
    expect(pruned.note).toContain('Redis expires originals itself');
  } finally {
    client.disconnect();
  }
}, 60_000);
