import { once } from 'node:events';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type IContext, Proxy as MitmProxy } from 'http-mitm-proxy';
import type { ProxyEnv } from '../../intercept/proxy-env.js';
import { listeningFd } from '../guardian/index.js';
import { caStoreDir, ensureCa, hostCert, isCertifiableHost } from './ca.js';
import { PROVIDER_HOSTS, type Route, forwardToHeadroom } from './forward.js';
import { type Flow, answerConnect, relayUpgrade, splice } from './relay.js';
import { peerUid } from './peer-uid.js';
import { MitmCounter, type MitmStats } from './stats.js';
import { type Resolve, type Upstreams, createUpstreams } from './upstream.js';

// The HTTPS proxy for agents without a base-URL setting (Cursor): the child
// gets HTTPS_PROXY=<proxyUrl> and trusts our CA alone. http-mitm-proxy parses
// the decrypted HTTP/1.1 and relays what we pass through; the CONNECT step is
// ours (onConnect) so that certificates, key file modes, blind tunnels and
// logging are under our control. Its own CONNECT code prints to stdout, which
// would land in the agent's terminal UI.
//
// ALPN: the decrypting side offers only `http/1.1` (Node's https default).
// A client that offers only `h2` fails the handshake (alert 120,
// no_application_protocol); hosts that need HTTP/2 go in `tunnel`.

export interface MitmOptions {
  /** Folder of the per-user CA (ensureCa), e.g. `<XDG data>/headroom/mitm-ca`. */
  readonly caDir: string;
  /** Base URL of headroom's endpoint for a provider host, e.g. http://127.0.0.1:P/hr-secret; undefined passes it through. */
  readonly forwardTo?: (host: string) => string | undefined;
  /** One line per request: method, host, path without query, status, time. Never headers or bodies. */
  readonly log?: (line: string) => void;
  /** An extra CA (PEM) trusted for upstream TLS, on top of the system roots: tests trust a local fake with it. */
  readonly upstreamCa?: string | Buffer;
  /** The user's own HTTPS_PROXY / NO_PROXY, for reaching real hosts. */
  readonly proxyEnv?: ProxyEnv;
  /** Where to connect for a host instead of DNS: tests point real names at local fakes. */
  readonly resolve?: Resolve;
  /** CONNECT hosts relayed as opaque bytes, never decrypted: for hosts a client reaches over HTTP/2 only. */
  readonly tunnel?: (host: string) => boolean;
}

export interface RunningMitm {
  /** For the child's HTTPS_PROXY: http://127.0.0.1:PORT */
  readonly proxyUrl: string;
  /** The CA certificate (PEM) the child must trust. */
  readonly caCertFile: string;
  /** The listening socket's descriptor, for wrap's guardian to hold. */
  readonly fd: number | undefined;
  stats(): MitmStats;
  close(): Promise<void>;
}

type Report = (kind: string, err: unknown) => void;

/** http-mitm-proxy with its console output turned into our counted, redacted log. */
class QuietProxy extends MitmProxy {
  constructor(private readonly report: Report) {
    super();
  }

  override _onError(kind: string, ctx: IContext | null, err: Error): void {
    this.report(kind, err);
    const res = ctx?.proxyToClientResponse;
    if (!res) return;
    // The library would append its error text to a half-sent answer; a reset is the honest signal.
    if (res.headersSent) res.destroy();
    else res.writeHead(502, { 'content-type': 'text/plain', connection: 'close' }).end('headroom: upstream unreachable\n');
  }

  override _onSocketError(socketDescription: string, err: NodeJS.ErrnoException): void {
    if (err.code !== 'ECONNRESET') this.report(socketDescription, err);
  }
}

const codeOf = (err: unknown): string => (err as NodeJS.ErrnoException | undefined)?.code ?? (err instanceof Error ? err.name : 'error');

