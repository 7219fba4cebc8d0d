import type http from 'node:http';
import { randomPathPrefix } from '../intercept/route.js';
import { type RequestHandler, type UpgradeHandler, listenLoopback } from '../intercept/loopback-server.js';
import { listeningFd } from './guardian/index.js';

// The session's endpoint, listening before the compression pipeline is
// loaded: the agent can start at once, and any request it sends before the
// pipeline is attached waits for it (its body stays unread in the socket).

export interface EarlyEndpoint {
  /** http://127.0.0.1:PORT/hr-secret: the base URL the agent is given. */
  readonly url: string;
  readonly pathPrefix: string;
  /** The listening socket's descriptor, for the guardian to hold (undefined where Node does not tell it). */
  readonly fd: number | undefined;
  attach(handlers: { readonly request: RequestHandler; readonly upgrade: UpgradeHandler }): void;
  /** The pipeline could not be loaded: waiting and later requests get a 502 that says why, instead of hanging. */
  fail(reason: string): void;
  close(): Promise<void>;
}

export async function listenEarly(): Promise<EarlyEndpoint> {
  let attach!: (h: { request: RequestHandler; upgrade: UpgradeHandler }) => void;
  const ready = new Promise<{ request: RequestHandler; upgrade: UpgradeHandler }>((resolve) => (attach = resolve));
  const server = await listenLoopback(
    0,
    (req: http.IncomingMessage, res: http.ServerResponse) => void ready.then((h) => h.request(req, res)),
    (req, socket) => void ready.then((h) => h.upgrade(req, socket)),
  );
  const pathPrefix = randomPathPrefix();
  const fail = (reason: string) =>
    attach({
      request: (_req, res) => {
        const body = JSON.stringify({ error: { type: 'headroom_error', message: `headroom could not start its proxy: ${reason}` } });
        res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      },
      upgrade: (_req, socket) => void socket.destroy(),
    });
  return { url: `http://127.0.0.1:${server.port}${pathPrefix}`, pathPrefix, fd: listeningFd(server.server), attach, fail, close: () => server.close() };
}
