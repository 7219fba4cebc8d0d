import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentId } from '../../src/memory/id.js';
import { openSqliteStore } from '../../src/memory/sqlite-store.js';
import { StoreError } from '../../src/memory/types.js';
import { CORPUS_ROOT, REPO_ROOT, corpusCases } from '../helpers/corpus.js';
import { meta, runStoreContract } from './store-contract.js';
import { tempDir } from '../helpers/temp-dir.js';

const MB = 1024 * 1024;
const WORKER = path.join(REPO_ROOT, 'test', 'helpers', 'store-worker.mjs');
const COMPILED = path.join(REPO_ROOT, 'dist', 'memory', 'sqlite-store.js');

let tmp: string;
beforeAll(() => {
  tmp = tempDir('headroom-sqlite-');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
const freshFile = (): string => path.join(tmp, `case-${++n}`, 'store.db');
const mode = (p: string): number => fs.statSync(p).mode & 0o777;

runStoreContract({ open: async (options) => openSqliteStore(freshFile(), options) });

/** Runs a child to its end, collecting stdout. */
function run(child: ChildProcess): Promise<string> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}: ${err.slice(0, 2000)}`))));
  });
}

describe('sqlite store files', () => {
  it('creates its folder 0700 and the database, -wal and -shm 0600', async () => {
    const file = freshFile();
    const store = openSqliteStore(file, { ttlDays: 30, maxBytes: MB });
    const b = Buffer.from('x'.repeat(1000));
    await store.put(contentId(b), b, meta());
    expect(mode(path.dirname(file))).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    await store.close();
  });

  it('moves a garbage file aside, warns, and starts an empty store', async () => {
    const file = freshFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(20_000));
    const warnings: string[] = [];
    const store = openSqliteStore(file, { ttlDays: 30, maxBytes: MB, onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${file}.corrupt-1`);
    expect(fs.statSync(`${file}.corrupt-1`).size).toBe(20_000);
    const b = Buffer.from('after recovery');
    await store.put(contentId(b), b, meta());
    expect(Buffer.from((await store.get(contentId(b)))!).equals(b)).toBe(true);
    await store.close();
  });

  it('moves a truncated database aside, keeping earlier broken copies', async () => {
    const file = freshFile();
    let store = openSqliteStore(file, { ttlDays: 30, maxBytes: 64 * MB });
    for (let i = 0; i < 300; i++) {
      const b = randomBytes(8000);
      await store.put(contentId(b), b, meta());
    }
    await store.close();
    fs.writeFileSync(`${file}.corrupt-1`, 'an earlier one');
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const warnings: string[] = [];
    store = openSqliteStore(file, { ttlDays: 30, maxBytes: MB, onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toContain(`${file}.corrupt-2`);
    expect((await store.stats()).entries).toBe(0);
    const b = Buffer.from('after recovery');
    await store.put(contentId(b), b, meta());
    expect(await store.get(contentId(b))).toBeDefined();
    await store.close();
  });

  it('a full disk fails put with StoreError and leaves nothing half-written', async () => {
    const file = freshFile();
    const store = openSqliteStore(file, { ttlDays: 30, maxBytes: 64 * MB, maxPageCount: 60 });
    const kept: Buffer[] = [];
    let failure: unknown;
    let failed: Buffer | undefined;
    for (let i = 0; i < 100 && !failure; i++) {
      const b = randomBytes(16_000); // incompressible: about four pages each
      try {
        await store.put(contentId(b), b, meta());
        kept.push(b);
      } catch (err) {
        failure = err;
        failed = b;
      }
    }
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toContain('SQLITE_FULL');
    expect(kept.length).toBeGreaterThan(0);
    expect(await store.get(contentId(failed!))).toBeUndefined();
    for (const b of kept) expect(Buffer.from((await store.get(contentId(b)))!).equals(b)).toBe(true);
    expect((await store.stats()).entries).toBe(kept.length);
    await expect(store.recordCompression({ ...meta(), at: Date.now() })).resolves.toBeUndefined();
    await store.close();
  });

  it('a write lock held past the busy timeout fails put with StoreError; reads go on', async () => {
    const file = freshFile();
    const store = openSqliteStore(file, { ttlDays: 30, maxBytes: MB });
    const b = Buffer.from('stored before the lock\n');
    await store.put(contentId(b), b, meta());
    const other = new Database(file); // another writer that does not let go
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const c = randomBytes(1000);
      const t0 = Date.now();
      const err = await store.put(contentId(c), c, meta()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toContain('SQLITE_BUSY');
      expect(Date.now() - t0).toBeLessThan(5000);
      const t1 = Date.now();
      expect(Buffer.from((await store.get(contentId(b)))!).equals(b)).toBe(true); // WAL readers do not wait for writers
      expect(Date.now() - t1).toBeLessThan(1000); // nor for the refresh of the entry's lifetime
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
      await store.close();
    }
  });

  it('a read-only file fails put with StoreError and still serves reads', async () => {
    const file = freshFile();
    const store = openSqliteStore(file, { ttlDays: 30, maxBytes: MB });
    const b = Buffer.from('stored before the file became read-only\n');
    await store.put(contentId(b), b, meta());
    await store.close();
    // Root ignores file modes, so as root the worker drops to nobody.
    fs.chmodSync(file, 0o444);
    fs.chmodSync(path.dirname(file), 0o777);
    fs.chmodSync(tmp, 0o755);
    const asRoot = process.getuid?.() === 0;
    const child = spawn(process.execPath, [WORKER, 'readonly', file, contentId(b)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    const result = JSON.parse(await run(child)) as Record<string, string>;
    expect(result.open).toBeUndefined();
    expect(result.put).toBe('StoreError');
    expect(result.message).toContain('SQLITE_READONLY');
    expect(result.get).toBe('found');
  });
});

describe('sqlite store shared by processes', () => {
  it('4 processes writing and reading one file at once lose nothing', async () => {
    if (!fs.existsSync(COMPILED)) throw new Error(`${COMPILED} is missing: run \`npx tsc -p tsconfig.build.json\` first (npm test does)`);
    const file = freshFile();
    const corpusFile = path.join(CORPUS_ROOT, 'logs', corpusCases('logs')[0]!.name, 'input.txt');
    const workers = 4;
    const count = 300;
    const children = Array.from({ length: workers }, (_, w) =>
      spawn(process.execPath, [WORKER, 'stress', file, String(w), String(workers), String(count), corpusFile], {
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    // Every worker finishes its puts before any starts reading the others' entries.
    const done = children.map(
      (c) => new Promise<void>((resolve) => c.stdout.on('data', (d: Buffer) => d.toString().includes('PUT-DONE') && resolve())),
    );
    const results = children.map(run);
    await Promise.race([Promise.all(done), Promise.all(results)]);
    for (const c of children) c.stdin.write('read\n');
    for (const out of await Promise.all(results)) {
      const summary = JSON.parse(out.split('\n').filter(Boolean).pop()!) as { found: number; mismatches: number };
      expect(summary).toEqual({ found: workers * count, mismatches: 0 });
    }
    const store = openSqliteStore(file, { ttlDays: 30, maxBytes: 512 * MB });
    const stats = await store.stats();
    expect(stats.entries).toBe(workers * count);
    expect(stats.rows.find((r) => r.compressor === 'worker')?.stored).toBe(workers * count);
    await store.close();
  }, 60_000);
});

describe('sqlite store schema upgrade', () => {
  it('a version-1 file keeps its originals and gains the records table', async () => {
    const file = freshFile();
    const s = corpusCases('logs')[0]!.input;
    const original = Buffer.from(s, 'utf8');
    const first = openSqliteStore(file, { ttlDays: 30, maxBytes: 64 * MB });
    await first.put(contentId(original), original, meta());
    await first.close();
    // Back to what version 1 wrote: no records tables.
    const db = new Database(file);
    db.exec('DROP TABLE records; DROP TABLE record_totals; PRAGMA user_version = 1');
    db.close();
    const upgraded = openSqliteStore(file, { ttlDays: 30, maxBytes: 64 * MB });
    try {
      expect(Buffer.from((await upgraded.get(contentId(original)))!).equals(original)).toBe(true);
      await upgraded.claimRecord('decision', 'k', Buffer.from('v'));
      expect(Buffer.from((await upgraded.getRecord('decision', 'k'))!).toString()).toBe('v');
    } finally {
      await upgraded.close();
    }
  });
});
