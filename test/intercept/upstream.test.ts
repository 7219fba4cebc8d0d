import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { STREAM_BUFFER_BYTES, createUpstreamClient } from '../../src/intercept/upstream.js';

// Connections to the provider buffer STREAM_BUFFER_BYTES before a relayed
// body must wait for them to drain (Node's default, 16 KB, paused the agent's
// socket at every 64 KB read), and every byte still arrives in order.

let upstream: http.Server;
let base: URL;
const received: Buffer[] = [];
beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(Buffer.concat(chunks));
      res.end('ok');
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  base = new URL(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}/gw`);
});
afterAll(() => new Promise((r) => upstream.close(r)));

test('an upstream connection buffers STREAM_BUFFER_BYTES, and a streamed body arrives byte for byte', async () => {
  const client = createUpstreamClient();
  try {
    const body = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
    const hwm = await new Promise<number>((resolve, reject) => {
      const req = client.request(base, { method: 'POST', target: '/v1/messages', headers: ['content-length', String(body.length)] });
      let socketHwm = 0;
      req.on('socket', (s) => (socketHwm = s.writableHighWaterMark));
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(socketHwm));
      });
      req.on('error', reject);
      // Written in 64 KB pieces, as a relayed body comes from the agent's socket.
      for (let at = 0; at < body.length; at += 65536) req.write(body.subarray(at, at + 65536));
      req.end();
    });
    expect(hwm).toBe(STREAM_BUFFER_BYTES);
    expect(received.at(-1)!.equals(body)).toBe(true);
  } finally {
    client.close();
  }
});
