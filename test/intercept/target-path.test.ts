import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createProxySession } from '../../src/intercept/rewrite.js';
import { startProxy } from '../../src/intercept/server.js';
import { normalizeTarget } from '../../src/intercept/target-path.js';
import { startFakeProvider } from '../helpers/fake-provider.js';
import { AGENT_HEADERS, PREFIX, agentRequest } from '../helpers/proxy-harness.js';

describe('normalizeTarget', () => {
  it.each([
    ['/v1/messages?beta=true', '/v1/messages?beta=true'],
    ['/v1/./messages', '/v1/messages'],
    ['/v1/x/../messages?q=/../', '/v1/messages?q=/../'],
    ['/v1/%2E/messages', '/v1/messages'],
    ['/v1/x/%2e%2E/messages', '/v1/messages'],
    ['/v1/x/.%2e/messages', '/v1/messages'],
    ['/v1/models/..', '/v1/'],
    ['/v1/models/.', '/v1/models/'],
    ['/a//b/../c', '/a//c'],
    ['/', '/'],
    ['/v1/files/file-abc%2Fdef', '/v1/files/file-abc%2Fdef'],
    ['/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse', '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse'],
    ['/v1/..messages/x...', '/v1/..messages/x...'],
  ])('%s -> %s', (target, want) => {
    expect(normalizeTarget(target)).toBe(want);
  });

  it.each([
    '/../../admin/keys',
    '/..',
    '/v1/../../admin',
    '/%2e%2e/admin',
    '/%2E./admin',
    '/v1/..%2f..%2fadmin',
    '/v1/..%2F..%2Fadmin',
    '/v1/..%5c..%5cadmin',
    '/v1/..\\admin',
    '/v1/..;/admin',
    '/v1/%252e%252e/admin',
    '*',
    'v1/messages',
  ])('refuses %s', (target) => {
    expect(normalizeTarget(target)).toBeUndefined();
  });
});

/** A request whose path goes on the wire exactly as given (a URL object would resolve its dot segments first). */
function raw(port: number, path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.end(body);
  });
}

describe('paths against an upstream with a base path', () => {
  it('resolves dot segments inside the base, and refuses in the provider\'s shape any path that steps out of it', async () => {
    const fake = await startFakeProvider();
    const gw = (p: string) => `${fake.url}/gw/${p}`;
    const proxy = await startProxy({ pathPrefix: PREFIX, upstreams: { anthropic: gw('anthropic'), openai: gw('openai'), gemini: gw('gemini') }, session: createProxySession() });
    const port = Number(new URL(proxy.url).port);
    const body = agentRequest('claude-first');
    try {
      const inside = await raw(port, `${PREFIX}/v1/x/../messages?beta=true`, AGENT_HEADERS.anthropic, body);
      expect(inside.status).toBe(200);
      expect(fake.requests.map((r) => r.url)).toEqual(['/gw/anthropic/v1/messages?beta=true']);

      for (const [path, headers, shape] of [
        [`${PREFIX}/../../admin/keys`, AGENT_HEADERS.anthropic, { type: 'error', error: { type: 'invalid_request_error' } }],
        [`${PREFIX}/v1/%2e%2e/%2E%2E/admin/keys`, AGENT_HEADERS.anthropic, { type: 'error', error: { type: 'invalid_request_error' } }],
        [`${PREFIX}/v1/chat/..%2f..%2f..%2fadmin`, AGENT_HEADERS.openai, { error: { type: 'invalid_request_error', code: 'invalid_path' } }],
        [`${PREFIX}/v1beta/../../../admin?key=AIzaSECRET`, AGENT_HEADERS.gemini, { error: { code: 400, status: 'INVALID_ARGUMENT' } }],
      ] as const) {
        const r = await raw(port, path, headers, body);
        expect(r.status, path).toBe(400);
        expect(JSON.parse(r.body), path).toMatchObject(shape);
        expect(r.body).not.toMatch(/SECRET|admin/);
      }
      expect(fake.requests).toHaveLength(1);
    } finally {
      await proxy.close();
      await fake.close();
    }
  });
});
