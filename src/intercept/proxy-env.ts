import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

// Outbound proxy support (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), because agents
// run behind corporate proxies and the provider must still be reachable.
// Node 20's http client ignores these variables; undici's EnvHttpProxyAgent
// would honour them but also is not in our dependencies and its fetch
// decompresses answers, which would break byte-identical passthrough. So: an
// https.Agent whose sockets are CONNECT tunnels (pooled and kept alive like
// any other), and absolute-form requests for plain-http targets.
// The CLI reads the environment and passes the values in.

export interface ProxyEnv {
  readonly httpProxy?: string | undefined;
  readonly httpsProxy?: string | undefined;
  readonly noProxy?: string | undefined;
}

/** Lower case first, then upper case, as curl and undici read them. */
export function proxyEnvFrom(env: Readonly<Record<string, string | undefined>>): ProxyEnv {
  return {
    httpProxy: env.http_proxy || env.HTTP_PROXY || undefined,
    httpsProxy: env.https_proxy || env.HTTPS_PROXY || undefined,
    noProxy: env.no_proxy || env.NO_PROXY || undefined,
  };
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/**
 * True when `NO_PROXY` exempts the target. Entries are separated by commas or
 * spaces; `*` matches all; `example.com` and `.example.com` match the domain
 * and its subdomains; `host:port` matches that port only. Loopback is always
 * exempt: a local upstream behind a remote proxy is never what was meant.
 */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (LOOPBACK.test(host)) return true;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of (noProxy ?? '').split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry);
    const name = (m?.[1] ?? entry).replace(/^\*?\./, '');
    if (m?.[2] && m[2] !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The proxy to use for a target, or undefined to connect directly. */
export function proxyFor(target: URL, env: ProxyEnv): URL | undefined {
  if (bypassesProxy(target, env.noProxy)) return undefined;
  const raw = target.protocol === 'https:' ? env.httpsProxy : env.httpProxy;
  if (!raw) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined; // an unparsable variable is ignored, as curl does
  }
}

/** `Proxy-Authorization` for credentials in the proxy URL, if any. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const creds = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(creds).toString('base64')}`;
}

/** An https.Agent that reaches every origin through a CONNECT tunnel. */
export class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    options: https.AgentOptions = {},
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    const host = options.hostname ?? options.host ?? 'localhost';
    const authority = `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 443}`;
    const auth = proxyAuthorization(this.proxy);
    const client = this.proxy.protocol === 'https:' ? https : http;
    const connect = client.request({
      host: this.proxy.hostname.replace(/^\[|\]$/g, ''),
      port: this.proxy.port || (this.proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(auth ? { 'proxy-authorization': auth } : {}) },
      agent: false,
    });
    const fail = (err: Error) => callback?.(err, undefined as unknown as Duplex);
    connect.once('connect', (res, socket, head) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        fail(Object.assign(new Error(`proxy ${this.proxy.host} refused CONNECT (${res.statusCode})`), { code: 'EPROXYCONNECT' }));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      const secure = tls.connect({ ...(options as tls.ConnectionOptions), socket, servername: options.servername ?? host });
      callback?.(null, secure);
    });
    connect.once('error', fail);
    connect.end();
    return undefined;
  }
}
