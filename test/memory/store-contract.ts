import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareOriginal } from '../../src/memory/blob.js';
import { contentId } from '../../src/memory/id.js';
import { type OriginalMeta, type Store, StoreError, type StoreOptions } from '../../src/memory/types.js';
import { corpusCases } from '../helpers/corpus.js';

// The one suite every store backend runs (memory, SQLite, Redis), so they
// keep the same semantics. A backend may skip a case only by naming it with a
// reason, like hono's router tests.

export interface ContractTarget {
  /** A fresh, empty store with these options. */
  open(options: StoreOptions): Promise<Store>;
  /** Cases this backend cannot honour, by name, with the reason. */
  readonly skip?: Readonly<Record<string, string>>;
  /**
   * Cases this backend meets its own way, by name: the test that shows it
   * instead (e.g. Redis evicts through the server's maxmemory, not maxBytes).
   */
  readonly instead?: Readonly<Record<string, { readonly how: string; readonly test: () => Promise<void> }>>;
}

const DAY_MS = 86_400_000;
const MB = 1024 * 1024;
const T0 = Date.UTC(2025, 0, 1);

export function meta(over: Partial<OriginalMeta> = {}): OriginalMeta {
  return { type: 'log', compressor: 'log-template-dedup', tool: 'Bash', tokensBefore: 1000, tokensAfter: 100, ...over };
}

