import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentId } from '../../src/memory/id.js';
import { openRedisStore } from '../../src/memory/redis-store.js';
import { type Store, StoreError } from '../../src/memory/types.js';
import { type RedisServer, freePort, startRedisServer } from '../helpers/redis-server.js';
import { meta, runStoreContract } from './store-contract.js';

const MB = 1024 * 1024;
const options = { ttlDays: 30, maxBytes: 64 * MB };

let server: RedisServer;
let admin: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url, { lazyConnect: true });
  await admin.connect();
});
afterAll(async () => {
  admin?.disconnect();
  await server?.dispose();
});

/** Fails the test if the promise takes longer than ms, instead of letting it hang. */
async function within<T>(ms: number, p: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    const value = await Promise.race([p, limit]);
    return { value, ms: Date.now() - t0 };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('still pending')) throw error;
    return { error, ms: Date.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

runStoreContract({
  open: async (opts) => {
    await admin.flushall();
    return openRedisStore(server.url, opts);
  },
  skip: {
    'records stay under their share of maxBytes, least recently used going first':
      "Redis evicts records with everything else by the server's maxmemory (shown for originals below)",
  },
  instead: {
    'evicts least recently used originals under maxBytes': {
      how: "by the server's maxmemory eviction, which the store leaves to whoever runs Redis",
      test: async () => {
        // A server capped at 3 MB, the way a team would run it; 40 incompressible
        // 128 KB originals (5 MB) go in while one of them is read after every put.
        // allkeys-lfu, since Redis's LRU clock ticks once a second and cannot
        // order reads made within one test; LFU ranks the often-read entry, and
        // a log factor of 0 makes every read count (no probabilistic increments).
        const small = await startRedisServer({ args: ['--maxmemory', '3mb', '--maxmemory-policy', 'allkeys-lfu', '--maxmemory-samples', '10', '--lfu-log-factor', '0'] });
        const store = await openRedisStore(small.url, options);
        try {
          const blobs = Array.from({ length: 40 }, () => randomBytes(128 * 1024));
          const hot = blobs[0]!;
          for (const b of blobs) {
            await store.put(contentId(b), b, meta());
            expect(Buffer.from((await store.get(contentId(hot)))!).equals(hot)).toBe(true);
          }
          const kept = await Promise.all(blobs.map(async (b) => (await store.get(contentId(b))) !== undefined));
          expect(kept[0]).toBe(true);
          expect(kept.filter((k) => !k).length).toBeGreaterThan(10);
        } finally {
          await store.close();
          await small.dispose();
        }
      },
    },
  },
});

describe('redis store when Redis is away', () => {
  it('open fails fast with StoreError when nothing listens', async () => {
    const port = await freePort();
    const r = await within(3000, openRedisStore(`redis://127.0.0.1:${port}`, options));
    expect(r.error).toBeInstanceOf(StoreError);
  });

  it('put and get fail fast while Redis is stopped, and work again once it is back', async () => {
    const store = await openRedisStore(server.url, options);
    try {
      const before = Buffer.from('stored before the outage\n');
      await store.put(contentId(before), before, meta());
      await server.stop();

      const during = Buffer.from('put during the outage\n');
      const put = await within(2500, store.put(contentId(during), during, meta()));
      expect(put.error).toBeInstanceOf(StoreError);
      expect(put.ms).toBeLessThan(2000);
      const get = await within(2500, store.get(contentId(before)));
      expect(get.error).toBeInstanceOf(StoreError);
      expect(get.ms).toBeLessThan(2000);
      expect((await within(2500, store.recordCompression({ ...meta(), at: Date.now() }))).error).toBeUndefined();
      expect((await within(2500, store.recordRetrieval({ id: contentId(before), at: Date.now(), found: true }))).error).toBeUndefined();

      await server.start(); // same port, empty: no persistence
      const after = Buffer.from('put after the restart\n');
      const deadline = Date.now() + 10_000;
      let ok = false;
      while (!ok && Date.now() < deadline) {
        ok = (await within(2500, store.put(contentId(after), after, meta()))).error === undefined;
        if (!ok) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ok).toBe(true);
      expect(Buffer.from((await store.get(contentId(after)))!).equals(after)).toBe(true);
    } finally {
      await store.close();
    }
  }, 30_000);
});

describe('redis store when Redis hangs', () => {
  it('put and get time out with StoreError while the server is frozen, then recover', async () => {
    await admin.flushall();
    const store = await openRedisStore(server.url, options);
    try {
      const b = Buffer.from('stored before the freeze\n');
      await store.put(contentId(b), b, meta());
      server.pause();
      const put = await within(2500, store.put(contentId(Buffer.from('x')), Buffer.from('x'), meta()));
      expect(put.error).toBeInstanceOf(StoreError);
      expect(put.ms).toBeLessThan(2000);
      const get = await within(2500, store.get(contentId(b)));
      expect(get.error).toBeInstanceOf(StoreError);
      expect(get.ms).toBeLessThan(2000);
      server.resume();
      const deadline = Date.now() + 10_000;
      let back: Uint8Array | undefined;
      while (!back && Date.now() < deadline) {
        back = (await within(2500, store.get(contentId(b)))).value;
        if (!back) await new Promise((r) => setTimeout(r, 100));
      }
      expect(Buffer.from(back!).equals(b)).toBe(true);
    } finally {
      server.resume();
      await store.close();
    }
  }, 30_000);
});

describe('redis store with a password', () => {
  let secured: RedisServer;
  let store: Store | undefined;
  beforeAll(async () => {
    secured = await startRedisServer({ password: 's3cret-Pa55' });
  });
  afterAll(async () => {
    await store?.close();
    await secured?.dispose();
  });

  it('works, and never shows the password in location or errors', async () => {
    expect(secured.url).toContain('s3cret-Pa55');
    store = await openRedisStore(secured.url, options);
    expect(store.location).not.toContain('s3cret');
    expect(store.location).toBe(`redis://127.0.0.1:${secured.port}`);
    const b = Buffer.from('behind a password\n');
    await store.put(contentId(b), b, meta());
    expect(await store.get(contentId(b))).toBeDefined();

    const wrong = await within(3000, openRedisStore(secured.url.replace('s3cret-Pa55', 'wrong-guess'), options));
    expect(wrong.error).toBeInstanceOf(StoreError);
    expect((wrong.error as StoreError).message).not.toContain('wrong-guess');
    expect((wrong.error as StoreError).location).not.toContain('wrong-guess');
  });
});
