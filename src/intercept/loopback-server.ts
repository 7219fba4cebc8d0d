import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { STREAM_BUFFER_BYTES } from './upstream.js';

// The bare HTTP server the proxy runs on: 127.0.0.1 only, and no server-side
// timeouts on active exchanges (agents stream for minutes). An agent's
// connection is kept while it idles between turns (a tool often runs longer
// than Node's 5 s default): reconnecting costs both processes a handshake and
// socket set-up per request, which a burst of subagents pays 200 times at
// once. Every connection still ends with the server. Kept apart from
// the handlers so `headroom wrap` can listen (and start the agent) before the
// compression pipeline has finished loading.

/** How long an idle agent connection is kept; the agent hears it in each answer's Keep-Alive header. */
export const KEEP_ALIVE_MS = 5 * 60_000;

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex) => void;

export interface LoopbackServer {
  readonly server: http.Server;
  readonly port: number;
  close(): Promise<void>;
}

export async function listenLoopback(port: number, onRequest: RequestHandler, onUpgrade: UpgradeHandler): Promise<LoopbackServer> {
  // Answers relayed to the agent buffer as much as requests relayed upstream do (upstream.ts).
  const server = http.createServer({ highWaterMark: STREAM_BUFFER_BYTES }, onRequest);
  server.on('upgrade', onUpgrade);
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