/** host and port of a CONNECT target (`host:port`, `[v6]:port`); undefined when malformed. */
function parseAuthority(target: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(target);
  const port = Number(m?.[3]);
  const host = (m?.[1] ?? m?.[2])?.toLowerCase();
  return host && port > 0 && port < 65536 ? { host, port } : undefined;
}

const isJson = (type: string | undefined): boolean => /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type ?? '');

function listen(proxy: MitmProxy, sslCaDir: string): Promise<void> {
  return new Promise((resolve, reject) => proxy.listen({ host: '127.0.0.1', port: 0, sslCaDir, keepAlive: true }, (err) => (err ? reject(err) : resolve())));
}

export async function startMitm(options: MitmOptions): Promise<RunningMitm> {
  const { caCertFile } = await ensureCa(options.caDir);
  const log = options.log ?? (() => {});
  const stats = new MitmCounter();
  const upstreams: Upstreams = createUpstreams(options);
  const report: Report = (kind, err) => {
    stats.error();
    log(`error ${kind} ${codeOf(err)}`);
  };
  const proxy = new QuietProxy(report);
  const sockets = new Set<Duplex>();
  const servers = new Map<string, Promise<https.Server>>();
  // The CONNECT target of each decrypted request: it, not the Host header, says
  // where the client meant to go (our certificate was made for that name).
  const connectTargets = new WeakMap<http.IncomingMessage, { host: string; port: number }>();

  const flowFor = (host: string, done: () => void): Flow => ({ count: (up, down) => stats.bytes(host, up, down), done });

  async function makeServer(host: string, port: number): Promise<https.Server> {
    const { key, cert } = await hostCert(proxy.ca, host);
    // Never listens: decrypted sockets are handed to it with emit('connection').
    const server = https.createServer({ key, cert });
    server.requestTimeout = 0; // agents stream for minutes
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      connectTargets.set(req, { host, port });
      proxy._onHttpServerRequest(true, req, res);
    });
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const started = performance.now();
      stats.add(host, 'passedThrough');
      const pathname = (req.url ?? '/').split('?')[0];
      const flow = flowFor(host, () => log(`${req.method} ${host}${pathname} upgrade ${Math.round(performance.now() - started)}ms`));
      relayUpgrade(req, socket, head, host, port, upstreams, flow).catch((err: unknown) => report('UPGRADE', err));
    });
    // Handshakes that fail on our side (a client offering h2 only) end here: worth a line.
    // A Node client that distrusts our CA hangs up after the handshake instead, unseen.
    server.on('tlsClientError', (err: Error) => report(`TLS ${host}`, err));
    return server;
  }

  function serverFor(host: string, port: number): Promise<https.Server> {
    const key = `${host}:${port}`;
    let server = servers.get(key);
    if (!server) {
      servers.set(key, (server = makeServer(host, port)));
      server.catch(() => servers.delete(key));
    }
    return server;
  }

  async function tunnelBlind(socket: Duplex, head: Buffer, host: string, port: number): Promise<void> {
    const started = performance.now();
    let upstream: Duplex;
    try {
      upstream = await upstreams.connect(host, port);
    } catch (err) {
      report(`CONNECT ${host}`, err);
      return answerConnect(socket, 502);
    }
    stats.add(host, 'tunnels');
    answerConnect(socket, 200);
    if (head.length > 0) {
      upstream.write(head);
      stats.bytes(host, head.length, 0);
    }
    splice(socket, upstream, flowFor(host, () => log(`CONNECT ${host}:${port} tunnel ${Math.round(performance.now() - started)}ms`)));
  }

  async function onConnect(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const target = parseAuthority(req.url ?? '');
    if (!target) return answerConnect(socket, 400);
    const { host, port } = target;
    if (options.tunnel?.(host) || !isCertifiableHost(host)) return tunnelBlind(socket, head, host, port);
    let server: https.Server;
    try {
      server = await serverFor(host, port);
    } catch (err) {
      report(`CERT ${host}`, err);
      return tunnelBlind(socket, head, host, port); // fail open: a host we cannot certify still reaches its server
    }
    if (socket.destroyed) return;
    // Written only now, in the same tick as the hand-over: the client sends
    // its ClientHello after this line, and nothing must read it before TLS does.
    answerConnect(socket, 200);
    if (head.length > 0) socket.unshift(head);
    server.emit('connection', socket);
  }

  /** Decides each decrypted request: to headroom (JSON to a provider API) or through unchanged. */
  function route(ctx: IContext, next: () => void): void {
    const req = ctx.clientToProxyRequest;
    const res = ctx.proxyToClientResponse;
    const opts = ctx.proxyToServerRequestOptions;
    if (!opts) return next();
    const connected = connectTargets.get(req);
    const host = connected?.host ?? opts.host.toLowerCase();
    const port = connected?.port ?? Number(opts.port ?? 80);
    const started = performance.now();
    const pathname = (req.url ?? '/').split('?')[0];
    let how: Route = 'pass';
    res.once('close', () => {
      const status = res.writableFinished ? res.statusCode : 'aborted';
      log(`${req.method} ${host}${pathname} ${status} ${Math.round(performance.now() - started)}ms ${how}`);
    });

    let base: URL | undefined;
    if (ctx.isSSL && req.method === 'POST' && isJson(req.headers['content-type']) && PROVIDER_HOSTS.has(host) && options.forwardTo) {
      try {
        const url = options.forwardTo(host);
        base = url ? new URL(url) : undefined;
      } catch (err) {
        report('FORWARD_TO', err);
        stats.add(host, 'failedOpen');
      }
    }
    if (base) {
      // Not calling next(): the library's own relay stays idle for this request.
      const routed = (r: Route) => (how = r);
      forwardToHeadroom({ req, res, base, host, port, upstreams, stats, routed }).catch((err: unknown) => {
        report('FORWARD', err);
        if (!res.headersSent) res.writeHead(502, { connection: 'close' }).end();
        else res.destroy();
      });
      return;
    }

    stats.add(host, 'passedThrough');
    req.on('data', (chunk: Buffer) => stats.bytes(host, chunk.length, 0)); // the library paused req: this does not start it
    ctx.onResponse((c, done) => {
      c.serverToProxyResponse?.on('data', (chunk: Buffer) => stats.bytes(host, 0, chunk.length));
      done();
    });
    const target = upstreams.address(host, port);
    Object.assign(opts, { host: target.host, port: target.port });
    if (ctx.isSSL) Object.assign(opts, { agent: upstreams.agentFor(host, port), ...upstreams.tlsFor(host) });
    next();
  }

  proxy.onConnect((req, socket, head) => {
    onConnect(req, socket, head as Buffer).catch((err: unknown) => {
      report('CONNECT', err);
      socket.destroy();
    });
  });
  proxy.onRequest((ctx, next) => {
    let handed = false;
    const once = () => {
      if (handed) return;
      handed = true;
      next();
    };
    try {
      route(ctx, once);
    } catch (err) {
      // A bug in route() must not cost the request: hand it to the library's plain relay (if not yet).
      report('ROUTE', err);
      once();
    }
  });

  await listen(proxy, caStoreDir(options.caDir));
  const server = proxy.httpServer!;
  server.requestTimeout = 0;
  const { address, port } = server.address() as AddressInfo;
  if (address !== '127.0.0.1') throw new Error(`mitm proxy bound to ${address}, expected 127.0.0.1`);
  const ownUid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  server.prependListener('connection', (socket: import('node:net').Socket) => {
    const uid = ownUid === undefined || socket.remotePort === undefined ? undefined : peerUid(socket.remotePort, port);
    if (uid !== undefined && uid !== ownUid) {
      log(`refused a connection from uid ${uid}: this proxy serves its own user only`);
      socket.destroy();
    }
  });

  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    caCertFile,
    fd: listeningFd(server),
    stats: () => stats.snapshot(),
    close: async () => {
      const closed = once(server, 'close');
      proxy.close();
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      upstreams.close();
      await closed;
    },
  };
}
