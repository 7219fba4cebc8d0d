import http from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { KEEP_ALIVE_MS, type LoopbackServer, listenLoopback } from '../../src/intercept/loopback-server.js';
import { STREAM_BUFFER_BYTES } from '../../src/intercept/upstream.js';

// The bare server the proxy listens on: an agent's connection outlives the
// pause between two turns (the agent is told how long in every answer), and
// a request body is read in large steps before the server waits for its
// reader.

let server: LoopbackServer;
let seen: { readonly hwm: number; readonly bytes: number } | undefined;
beforeAll(async () => {
  server = await listenLoopback(
    0,
    (req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => {
        seen = { hwm: req.readableHighWaterMark, bytes };
        res.end('ok');
      });
    },
    (_req, socket) => socket.destroy(),
  );
});
afterAll(() => server.close());

function post(agent: http.Agent, body: Buffer): Promise<{ keepAlive: string | undefined; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', agent, headers: { 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ keepAlive: String(res.headers['keep-alive']), socket: req.socket }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test("an agent's connection is kept between turns for KEEP_ALIVE_MS, and it is told so", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await post(agent, Buffer.from('{}'));
    expect(first.keepAlive).toBe(`timeout=${KEEP_ALIVE_MS / 1000}`);
    expect(KEEP_ALIVE_MS).toBeGreaterThan(5000); // Node's default, shorter than a tool's run
    await new Promise((r) => setTimeout(r, 50));
    const second = await post(agent, Buffer.from('{}'));
    expect(second.socket).toBe(first.socket);
  } finally {
    agent.destroy();
  }
});

test('a request body is buffered up to STREAM_BUFFER_BYTES, and arrives whole', async () => {
  const agent = new http.Agent({ keepAlive: false });
  try {
    await post(agent, Buffer.alloc(1024 * 1024, 'x'));
    expect(seen).toEqual({ hwm: STREAM_BUFFER_BYTES, bytes: 1024 * 1024 });
  } finally {
    agent.destroy();
  }
});
