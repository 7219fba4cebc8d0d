import { execFile } from 'node:child_process';
import { X509Certificate, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { CA } from 'http-mitm-proxy/dist/lib/ca.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningMitm, ensureCa, startMitm } from '../../src/wrap/mitm/index.js';
import { tempDir } from '../helpers/temp-dir.js';

// The HTTPS MITM proxy end to end over real sockets: a fake "api2.cursor.sh"
// (and friends) on 127.0.0.1 with a certificate from a CA of its own, a fake
// headroom endpoint, and a real child process that reaches them through the
// proxy and trusts our CA only through NODE_EXTRA_CA_CERTS.

const AGENT_HOST = 'agentn.global.api5.cursor.sh';
const HOSTS = ['api2.cursor.sh', 'api.anthropic.com', 'api.openai.com', AGENT_HOST];
const API_KEY = 'sk-ant-test-SECRET-KEY';

interface Seen {
  readonly host: string;
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

const readAll = (req: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

async function listening<T extends net.Server>(server: T): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** A certificate for HOSTS from a CA that is not ours: what the real servers look like to the proxy. */
function upstreamCert(dir: string): Promise<{ key: string; cert: string; caPem: string }> {
  return new Promise((resolve, reject) =>
    CA.create(dir, (err: Error | null, ca: CA) => {
      if (err) return reject(err);
      ca.generateServerCertificateKeys(HOSTS, (cert: string, key: string) => resolve({ key, cert, caPem: fs.readFileSync(ca.getCACertPath(), 'utf8') }));
    }),
  );
}

// Connect-style envelopes: flag byte, big-endian length, protobuf-ish payload.
const PART1 = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x04, 0x0a, 0x02, 0xff, 0x00]);
const PART2 = Buffer.from([0x02, 0x00, 0x00, 0x00, 0x02, 0x7b, 0x7d]);
const SSE = ['event: message_start\ndata: {"type":"message_start"}\n\n', 'event: message_stop\ndata: {"type":"message_stop"}\n\n'];

// One child script: CONNECT by hand, then https over the tunnel with the default trust store.
// (No `agent`: with one, Node ignores createConnection and looks the name up.)
const CHILD = `
const http = require('node:http'), https = require('node:https'), tls = require('node:tls');
const proxy = new URL(process.argv[1]);
const steps = JSON.parse(process.argv[2]);
function tunnel(host) {
  return new Promise((resolve, reject) => {
    const authority = host + ':443';
    const req = http.request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: authority, headers: { host: authority } });
    req.on('connect', (res, socket) => (res.statusCode === 200 ? resolve(socket) : reject(new Error('CONNECT ' + res.statusCode))));
    req.on('error', reject);
    req.end();
  });
}
async function call(step) {
  const socket = await tunnel(step.host);
  return new Promise((resolve) => {
    const req = https.request({ host: step.host, defaultPort: 443, method: step.method, path: step.path, headers: step.headers || {},
      createConnection: () => tls.connect({ socket, servername: step.host }) }, (res) => {
      const chunks = [];
      res.on('data', (c) => { chunks.push(c); if (step.release && chunks.length === 1) call(step.release); });
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('base64'), chunks: chunks.length }));
    });
    req.on('error', (e) => resolve({ error: e.code || e.message }));
    req.end(step.body ? Buffer.from(step.body, 'base64') : undefined);
  });
}
(async () => { const out = []; for (const s of steps) out.push(await call(s)); process.stdout.write(JSON.stringify(out)); })();
`;

interface Step {
  host: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  release?: Step;
}
interface Outcome {
  status?: number;
  type?: string;
  body: Buffer;
  chunks?: number;
  error?: string;
}

function runChild(proxyUrl: string, steps: Step[], caFile: string | undefined): Promise<Outcome[]> {
  const wire = (s: Step): unknown => ({ ...s, body: s.body?.toString('base64'), release: s.release && wire(s.release) });
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: caFile };
  if (!caFile) delete env.NODE_EXTRA_CA_CERTS;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', CHILD, proxyUrl, JSON.stringify(steps.map(wire))], { env, timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`child failed: ${err.message}\n${stderr}`));
      const raw = JSON.parse(stdout) as Array<Omit<Outcome, 'body'> & { body?: string }>;
      resolve(raw.map((o) => ({ ...o, body: Buffer.from(o.body ?? '', 'base64') })));
    });
  });
}

