import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createProxySession } from '../../src/intercept/rewrite.js';
import { type RunningProxy, startProxy } from '../../src/intercept/server.js';
import { AGENT_HEADERS, PREFIX } from '../helpers/proxy-harness.js';

// One exchange through the proxy, against an upstream that takes its time.
// An answer's headers reach the client at once, even when its first bytes
// come much later (a model thinking before its first event): the proxy sends
// them with the first bytes when those came with them, else on their own.
// A client that hangs up before any answer ends the upstream request too.

const LATE_MS = 1500;
let upstream: http.Server;
/** Resolves when the upstream sees a request on /silent closed before it answered. */
let silentClosed: (() => void) | undefined;
let proxy: RunningProxy;
beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    if (req.url?.startsWith('/silent')) {
      req.resume();
      res.on('close', () => silentClosed?.()); // never answered: only the proxy can end it
      return;
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-upstream': 'late' });
      res.flushHeaders();
      setTimeout(() => res.end('event: ping\ndata: {}\n\n'), LATE_MS);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  proxy = await startProxy({ pathPrefix: PREFIX, upstreams: { anthropic: url, openai: url, gemini: url }, session: createProxySession() });
});
afterAll(async () => {
  await proxy?.close();
  await new Promise((r) => upstream?.close(r));
});

test('headers sent ahead of a late first event reach the client ahead of it', async () => {
  const t0 = performance.now();
  const { headersAt, bodyAt, body, res } = await new Promise<{ headersAt: number; bodyAt: number; body: string; res: http.IncomingMessage }>((resolve, reject) => {
    const req = http.request(`${proxy.url}/v1/messages`, { method: 'POST', headers: { ...AGENT_HEADERS.anthropic, 'content-type': 'application/json' } }, (res) => {
      const headersAt = performance.now() - t0;
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ headersAt, bodyAt: performance.now() - t0, body, res }));
    });
    req.on('error', reject);
    req.end('{"model":"m","messages":[]}');
  });
  expect(res.headers['x-upstream']).toBe('late');
  expect(body).toBe('event: ping\ndata: {}\n\n');
  expect(bodyAt).toBeGreaterThanOrEqual(LATE_MS - 50);
  expect(headersAt).toBeLessThan(LATE_MS - 500);
});

test('a client that hangs up before the answer starts ends the upstream request', async () => {
  const closed = new Promise<void>((r) => (silentClosed = r));
  const req = http.request(`${proxy.url}/silent/v1/messages`, { method: 'POST', headers: { ...AGENT_HEADERS.anthropic, 'content-type': 'application/json' } });
  req.on('error', () => {});
  req.end('{"model":"m","messages":[]}');
  await new Promise((r) => setTimeout(r, 300)); // the request is upstream, waiting
  req.destroy();
  await closed; // the test times out if the proxy kept the upstream request open
});
