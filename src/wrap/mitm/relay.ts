import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { Upstreams } from './upstream.js';

// Byte relays for what is not an HTTP/1.1 request/response pair: blind CONNECT
// tunnels (hosts that need HTTP/2, names we cannot certify) and upgraded
// connections (WebSocket) inside a decrypted tunnel. Bytes go through as they
// are; only their number is kept.

export interface Flow {
  /** Called with byte counts as they pass: client to upstream, upstream to client. */
  count(up: number, down: number): void;
  /** Called once, when both sides are gone. */
  done(): void;
}

/** Pipes two streams into each other until either side closes or fails. */
export function splice(client: Duplex, upstream: Duplex, flow: Flow): void {
  let finished = false;
  const end = () => {
    if (finished) return;
    finished = true;
    client.destroy();
    upstream.destroy();
    flow.done();
  };
  client.on('data', (chunk: Buffer) => flow.count(chunk.length, 0));
  upstream.on('data', (chunk: Buffer) => flow.count(0, chunk.length));
  for (const side of [client, upstream]) {
    side.on('error', end);
    side.on('close', end);
  }
  client.pipe(upstream);
  upstream.pipe(client);
}

/** A raw HTTP/1.1 status line, for answering a CONNECT on a socket that has no HTTP machinery left. */
export function answerConnect(socket: Duplex, status: 200 | 400 | 502): void {
  const reason = { 200: 'Connection Established', 400: 'Bad Request', 502: 'Bad Gateway' }[status];
  if (status === 200) socket.write(`HTTP/1.1 200 ${reason}\r\n\r\n`);
  else socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The request head as the client sent it (raw header names and order), to replay upstream. */
function requestHead(req: IncomingMessage): string {
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Relays an upgrade request (WebSocket) from a decrypted tunnel to the real
 * host over a fresh TLS connection; from then on both directions are bytes.
 */
export async function relayUpgrade(req: IncomingMessage, client: Duplex, head: Buffer, host: string, port: number, upstreams: Upstreams, flow: Flow): Promise<void> {
  client.on('error', () => {});
  let upstream: tls.TLSSocket;
  try {
    const raw = await upstreams.connect(host, port);
    upstream = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const secure = tls.connect({ socket: raw, ALPNProtocols: ['http/1.1'], ...upstreams.tlsFor(host) }, () => resolve(secure));
      secure.once('error', reject);
    });
  } catch (err) {
    client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    flow.done();
    throw err;
  }
  upstream.write(requestHead(req));
  if (head.length > 0) {
    upstream.write(head);
    flow.count(head.length, 0);
  }
  splice(client, upstream, flow);
}
