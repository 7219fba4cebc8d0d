import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { type ProxyEnv, TunnelAgent, proxyAuthorization, proxyFor } from '../../intercept/proxy-env.js';

// How the MITM reaches real hosts: through the user's own HTTPS_PROXY when one
// is set (a CONNECT tunnel, like the intercept proxy does), trusting the system
// CAs (plus one extra CA, for tests), and at an address a test may override so
// a fake "api2.cursor.sh" can stand on 127.0.0.1 without touching DNS.

export interface Address {
  readonly host: string;
  readonly port: number;
}

/** Where to connect for a host name; the default is the name itself (DNS). */
export type Resolve = (host: string, port: number) => Address;

export interface UpstreamOptions {
  readonly resolve?: Resolve;
  readonly proxyEnv?: ProxyEnv;
  /** An extra CA (PEM) trusted for upstream TLS on top of the system roots. */
  readonly upstreamCa?: string | Buffer;
}

export interface Upstreams {
  address(host: string, port: number): Address;
  /** Pooled keep-alive agent for HTTPS requests to host:port, direct or through the user's proxy. */
  agentFor(host: string, port: number): https.Agent;
  /** TLS options (SNI and CAs) for a connection to `host`, whatever address it resolved to. */
  tlsFor(host: string): tls.ConnectionOptions;
  /** A raw TCP stream to host:port, for bytes we do not decrypt. */
  connect(host: string, port: number): Promise<Duplex>;
  close(): void;
}

const authority = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** CONNECT through the user's proxy, without TLS on top (TunnelAgent adds TLS; blind tunnels must not). */
function connectVia(proxy: URL, target: Address): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const auth = proxyAuthorization(proxy);
    const secure = proxy.protocol === 'https:';
    const path = authority(target.host, target.port);
    const req = (secure ? https : http).request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || (secure ? 443 : 80),
      method: 'CONNECT',
      path,
      headers: { host: path, ...(auth ? { 'proxy-authorization': auth } : {}) },
      agent: false,
    });
    req.once('connect', (res, socket, head) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(Object.assign(new Error(`proxy refused CONNECT (${res.statusCode})`), { code: 'EPROXYCONNECT' }));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.once('error', reject);
    req.end();
  });
}

function connectDirect(target: Address): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(target.port, target.host);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

export function createUpstreams(options: UpstreamOptions): Upstreams {
  const env = options.proxyEnv ?? {};
  const resolve: Resolve = options.resolve ?? ((host, port) => ({ host, port }));
  // `ca` replaces Node's roots, so the extra CA is added to them, not swapped in.
  const ca = options.upstreamCa ? [...tls.rootCertificates, options.upstreamCa.toString()] : undefined;
  const direct = new https.Agent({ keepAlive: true, ...(ca && { ca }) });
  const tunnels = new Map<string, https.Agent>();
  const proxyOf = (host: string, port: number) => proxyFor(new URL(`https://${authority(host, port)}`), env);

  return {
    address: resolve,
    agentFor(host, port) {
      const proxy = proxyOf(host, port);
      if (!proxy) return direct;
      let agent = tunnels.get(proxy.href);
      if (!agent) tunnels.set(proxy.href, (agent = new TunnelAgent(proxy, ca && { ca })));
      return agent;
    },
    tlsFor(host) {
      // SNI carries names only; certificates are checked against `host` either way.
      return { ...(net.isIP(host) ? {} : { servername: host }), ...(ca && { ca }), checkServerIdentity: (_h, cert) => tls.checkServerIdentity(host, cert) };
    },
    connect(host, port) {
      const proxy = proxyOf(host, port);
      const target = resolve(host, port);
      return proxy ? connectVia(proxy, target) : connectDirect(target);
    },
    close() {
      direct.destroy();
      for (const agent of tunnels.values()) agent.destroy();
    },
  };
}
