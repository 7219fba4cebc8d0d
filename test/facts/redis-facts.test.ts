import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFactStore } from '../../src/facts/index.js';
import { openRedisFacts } from '../../src/facts/redis-facts.js';
import { type RedisServer, startRedisServer } from '../helpers/redis-server.js';
import { factStoreContract } from './store-contract.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer({ password: 'p4ss-word' });
});
afterAll(async () => server?.dispose());

let db = 0;
// Each test its own database of the real server, emptied first.
factStoreContract('redis', async (now) => {
  const url = `${server.url}/${db++ % 16}`;
  const backend = await openRedisFacts(url);
  const { Redis } = await import('ioredis');
  const r = new Redis(url);
  await r.flushdb();
  r.disconnect();
  return createFactStore(backend, now);
});

test('redis: the location hides the password; a server that is down fails fast with a message', async () => {
  const s = createFactStore(await openRedisFacts(`${server.url}/15`));
  expect(s.location).not.toContain('p4ss-word');
  await s.close();
  await server.stop();
  try {
    const t = Date.now();
    await expect(openRedisFacts(`${server.url}/15`)).rejects.toThrow(/cannot reach the memory store at redis:\/\/:?@?127\.0\.0\.1/);
    expect(Date.now() - t).toBeLessThan(5000);
  } finally {
    await server.start();
  }
});
