import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TunnelAgent, bypassesProxy, proxyEnvFrom, proxyFor } from '../../src/intercept/proxy-env.js';
import { createProxySession } from '../../src/intercept/rewrite.js';
import { startProxy } from '../../src/intercept/server.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';
import { AGENT_HEADERS, agentRequest, request } from '../helpers/proxy-harness.js';
import { tempDir } from '../helpers/temp-dir.js';

// Outbound proxies: NO_PROXY rules, plain-http targets in absolute form, and
// https targets through a CONNECT tunnel, against a small local proxy that
// sends every host to our fake servers.

describe('NO_PROXY and variable precedence', () => {
  const u = (s: string) => new URL(s);
  it.each([
    ['https://api.anthropic.com', 'anthropic.com', true],
    ['https://api.anthropic.com', '.anthropic.com', true],
    ['https://api.anthropic.com', '*.anthropic.com', true],
    ['https://notanthropic.com', 'anthropic.com', false],
    ['https://api.openai.com', 'example.com, api.openai.com', true],
    ['https://api.openai.com', 'api.openai.com:8443', false],
    ['https://api.openai.com:8443', 'api.openai.com:8443', true],
    ['https://api.openai.com', '*', true],
    ['http://127.0.0.1:9', '', true],
    ['http://localhost:9', undefined, true],
    ['https://api.openai.com', undefined, false],
  ] as const)('%s with NO_PROXY=%s -> bypass %s', (url, noProxy, want) => {
    expect(bypassesProxy(u(url), noProxy)).toBe(want);
  });

  it('prefers lower-case variables and picks by the target\'s scheme', () => {
    const env = proxyEnvFrom({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'plain:3' });
    expect(env.httpsProxy).toBe('http://lower:2');
    expect(proxyFor(u('https://api.anthropic.com'), env)?.host).toBe('lower:2');
    expect(proxyFor(u('http://gateway.internal'), env)?.href).toBe('http://plain:3/');
    expect(proxyFor(u('https://api.anthropic.com'), {})).toBeUndefined();
  });
});

interface LocalProxy {
  readonly url: string;
  readonly seen: string[];
  close(): Promise<void>;
}

/** A forward proxy: absolute-form requests go to `httpTarget`, CONNECT tunnels to `tunnelPort`. */
async function startLocalProxy(httpTarget: string, tunnelPort: number): Promise<LocalProxy> {
  const seen: string[] = [];
  const target = new URL(httpTarget);
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} auth=${req.headers['proxy-authorization'] ?? ''}`);
    const url = new URL(req.url!);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: url.pathname + url.search, headers }, (upRes) => {
      res.writeHead(upRes.statusCode!, upRes.headers);
      upRes.pipe(res);
    });
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    seen.push(`CONNECT ${req.url}`);
    const up = net.connect(tunnelPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://user:p%40ss@127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}

let fake: FakeProvider;
let tlsServer: https.Server;
let cert: string;
let local: LocalProxy;
beforeAll(async () => {
  fake = await startFakeProvider();
  const dir = tempDir('headroom-tls-');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-subj', '/CN=fake-upstream.test',
    '-addext', 'subjectAltName=DNS:fake-upstream.test'], { stdio: 'ignore' });
  cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  const key = fs.readFileSync(path.join(dir, 'key.pem'));
  fs.rmSync(dir, { recursive: true, force: true }); // a private key left in /tmp outlives the test
  tlsServer = https.createServer({ cert, key }, (req, res) => res.end(`tls ok ${req.url}`));
  await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
  local = await startLocalProxy(fake.url, (tlsServer.address() as net.AddressInfo).port);
});
afterAll(async () => {
  await local.close();
  await new Promise<void>((r) => { tlsServer.close(() => r()); tlsServer.closeAllConnections(); });
  await fake.close();
});

describe('through an outbound proxy', () => {
  it('sends plain-http upstream requests in absolute form, with the proxy credentials', async () => {
    const proxy = await startProxy({
      upstreams: { anthropic: 'http://fake-upstream.test', openai: 'http://fake-upstream.test', gemini: 'http://fake-upstream.test' },
      session: createProxySession(),
      proxyEnv: { httpProxy: local.url },
    });
    try {
      const body = agentRequest('claude-first');
      const r = await request(`${proxy.url}/v1/messages?beta=true`, { headers: AGENT_HEADERS.anthropic, body });
      expect(r.status).toBe(200);
      const rec = fake.requests.at(-1)!;
      expect(rec.url).toBe('/v1/messages?beta=true');
      expect(rec.body.equals(body)).toBe(true);
      expect(rec.headers.host).toBe('fake-upstream.test');
      expect(local.seen.at(-1)).toBe(`POST http://fake-upstream.test/v1/messages?beta=true auth=Basic ${Buffer.from('user:p@ss').toString('base64')}`);
    } finally {
      await proxy.close();
    }
  });

  it('tunnels https with CONNECT, verifies the upstream certificate, and reuses the tunnel', async () => {
    const agent = new TunnelAgent(new URL(local.url), { ca: cert });
    const get = (p: string) =>
      new Promise<string>((resolve, reject) => {
        https.get({ host: 'fake-upstream.test', path: p, agent }, (res) => {
          let s = '';
          res.on('data', (d: Buffer) => (s += d.toString()));
          res.on('end', () => resolve(s));
        }).on('error', reject);
      });
    const before = local.seen.filter((l) => l.startsWith('CONNECT')).length;
    expect(await get('/one')).toBe('tls ok /one');
    expect(await get('/two')).toBe('tls ok /two');
    expect(local.seen.filter((l) => l.startsWith('CONNECT')).length).toBe(before + 1);
    expect(local.seen.at(-1)).toBe('CONNECT fake-upstream.test:443');
    agent.destroy();
    // Without our CA the certificate is refused: the tunnel does not weaken TLS.
    const strict = new TunnelAgent(new URL(local.url));
    await expect(new Promise((resolve, reject) => https.get({ host: 'fake-upstream.test', path: '/', agent: strict }, resolve).on('error', reject))).rejects.toThrow();
    strict.destroy();
  });

  it('uses the tunnel for https upstreams of the proxy server', async () => {
    const proxy = await startProxy({
      upstreams: { anthropic: 'https://fake-upstream.test', openai: 'https://fake-upstream.test', gemini: 'https://fake-upstream.test' },
      session: createProxySession(),
      proxyEnv: { httpsProxy: local.url },
    });
    try {
      const r = await request(`${proxy.url}/v1/responses`, { headers: AGENT_HEADERS.openai, body: '{}' });
      // Our test CA is not trusted by the proxy process, so TLS fails after the tunnel: a 502 that says so.
      expect(local.seen.at(-1)).toBe('CONNECT fake-upstream.test:443');
      expect(r.status).toBe(502);
    } finally {
      await proxy.close();
    }
  });
});