/** A clock the test moves by hand. */
export function manualClock(start = T0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** Real tool output: a few cases of different types from the shared corpus. */
function corpusSamples(): Buffer[] {
  const picks = ['logs', 'json', 'grep', 'diffs'].map((type) => corpusCases(type)[0]!);
  return picks.map((c) => Buffer.from(c.input, 'utf8'));
}

/** Exactly `size` bytes of real text, repeated as needed. */
function textOfSize(size: number): Buffer {
  const base = Buffer.from(corpusCases('logs')[0]!.input, 'utf8');
  const out = Buffer.alloc(size);
  for (let at = 0; at < size; at += base.length) base.copy(out, at, 0, Math.min(base.length, size - at));
  return out;
}

export function runStoreContract(target: ContractTarget): void {
  const open: Store[] = [];
  const make = async (options: Partial<StoreOptions> = {}): Promise<Store> => {
    const store = await target.open({ ttlDays: 30, maxBytes: 64 * MB, ...options });
    open.push(store);
    return store;
  };
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  const test = (name: string, fn: () => Promise<void>): void => {
    const reason = target.skip?.[name];
    const own = target.instead?.[name];
    if (own) it(`${name} (${own.how})`, own.test, 60_000);
    else if (reason) it.skip(`${name} (skipped: ${reason})`, fn);
    else it(name, fn);
  };

  describe('store contract', () => {
    test('round-trips real tool output byte for byte', async () => {
      const store = await make();
      const samples = corpusSamples();
      for (const s of samples) await store.put(contentId(s), s, meta());
      for (const s of samples) expect(Buffer.from((await store.get(contentId(s)))!).equals(s)).toBe(true);
    });

    test('round-trips binary, invalid UTF-8 and incompressible bytes', async () => {
      const store = await make();
      const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const invalid = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x00, 0x0a]);
      const random = randomBytes(64 * 1024);
      for (const b of [every, invalid, random]) {
        await store.put(contentId(b), b, meta({ type: 'binary' }));
        expect(Buffer.from((await store.get(contentId(b)))!).equals(b)).toBe(true);
      }
    });

    test('keeps an empty original and a 5 MB one', async () => {
      const store = await make();
      const empty = Buffer.alloc(0);
      const big = textOfSize(5 * MB);
      await store.put(contentId(empty), empty, meta());
      await store.put(contentId(big), big, meta());
      expect((await store.get(contentId(empty)))?.byteLength).toBe(0);
      expect(Buffer.from((await store.get(contentId(big)))!).equals(big)).toBe(true);
    });

    test('the same put twice is one entry', async () => {
      const store = await make();
      const s = corpusSamples()[0]!;
      await store.put(contentId(s), s, meta());
      const once = await store.stats();
      await store.put(contentId(s), s, meta());
      const twice = await store.stats();
      expect(twice.entries).toBe(1);
      expect(twice.bytes).toBe(once.bytes);
      expect(Buffer.from((await store.get(contentId(s)))!).equals(s)).toBe(true);
    });

    test('refuses a different original under an existing id and keeps the first', async () => {
      const store = await make();
      const [a, b] = corpusSamples();
      await store.put(contentId(a!), a!, meta());
      await expect(store.put(contentId(a!), b!, meta())).rejects.toBeInstanceOf(StoreError);
      expect(Buffer.from((await store.get(contentId(a!)))!).equals(a!)).toBe(true);
    });

    test('an unknown id is undefined', async () => {
      const store = await make();
      expect(await store.get('hr_abcdefghijkm')).toBeUndefined();
    });

    test('originals unread for ttlDays expire', async () => {
      const clock = manualClock();
      const store = await make({ ttlDays: 2, now: clock.now });
      const s = corpusSamples()[0]!;
      await store.put(contentId(s), s, meta());
      clock.advance(2 * DAY_MS - 1000);
      expect(await store.get(contentId(s))).toBeDefined();
      clock.advance(2 * DAY_MS + 1000);
      expect(await store.get(contentId(s))).toBeUndefined();
      expect((await store.stats()).entries).toBe(0);
    });

    test('reads and repeated puts refresh the lifetime', async () => {
      const clock = manualClock();
      const store = await make({ ttlDays: 1, now: clock.now });
      const [read, reput, idle] = corpusSamples();
      for (const s of [read!, reput!, idle!]) await store.put(contentId(s), s, meta());
      for (let i = 0; i < 3; i++) {
        clock.advance(0.75 * DAY_MS);
        expect(await store.get(contentId(read!))).toBeDefined();
        await store.put(contentId(reput!), reput!, meta());
      }
      expect(await store.get(contentId(idle!))).toBeUndefined();
      expect(Buffer.from((await store.get(contentId(read!)))!).equals(read!)).toBe(true);
      expect(await store.get(contentId(reput!))).toBeDefined();
    });

    test('evicts least recently used originals under maxBytes', async () => {
      const clock = manualClock();
      // Random bytes do not compress: each entry costs its size plus a tag byte.
      const blobs = Array.from({ length: 6 }, () => randomBytes(10_000));
      const store = await make({ maxBytes: 50_000, now: clock.now });
      for (const b of blobs.slice(0, 4)) {
        clock.advance(1000);
        await store.put(contentId(b), b, meta());
      }
      clock.advance(1000);
      expect(await store.get(contentId(blobs[0]!))).toBeDefined(); // the oldest put, now the most recently read
      for (const b of blobs.slice(4)) {
        clock.advance(1000);
        await store.put(contentId(b), b, meta());
        expect((await store.stats()).bytes).toBeLessThanOrEqual(50_000);
      }
      expect(await store.get(contentId(blobs[0]!))).toBeDefined();
      expect(await store.get(contentId(blobs[5]!))).toBeDefined();
      expect(await store.get(contentId(blobs[1]!))).toBeUndefined();
      expect(await store.get(contentId(blobs[2]!))).toBeUndefined();
    });

    test('refuses one original larger than maxBytes', async () => {
      const store = await make({ maxBytes: 1000 });
      const b = randomBytes(5000);
      await expect(store.put(contentId(b), b, meta())).rejects.toBeInstanceOf(StoreError);
      expect(await store.get(contentId(b))).toBeUndefined();
    });

    test('aggregates stats by type and compressor, with retrievals and misses', async () => {
      const clock = manualClock();
      const store = await make({ now: clock.now });
      const [a, b, c] = corpusSamples();
      const logMeta = meta({ type: 'log', compressor: 'log-template-dedup', tokensBefore: 1000, tokensAfter: 100 });
      const jsonMeta = meta({ type: 'json', compressor: 'json-structure', tokensBefore: 500, tokensAfter: 50 });
      const stored: [Buffer, OriginalMeta][] = [[a!, logMeta], [b!, logMeta], [c!, jsonMeta]];
      for (const [s, m] of stored) {
        await store.put(contentId(s), s, m);
        await store.recordCompression({ ...m, id: contentId(s), at: clock.now() });
      }
      await store.recordCompression({ ...logMeta, id: contentId(a!), at: clock.now() }); // same output again
      await store.recordCompression({ ...jsonMeta, at: clock.now() }); // nothing stored
      for (const id of [contentId(a!), contentId(a!), contentId(c!)]) await store.recordRetrieval({ id, at: clock.now(), found: true });
      await store.recordRetrieval({ id: 'hr_abcdefghijkm', at: clock.now(), found: false });
      await store.recordRetrieval({ id: 'hr_bcdefghijkmn', at: clock.now(), found: false });

      const report = await store.stats();
      const row = (type: string) => report.rows.find((r) => r.type === type);
      expect(row('log')).toEqual({
        type: 'log',
        compressor: 'log-template-dedup',
        compressions: 3,
        tokensBefore: 3000,
        tokensAfter: 300,
        stored: 2,
        retrieved: 1,
        retrievals: 2,
      });
      expect(row('json')).toEqual({
        type: 'json',
        compressor: 'json-structure',
        compressions: 2,
        tokensBefore: 1000,
        tokensAfter: 100,
        stored: 1,
        retrieved: 1,
        retrievals: 1,
      });
      expect(row('log')!.retrieved / row('log')!.stored).toBe(0.5); // the retrieval rate a report shows
      expect(report.misses).toBe(2);
      expect(report.entries).toBe(3);
      expect(report.bytes).toBeGreaterThan(0);
      expect(report.bytes).toBeLessThan(a!.length + b!.length + c!.length); // compressed
    });

    test('putPrepared keeps what put would, and refuses a collision the same way', async () => {
      const store = await make();
      const [a, b] = corpusSamples();
      await store.putPrepared(contentId(a!), prepareOriginal(a!), meta());
      expect(Buffer.from((await store.get(contentId(a!)))!).equals(a!)).toBe(true);
      await store.put(contentId(a!), a!, meta()); // the same original by the other door: one entry
      expect((await store.stats()).entries).toBe(1);
      await expect(store.putPrepared(contentId(a!), prepareOriginal(b!), meta())).rejects.toBeInstanceOf(StoreError);
    });

    test('records: unknown is undefined, the first claim stands, set replaces', async () => {
      const store = await make();
      const first = Buffer.from('{"kind":"compressed","literal":"\\"a\\""}');
      const second = Buffer.from('{"kind":"leave"}');
      expect(await store.getRecord('decision', 'k1')).toBeUndefined();
      expect(Buffer.from(await store.claimRecord('decision', 'k1', first)).equals(first)).toBe(true);
      expect(Buffer.from(await store.claimRecord('decision', 'k1', second)).equals(first)).toBe(true);
      expect(Buffer.from((await store.getRecord('decision', 'k1'))!).equals(first)).toBe(true);
      // Kinds are apart: the same key under another kind is another record.
      expect(await store.getRecord('thread', 'k1')).toBeUndefined();
      await store.setRecord('thread', 'k1', second);
      await store.setRecord('thread', 'k1', first);
      expect(Buffer.from((await store.getRecord('thread', 'k1'))!).equals(first)).toBe(true);
      // Binary values round-trip.
      const bytes = randomBytes(4096);
      await store.setRecord('thread', 'bin', bytes);
      expect(Buffer.from((await store.getRecord('thread', 'bin'))!).equals(bytes)).toBe(true);
    });

    test('records set together: each replaces its key, within its kind', async () => {
      const store = await make();
      await store.setRecord('seen', 'a', Buffer.from('old'));
      await store.setRecords('seen', [
        { key: 'a', value: Buffer.from('new') },
        { key: 'b', value: randomBytes(300) },
      ]);
      await store.setRecords('seen', []);
      expect(Buffer.from((await store.getRecord('seen', 'a'))!).toString()).toBe('new');
      expect((await store.getRecord('seen', 'b'))!.byteLength).toBe(300);
      expect(await store.getRecord('scope', 'a')).toBeUndefined();
      expect(await store.countRecords('seen')).toBe(2);
    });

    test('records are counted by kind', async () => {
      const store = await make();
      expect(await store.countRecords('repack')).toBe(0);
      await store.claimRecord('repack', 'thread-a#1', Buffer.from('1 4\tx'));
      await store.claimRecord('repack', 'thread-a#2', Buffer.from('2 9\ty'));
      await store.claimRecord('repack', 'thread-a#2', Buffer.from('2 9\tz'));
      await store.setRecord('seen', 'thread-a', Buffer.from('1 300000 0'));
      await store.claimRecord('decision', 'thread-a#3', Buffer.from('L1'));
      expect(await store.countRecords('repack')).toBe(2);
      expect(await store.countRecords('seen')).toBe(1);
      expect(await store.countRecords('thread')).toBe(0);
    });

    test('records list and delete by key prefix, within their kind, literally', async () => {
      const clock = manualClock();
      const store = await make({ ttlDays: 2, now: clock.now });
      // Glob and LIKE characters in a key (a project's path) are plain characters.
      const keys = ['b\n/w/a*[1]_%\nBash: git\n', 'b\n/w/a*[1]_%\nBash: git diff\n', 'b\n/w/ab\nBash: git\n', 's\n/w/a*[1]_%\nBash: git\nx\n'];
      for (const k of keys) await store.setRecord('backoff', k, Buffer.from(k.length.toString()));
      await store.setRecord('decision', 'b\n/w/a*[1]_%\nBash: git\n', Buffer.from('other kind'));
      const listed = (await store.listRecords('backoff', 'b\n/w/a*[1]_%\n')).map((r) => [r.key, Buffer.from(r.value).toString()]).sort();
      expect(listed).toEqual([
        [keys[0], String(keys[0]!.length)],
        [keys[1], String(keys[1]!.length)],
      ]);
      expect((await store.listRecords('backoff', 'b\n/w/a*[1]_%\nBash: git\n')).map((r) => r.key)).toEqual([keys[0]]);
      expect(await store.deleteRecords('backoff', 'b\n/w/a*[1]_%\nBash: git\n')).toBe(1);
      expect((await store.listRecords('backoff', 'b\n')).map((r) => r.key).sort()).toEqual([keys[1], keys[2]]);
      expect(await store.getRecord('decision', 'b\n/w/a*[1]_%\nBash: git\n')).toBeDefined();
      // Expired records are not listed.
      clock.advance(3 * DAY_MS);
      expect(await store.listRecords('backoff', '')).toEqual([]);
    });

    test('records unread for ttlDays expire, and an expired claim is free again', async () => {
      const clock = manualClock();
      const store = await make({ ttlDays: 2, now: clock.now });
      await store.claimRecord('decision', 'old', Buffer.from('a'));
      await store.claimRecord('decision', 'read', Buffer.from('r'));
      for (let i = 0; i < 3; i++) {
        clock.advance(1.5 * DAY_MS);
        expect(await store.getRecord('decision', 'read')).toBeDefined(); // reads refresh
      }
      expect(await store.getRecord('decision', 'old')).toBeUndefined();
      expect(Buffer.from(await store.claimRecord('decision', 'old', Buffer.from('b'))).toString()).toBe('b');
    });

    test('records stay under their share of maxBytes, least recently used going first', async () => {
      const clock = manualClock();
      // Records get a quarter of maxBytes: 25,000 bytes here, room for two 10 KB values.
      const store = await make({ maxBytes: 100_000, now: clock.now });
      const values = Array.from({ length: 3 }, () => randomBytes(10_000));
      await store.claimRecord('decision', 'v0', values[0]!);
      clock.advance(1000);
      await store.claimRecord('decision', 'v1', values[1]!);
      clock.advance(2 * 3_600_000); // past the refresh interval, so this read counts as use
      expect(await store.getRecord('decision', 'v0')).toBeDefined();
      clock.advance(1000);
      await store.claimRecord('decision', 'v2', values[2]!);
      expect(await store.getRecord('decision', 'v1')).toBeUndefined();
      expect(Buffer.from((await store.getRecord('decision', 'v0'))!).equals(values[0]!)).toBe(true);
      expect(Buffer.from((await store.getRecord('decision', 'v2'))!).equals(values[2]!)).toBe(true);
    });

    test('recording stats never throws, even once closed', async () => {
      const store = await target.open({ ttlDays: 30, maxBytes: MB });
      await store.close();
      await expect(store.recordCompression({ ...meta(), at: T0 })).resolves.toBeUndefined();
      await expect(store.recordRetrieval({ id: 'hr_abcdefghijkm', at: T0, found: false })).resolves.toBeUndefined();
    });
  });
}
