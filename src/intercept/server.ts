import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { type ForwardContext, forward } from './forward.js';
import { DEFAULT_MAX_HELD_BYTES, HeldBytes, bytesToHold } from './held-bytes.js';
import { type RequestHandler, type UpgradeHandler, listenLoopback } from './loopback-server.js';
import { adapterFor } from './providers/index.js';
import type { ProxyEnv } from './proxy-env.js';
import type { ProxySession } from './rewrite.js';
import { type Upstream, routeFor, splitTarget, stripPrefix, upstreamProblem } from './route.js';
import { type ProxyStats, StatsCounter } from './stats.js';
import { createUpstreamClient } from './upstream.js';

// The local HTTP proxy agents are pointed at. It listens on 127.0.0.1 only and
// answers nothing outside its secret path prefix, so other local users and
// web pages cannot spend the keys that pass through it.

export interface ProxyOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Secret prefix every request must start with, e.g. '/hr-k3m9x2'; requests without it get 404. */
  readonly pathPrefix?: string;
  readonly upstreams: Readonly<Record<Upstream, string>>;
  readonly session: ProxySession;
  /** One line per request (method, path, upstream, status, time): never headers, query or bodies. */
  readonly log?: (line: string) => void;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY as the CLI read them; direct connections when absent. */
  readonly proxyEnv?: ProxyEnv;
  /** Rewritable bodies larger than this stream upstream unread. */
  readonly maxBodyBytes?: number;
  /** Request bytes held at once, all requests together; bodies past it stream upstream unread. */
  readonly maxHeldBytes?: number;
}

export interface RunningProxy {
  /** Base URL including the prefix, e.g. http://127.0.0.1:41234/hr-k3m9x2 */
  readonly url: string;
  readonly port: number;
  stats(): ProxyStats;
  close(): Promise<void>;
}

export type { ProxyStats } from './stats.js';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

function upstreamUrls(upstreams: Readonly<Record<Upstream, string>>): Record<Upstream, URL> {
  // Checked at start-up, not per request: callers validate first, so this is a bug guard.
  const parse = (name: Upstream): URL => {
    const problem = upstreamProblem(upstreams[name]);
    if (problem) throw new TypeError(`${name} upstream ${problem}`);
    return new URL(upstreams[name]);
  };
  return { anthropic: parse('anthropic'), openai: parse('openai'), gemini: parse('gemini') };
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/** Codex tries a WebSocket first; 426 tells it to fall back to HTTP + SSE, which we can read. */
function refuseUpgrade(socket: Duplex, status: 404 | 426): void {
  const line = status === 426 ? '426 Upgrade Required' : '404 Not Found';
  const body = status === 426 ? 'headroom proxy speaks HTTP only' : 'not found';
  socket.on('error', () => {});
  socket.end(`HTTP/1.1 ${line}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
}

export interface ProxyHandlers {
  readonly request: RequestHandler;
  readonly upgrade: UpgradeHandler;
  stats(): ProxyStats;
  /** Releases the upstream connections and ends the compression workers. */
  close(): void;
}

/** What the proxy does with each request, apart from where it listens. */
export function createProxyHandlers(options: Omit<ProxyOptions, 'port'>): ProxyHandlers {
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  const client = createUpstreamClient(options.proxyEnv);
  const stats = new StatsCounter();
  const ctx: ForwardContext = {
    upstreams: upstreamUrls(options.upstreams),
    client,
    session: options.session,
    stats,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log: options.log ?? (() => {}),
  };
  const held = new HeldBytes(options.maxHeldBytes ?? DEFAULT_MAX_HELD_BYTES);
  const { drift, decisions } = options.session;
  const snapshot = () => stats.snapshot(drift.drifts, { driftOurs: drift.ours, heldBytes: held.bytes, memoBytes: decisions.memoBytes });
  // A cold worker loads every compressor: start them before the first tool output needs one.
  if (!options.session.options.measureOnly) options.session.runner.warm();

  /** The context for one request: one whose body does not fit under the held-bytes cap is streamed unread. */
  const contextFor = (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], pathname: string): ForwardContext => {
    const method = req.method ?? 'GET';
    if (method !== 'POST' || !adapterFor(method, pathname)) return ctx;
    const release = held.reserve(bytesToHold(req, ctx.maxBodyBytes));
    if (!release) {
      stats.overCap();
      return { ...ctx, maxBodyBytes: 0 };
    }
    res.on('close', release);
    return ctx;
  };

  const request: RequestHandler = (req, res) => {
    const target = stripPrefix(req.url ?? '', prefix);
    if (target === undefined) return sendJson(res, 404, { error: 'not found' });
    if (splitTarget(target).pathname === '/headroom/stats' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, snapshot());
    }
    forward(contextFor(req, res, splitTarget(target).pathname), req, res, target).catch((err: unknown) => {
      // A bug of ours, not the provider's: answer if we still can, never crash the proxy.
      ctx.log(`internal error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'headroom proxy internal error' });
      else res.destroy();
    });
  };
  const upgrade: UpgradeHandler = (req, socket) => {
    const target = stripPrefix(req.url ?? '', prefix);
    if (target === undefined) return refuseUpgrade(socket, 404);
    ctx.log(`${req.method} ${splitTarget(target).pathname} upgrade -> ${routeFor(splitTarget(target).pathname, req.headers)} 426`);
    refuseUpgrade(socket, 426);
  };
  return {
    request,
    upgrade,
    stats: snapshot,
    close: () => {
      client.close();
      // The workers go with the proxy; the store stays the caller's.
      void options.session.close();
    },
  };
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const handlers = createProxyHandlers(options);
  const listening = await listenLoopback(options.port ?? 0, handlers.request, handlers.upgrade);
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  return {
    url: `http://127.0.0.1:${listening.port}${prefix}`,
    port: listening.port,
    stats: handlers.stats,
    close: async () => {
      const closed = listening.close();
      handlers.close();
      await closed;
    },
  };
}