/** A CONNECT tunnel through the proxy, from this process. */
function connectThrough(proxyUrl: string, authority: string): Promise<Duplex> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: authority, headers: { host: authority } });
    req.on('connect', (_res, socket) => resolve(socket));
    req.on('error', reject);
    req.end();
  });
}

const root = tempDir('headroom-mitm-');
const caDir = path.join(root, 'data', 'headroom', 'mitm-ca');
const upstreamSeen: Seen[] = [];
const headroomSeen: Seen[] = [];
const corporateSeen: string[] = [];
const lines: string[] = [];
const closers: Array<() => unknown> = [];
const consoleSpies = (['log', 'info', 'debug', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m));
let mitm: RunningMitm;
let upstreamCa: string;
let upstreamPort: number;
let h2Port: number;
let headroomUrl: string;
let corporateUrl: string;

beforeAll(async () => {
  const up = await upstreamCert(path.join(root, 'upstream-ca'));
  upstreamCa = up.caPem;
  const releases: Array<() => void> = [];
  const upstream = https.createServer({ key: up.key, cert: up.cert }, async (req, res) => {
    const body = await readAll(req);
    upstreamSeen.push({ host: req.headers.host ?? '', method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.url === '/agent.v1.AgentService/Run') return res.writeHead(200, { 'content-type': 'application/proto' }).end(Buffer.from(body).reverse());
    if (req.url === '/stream') {
      // Part 2 waits until the client has seen part 1: a proxy that buffered answers would hang here.
      res.writeHead(200, { 'content-type': 'application/connect+proto' }).write(PART1);
      return releases.push(() => res.end(PART2));
    }
    if (req.url === '/release') {
      for (const release of releases.splice(0)) release();
      return res.writeHead(204).end();
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ from: 'upstream', url: req.url }));
  });
  upstream.on('upgrade', (_req, socket: Duplex) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n');
    socket.pipe(socket);
  });
  upstreamPort = await listening(upstream);
  const h2 = http2.createSecureServer({ key: up.key, cert: up.cert }, async (req, res) => {
    const body = await readAll(req as unknown as http.IncomingMessage);
    res.writeHead(200, { 'content-type': 'application/proto' }).end(Buffer.concat([Buffer.from('h2:'), body]));
  });
  h2Port = await listening(h2);
  const headroom = http.createServer(async (req, res) => {
    headroomSeen.push({ host: req.headers.host ?? '', method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: await readAll(req) });
    res.writeHead(200, { 'content-type': 'text/event-stream' }).write(SSE[0]);
    setTimeout(() => res.end(SSE[1]), 20);
  });
  headroomUrl = `http://127.0.0.1:${await listening(headroom)}`;
  // The user's own corporate proxy: CONNECT only, recording where it was asked to go.
  const corporate = http.createServer((_req, res) => res.writeHead(405).end());
  corporate.on('connect', (req, socket: Duplex, head: Buffer) => {
    corporateSeen.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const out = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      out.write(head);
      socket.pipe(out).pipe(socket);
    });
    out.on('error', () => socket.destroy());
    socket.on('error', () => out.destroy());
  });
  corporateUrl = `http://127.0.0.1:${await listening(corporate)}`;
  for (const server of [upstream, h2, headroom, corporate]) {
    closers.push(() => {
      server.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  }
  mitm = await startMitm({
    caDir,
    forwardTo: () => `${headroomUrl}/hr-test`,
    log: (line) => lines.push(line),
    upstreamCa,
    resolve: (host) => ({ host: '127.0.0.1', port: host === AGENT_HOST ? h2Port : upstreamPort }),
    tunnel: (host) => host.endsWith('.api5.cursor.sh'),
  });
  closers.unshift(() => mitm.close());
});

