import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.js';
import { openStore } from '../../src/memory/open-store.js';
import { StoreError } from '../../src/memory/types.js';
import { tempDir } from '../helpers/temp-dir.js';

const tmp = tempDir('headroom-open-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const config = (store: string): Config => ({
  store,
  storeTtlDays: 30,
  storeMaxMb: 16,
  tools: {},
  backoffAfter: 3,
  keepWhole: {},
  dataDir: path.join(tmp, 'data', 'headroom'),
  stateDir: path.join(tmp, 'state', 'headroom'),
  configFile: path.join(tmp, 'config.json'),
});

describe('openStore', () => {
  it("'memory' is the in-process store", async () => {
    const store = await openStore(config('memory'));
    expect(store.kind).toBe('memory');
    await store.close();
  });

  it("'sqlite' is store.db in the data folder", async () => {
    const store = await openStore(config('sqlite'));
    expect(store.kind).toBe('sqlite');
    expect(store.location).toBe(path.join(tmp, 'data', 'headroom', 'store.db'));
    expect(fs.existsSync(store.location)).toBe(true);
    await store.close();
  });

  it('any other plain string is a SQLite file path', async () => {
    const file = path.join(tmp, 'elsewhere', 'mine.sqlite');
    const store = await openStore(config(file));
    expect(store.kind).toBe('sqlite');
    expect(store.location).toBe(file);
    await store.close();
  });

  it('passes the warning hook to the SQLite store', async () => {
    const file = path.join(tmp, 'broken.db');
    fs.writeFileSync(file, 'not a database at all, just text that is long enough to be read as a header');
    const warnings: string[] = [];
    const store = await openStore(config(file), { onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    await store.close();
  });

  it('an unknown scheme is refused, naming the accepted values and not echoing credentials', async () => {
    const err = await openStore(config('postgres://user:hunter2@db/headroom')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    const message = (err as StoreError).message;
    expect(message).toContain('postgres');
    expect(message).toContain("'memory'");
    expect(message).toContain('redis://');
    expect(message).not.toContain('hunter2');
  });

  it('a redis:// URL with nothing listening fails with StoreError, quickly', async () => {
    const t0 = Date.now();
    await expect(openStore(config('redis://127.0.0.1:1'))).rejects.toBeInstanceOf(StoreError);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
