import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

// The bare HTTP server the proxy runs on: 127.0.0.1 only, and no server-side
// timeouts on active exchanges (agents stream for minutes). Kept apart from
// the handlers so `headroom wrap` can listen (and start the agent) before the
// compression pipeline has finished loading.

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex) => void;

export interface LoopbackServer {
  readonly server: http.Server;
  readonly port: number;
  close(): Promise<void>;
}

export async function listenLoopback(port: number, onRequest: RequestHandler, onUpgrade: UpgradeHandler): Promise<LoopbackServer> {
  const server = http.createServer(onRequest);
  server.on('upgrade', onUpgrade);
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
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