afterAll(async () => {
  for (const close of closers) await close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('startMitm', () => {
  it('passes protobuf and a streamed answer through unchanged, both ways, and counts them', async () => {
    const run = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(64 * 1024)]);
    const [posted, streamed] = await runChild(
      mitm.proxyUrl,
      [
        { host: 'api2.cursor.sh', method: 'POST', path: '/agent.v1.AgentService/Run', headers: { 'content-type': 'application/proto' }, body: run },
        { host: 'api2.cursor.sh', method: 'GET', path: '/stream', release: { host: 'api2.cursor.sh', method: 'GET', path: '/release' } },
      ],
      mitm.caCertFile,
    );
    const seenRun = upstreamSeen.find((s) => s.url === '/agent.v1.AgentService/Run')!;
    expect(seenRun.host).toBe('api2.cursor.sh');
    expect(seenRun.body.equals(run)).toBe(true);
    expect(posted!.status).toBe(200);
    expect(posted!.type).toBe('application/proto');
    expect(posted!.body.equals(Buffer.from(run).reverse())).toBe(true);
    expect(streamed!.body.equals(Buffer.concat([PART1, PART2]))).toBe(true);
    expect(streamed!.chunks).toBeGreaterThanOrEqual(2);

    const cursor = mitm.stats().byHost['api2.cursor.sh']!;
    expect(cursor).toMatchObject({ decoded: 0, passedThrough: 3, failedOpen: 0, tunnels: 0, bytesUp: run.length });
    expect(cursor.bytesDown).toBe(run.length + PART1.length + PART2.length);
    expect(lines.some((l) => /^POST api2\.cursor\.sh\/agent\.v1\.AgentService\/Run 200 \d+ms pass$/.test(l))).toBe(true);
  });

  it("sends JSON for a provider API to headroom's endpoint, and the rest to the provider", async () => {
    const json = Buffer.from(JSON.stringify({ model: 'claude', messages: [{ role: 'user', content: 'hi' }], stream: true }));
    const headers = { 'content-type': 'application/json', 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' };
    const [messages, models] = await runChild(
      mitm.proxyUrl,
      [
        { host: 'api.anthropic.com', method: 'POST', path: '/v1/messages?beta=true', headers, body: json },
        { host: 'api.anthropic.com', method: 'GET', path: '/v1/models', headers: { 'x-api-key': API_KEY } },
      ],
      mitm.caCertFile,
    );
    expect(headroomSeen).toHaveLength(1);
    expect(headroomSeen[0]!).toMatchObject({ method: 'POST', url: '/hr-test/v1/messages?beta=true' });
    expect(headroomSeen[0]!.headers['x-api-key']).toBe(API_KEY);
    expect(headroomSeen[0]!.body.equals(json)).toBe(true);
    expect(messages!.body.toString()).toBe(SSE.join(''));
    expect(upstreamSeen.some((s) => s.url.startsWith('/v1/messages'))).toBe(false);
    expect(models!.status).toBe(200);
    expect(upstreamSeen.at(-1)).toMatchObject({ host: 'api.anthropic.com', url: '/v1/models' });

    const anthropic = mitm.stats().byHost['api.anthropic.com']!;
    expect(anthropic).toMatchObject({ decoded: 1, passedThrough: 1, failedOpen: 0, bytesUp: json.length });
    expect(lines.some((l) => /^POST api\.anthropic\.com\/v1\/messages 200 \d+ms decoded$/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/SECRET|beta=true|anthropic-version/);
  });

  it('is trusted by nobody else: a client without our CA fails TLS and reaches nothing', async () => {
    const before = upstreamSeen.length;
    const [outcome] = await runChild(mitm.proxyUrl, [{ host: 'api2.cursor.sh', method: 'GET', path: '/never' }], undefined);
    expect(outcome!.error).toMatch(/CERT|SIGNED|VERIFY/);
    expect(upstreamSeen.length).toBe(before);
  });

  it('offers only http/1.1 by ALPN: h2-only clients fail the handshake', async () => {
    const caPem = fs.readFileSync(mitm.caCertFile);
    const handshake = async (ALPNProtocols: string[]) => {
      const socket = await connectThrough(mitm.proxyUrl, 'api2.cursor.sh:443');
      return new Promise<string | false | null | undefined>((resolve) => {
        const t = tls.connect({ socket, servername: 'api2.cursor.sh', ca: caPem, ALPNProtocols }, () => {
          resolve(t.alpnProtocol);
          t.destroy();
        });
        t.on('error', (err: NodeJS.ErrnoException) => resolve(err.code));
      });
    };
    expect(await handshake(['h2', 'http/1.1'])).toBe('http/1.1');
    expect(await handshake(['h2'])).toBe('ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL');
    expect(lines).toContain('error TLS api2.cursor.sh ERR_SSL_NO_APPLICATION_PROTOCOL'); // the session log says why
  });

  it('tunnels `tunnel` hosts unread, so HTTP/2 reaches them end to end', async () => {
    const socket = await connectThrough(mitm.proxyUrl, `${AGENT_HOST}:443`);
    const session = http2.connect(`https://${AGENT_HOST}`, {
      createConnection: () => tls.connect({ socket, servername: AGENT_HOST, ca: upstreamCa, ALPNProtocols: ['h2'] }),
    });
    const payload = randomBytes(1000);
    const answer = await new Promise<Buffer>((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': '/agent.v1.AgentService/Run', 'content-type': 'application/connect+proto' });
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
      stream.on('error', reject);
      stream.end(payload);
    });
    session.close();
    expect(answer.equals(Buffer.concat([Buffer.from('h2:'), payload]))).toBe(true);
    const agent = mitm.stats().byHost[AGENT_HOST]!;
    expect(agent).toMatchObject({ tunnels: 1, decoded: 0, passedThrough: 0 });
    expect(agent.bytesUp).toBeGreaterThan(payload.length); // TLS bytes: payload plus handshake and framing
  });

  it('relays upgraded connections byte for byte', async () => {
    const socket = await connectThrough(mitm.proxyUrl, 'api2.cursor.sh:443');
    const caPem = fs.readFileSync(mitm.caCertFile);
    const echoed = await new Promise<string>((resolve, reject) => {
      const req = https.request({
        host: 'api2.cursor.sh',
        defaultPort: 443,
        path: '/ws',
        headers: { connection: 'Upgrade', upgrade: 'echo' },
        createConnection: () => tls.connect({ socket, servername: 'api2.cursor.sh', ca: caPem }),
      });
      req.on('upgrade', (_res, s: Duplex) => {
        s.once('data', (d: Buffer) => {
          resolve(d.toString());
          s.destroy();
        });
        s.write('ping\x00\xff');
      });
      req.on('error', reject);
      req.end();
    });
    expect(echoed).toBe('ping\x00\xff');
  });

  it('listens on 127.0.0.1 only', async () => {
    const url = new URL(mitm.proxyUrl);
    expect(url.hostname).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // no other interface on this machine: nothing more to try
    const code = await new Promise<string | undefined>((resolve) => {
      const s = net.connect(Number(url.port), external.address, () => resolve('connected'));
      s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code));
    });
    expect(code).toBe('ECONNREFUSED');
  });

  // Needs another user to connect as: root can run a child as nobody (CI and this VM run as root).
  const asOther = process.getuid?.() === 0;
  if (asOther) {
    it("serves only its own user's processes: another user's CONNECT is cut off", async () => {
      const port = Number(new URL(mitm.proxyUrl).port);
      const script = `const s=require('net').connect(${port},'127.0.0.1',()=>s.write('CONNECT api2.cursor.sh:443 HTTP/1.1\\r\\nHost: api2.cursor.sh:443\\r\\n\\r\\n'));let got='';s.on('data',d=>got+=d);s.on('close',()=>{process.stdout.write(JSON.stringify(got));});s.on('error',()=>{});`;
      const other = await new Promise<string>((resolve) =>
        execFile(process.execPath, ['-e', script], { uid: 65534, gid: 65534, cwd: '/' }, (_err, stdout) => resolve(stdout)),
      );
      expect(JSON.parse(other)).toBe('');
      expect(lines.some((l) => /refused a connection from uid 65534/.test(l))).toBe(true);
      const own = await new Promise<string>((resolve) => execFile(process.execPath, ['-e', script.replace("s.on('close'", "s.on('data',()=>s.destroy());s.on('close'")], (_err, stdout) => resolve(stdout)));
      expect(JSON.parse(own)).toMatch(/^HTTP\/1\.1 200/);
    });
  }

  it('keeps the CA private: folders 0700, every key file 0600, host keys included', () => {
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    const store = path.dirname(path.dirname(mitm.caCertFile));
    for (const dir of [caDir, store, path.join(store, 'certs'), path.join(store, 'keys')]) expect(mode(dir)).toBe(0o700);
    const keys = fs.readdirSync(path.join(store, 'keys'));
    expect(keys).toEqual(expect.arrayContaining(['ca.private.key', 'api2.cursor.sh.key', 'api.anthropic.com.key']));
    for (const key of keys) expect(mode(path.join(store, 'keys', key))).toBe(0o600);
  });

  it("reuses the CA on the next start, and fails open when headroom's endpoint is down", async () => {
    const pem = fs.readFileSync(mitm.caCertFile, 'utf8');
    const dead = http.createServer();
    const deadUrl = `http://127.0.0.1:${await listening(dead)}/hr-dead`;
    dead.close();
    const second = await startMitm({
      caDir,
      forwardTo: (host) => {
        if (host === 'api.openai.com') throw new Error('no endpoint for this one');
        return deadUrl;
      },
      upstreamCa,
      resolve: () => ({ host: '127.0.0.1', port: upstreamPort }),
      proxyEnv: { httpsProxy: corporateUrl },
    });
    try {
      expect(second.caCertFile).toBe(mitm.caCertFile);
      expect(fs.readFileSync(second.caCertFile, 'utf8')).toBe(pem);
      expect((await ensureCa(caDir)).created).toBe(false);
      const json = Buffer.from('{"model":"gpt","input":"hi"}');
      const headers = { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer sk-test' };
      const outcomes = await runChild(
        second.proxyUrl,
        [
          { host: 'api.anthropic.com', method: 'POST', path: '/v1/messages', headers, body: json },
          { host: 'api.openai.com', method: 'POST', path: '/v1/responses', headers, body: json },
        ],
        second.caCertFile,
      );
      expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
      expect(outcomes.map((o) => JSON.parse(o.body.toString()).from)).toEqual(['upstream', 'upstream']);
      const direct = upstreamSeen.slice(-2);
      expect(direct.map((s) => `${s.host}${s.url}`)).toEqual(['api.anthropic.com/v1/messages', 'api.openai.com/v1/responses']);
      for (const s of direct) expect(s.body.equals(json)).toBe(true);
      expect(corporateSeen).toContain(`127.0.0.1:${upstreamPort}`); // went out through the user's proxy
      const stats = second.stats();
      expect(stats).toMatchObject({ decoded: 0, passedThrough: 2, failedOpen: 2 });
    } finally {
      await second.close();
    }
  });

  it('never prints: http-mitm-proxy console output is routed to our log', () => {
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('ensureCa', () => {
  it('makes a CA once, and a new one when the old is corrupt or about to expire', async () => {
    const dir = path.join(root, 'other-ca');
    const first = await ensureCa(dir);
    expect(first.created).toBe(true);
    const pem = fs.readFileSync(first.caCertFile, 'utf8');
    expect(new X509Certificate(pem).ca).toBe(true);
    expect(await ensureCa(dir)).toEqual({ caCertFile: first.caCertFile, created: false });

    fs.writeFileSync(first.caCertFile, '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n');
    const repaired = await ensureCa(dir);
    expect(repaired.created).toBe(true);
    const repairedPem = fs.readFileSync(repaired.caCertFile, 'utf8');
    expect(repairedPem).not.toBe(pem);
    expect(new X509Certificate(repairedPem).ca).toBe(true);

    const nextYear = new Date(Date.now() + 400 * 24 * 3600 * 1000);
    expect((await ensureCa(dir, { now: nextYear })).created).toBe(true);
    expect(fs.readFileSync(repaired.caCertFile, 'utf8')).not.toBe(repairedPem);
    expect((await ensureCa(dir)).created).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(['ca']); // no staging folders left behind
  });
});
