import http from 'node:http';
import https from 'node:https';
import { rawHeader } from './headers.js';
import { type ProxyEnv, TunnelAgent, proxyAuthorization, proxyFor } from './proxy-env.js';
import { basicAuthorization } from './url-userinfo.js';

// Opens requests to the providers. node:http rather than fetch: fetch would
// decompress answers and hide their raw bytes, and the client must get exactly
// what the provider sent. Connections are kept alive (one pool per proxy
// instance) because a fresh TLS handshake per turn would cost more than all
// the compression saves in latency. Credentials in a base URL go as Basic
// authorization, unless the request has its own Authorization header (an
// OpenAI key): the provider's key must get through, and one request cannot
// carry both.

export interface UpstreamRequest {
  readonly method: string;
  /** Path and query relative to the upstream's base URL, as the client sent them. */
  readonly target: string;
  /** Flat [name, value, ...] list, `host` excluded: it is set here. */
  readonly headers: readonly string[];
  /** Ends the request when aborted; without one, the caller destroys it itself. */
  readonly signal?: AbortSignal;
}

export interface UpstreamClient {
  request(base: URL, req: UpstreamRequest): http.ClientRequest;
  close(): void;
}

/** Joins a base URL that may carry a path (`https://gateway/anthropic`) with a request target. */
export function joinTarget(base: URL, target: string): string {
  const basePath = base.pathname.replace(/\/+$/, '');
  return `${basePath}${target}`;
}

export function createUpstreamClient(env: ProxyEnv = {}): UpstreamClient {
  const direct = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  const viaProxy = new Map<string, http.Agent>();
  const agentFor = (key: string, make: () => http.Agent): http.Agent => {
    let agent = viaProxy.get(key);
    if (!agent) viaProxy.set(key, (agent = make()));
    return agent;
  };

  // What depends on the base URL alone, worked out once per upstream rather than on every request.
  const fixed = new WeakMap<URL, { gateway: string | undefined; proxy: URL | undefined }>();
  const fixedFor = (base: URL): { gateway: string | undefined; proxy: URL | undefined } => {
    let f = fixed.get(base);
    if (!f) fixed.set(base, (f = { gateway: basicAuthorization(base), proxy: proxyFor(base, env) }));
    return f;
  };

  return {
    request(base, req) {
      const path = joinTarget(base, req.target);
      const host = base.host;
      const { gateway, proxy } = fixedFor(base);
      const headers = ['host', host, ...req.headers];
      if (gateway && rawHeader(req.headers, 'authorization') === undefined) headers.push('authorization', gateway);
      const secure = base.protocol === 'https:';
      if (!proxy) {
        return (secure ? https : http).request({
          protocol: base.protocol,
          hostname: base.hostname.replace(/^\[|\]$/g, ''),
          port: base.port || (secure ? 443 : 80),
          method: req.method,
          path,
          headers,
          agent: secure ? direct.https : direct.http,
          ...(req.signal && { signal: req.signal }),
        });
      }
      if (secure) {
        return https.request({
          hostname: base.hostname.replace(/^\[|\]$/g, ''),
          port: base.port || 443,
          method: req.method,
          path,
          headers,
          agent: agentFor(`tunnel ${proxy.href}`, () => new TunnelAgent(proxy)),
          ...(req.signal && { signal: req.signal }),
        });
      }
      // Plain-http target through a proxy: absolute-form request line (RFC 9112 3.2.2).
      const auth = proxyAuthorization(proxy);
      const proxySecure = proxy.protocol === 'https:';
      return (proxySecure ? https : http).request({
        hostname: proxy.hostname.replace(/^\[|\]$/g, ''),
        port: proxy.port || (proxySecure ? 443 : 80),
        method: req.method,
        path: `${base.protocol}//${host}${path}`,
        headers: auth ? [...headers, 'proxy-authorization', auth] : headers,
        agent: agentFor(`forward ${proxy.href}`, () => (proxySecure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true }))),
        ...(req.signal && { signal: req.signal }),
      });
    },
    close() {
      direct.http.destroy();
      direct.https.destroy();
      for (const agent of viaProxy.values()) agent.destroy();
    },
  };
}
