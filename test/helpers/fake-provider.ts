import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { type AnswerOptions, type Shape, jsonAnswer, shapeOf, streamEvents } from './fake-answers.js';

// A provider on 127.0.0.1 that speaks the Anthropic, Chat Completions,
// Responses and Gemini shapes, so proxy tests run without a network. It
// records every request byte for byte and every answer byte it wrote, and can
// be told to fail: an error status, a reset mid-stream, a slow stream.

export interface Behaviour extends AnswerOptions {
  /** Answer this status with `body` instead of a model answer (429, 500...). */
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Destroy the connection (TCP reset) after this many events of a stream. */
  readonly resetAfter?: number;
  /** Pause between stream events, in ms. */
  readonly delayMs?: number;
  /** gzip the answer (flushed after each event, so it still streams). */
  readonly gzip?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path with query, as received. */
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /** The bytes written on the wire for the answer body (after gzip, if any). */
  readonly sent: Buffer[];
  /** True once the answer was written completely. */
  finished: boolean;
  /** True when the client went away before the answer was complete. */
  closedEarly: boolean;
  /** Resolves when the exchange is over, either way. */
  readonly closed: Promise<void>;
}

export interface FakeProvider {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** What to do with every later request, until set again. */
  behave(b: Behaviour): void;
  /** What to do with the next requests, one behaviour each, before falling back to behave()'s. */
  queue(...b: Behaviour[]): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function wantsStream(shape: Shape, pathname: string, body: Buffer): boolean {
  if (shape === 'gemini') return pathname.includes(':streamGenerateContent');
  try {
    return (JSON.parse(body.toString('utf8')) as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

/** Writes with backpressure; false when the client went away. */
async function write(res: http.ServerResponse, out: NodeJS.WritableStream, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!out.write(chunk)) await new Promise<void>((r) => {
    const done = () => { res.off('close', done); out.off('drain', done); r(); };
    out.once('drain', done);
    res.once('close', done);
  });
  return !res.destroyed;
}

/** Keeps a copy of every body byte written to the socket (end() is never given data here). */
function recordWrites(res: http.ServerResponse, rec: RecordedRequest): void {
  const original = res.write.bind(res) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  res.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    rec.sent.push(Buffer.from(chunk));
    return original(chunk, ...rest);
  }) as typeof res.write;
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse, rec: RecordedRequest, b: Behaviour): Promise<void> {
  const pathname = (req.url ?? '/').split('?')[0]!;
  const shape = shapeOf(pathname);
  const headers: Record<string, string> = { 'x-fake-provider': '1', ...b.headers };
  let out: NodeJS.WritableStream = res;
  recordWrites(res, rec);
  if (b.gzip) {
    headers['content-encoding'] = 'gzip';
    const gz = zlib.createGzip();
    gz.on('data', (c: Buffer) => res.write(c));
    gz.on('end', () => res.end());
    out = gz;
  }
  const finish = (): void => {
    if (b.gzip) (out as zlib.Gzip).end();
    else res.end();
  };

  if (b.status) {
    res.writeHead(b.status, { 'content-type': 'application/json', ...headers });
    out.write(b.body ?? '');
    return finish();
  }
  if (!shape) {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    if (req.method !== 'HEAD') out.write('{"ok":true}');
    return finish();
  }
  if (!wantsStream(shape, pathname, rec.body)) {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    out.write(JSON.stringify(jsonAnswer(shape, b)));
    return finish();
  }
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  const events = streamEvents(shape, b);
  for (let i = 0; i < events.length; i++) {
    if (b.resetAfter !== undefined && i === b.resetAfter) {
      if (b.gzip) (out as zlib.Gzip).flush();
      await sleep(20);
      req.socket.resetAndDestroy();
      return;
    }
    if (!(await write(res, out, events[i]!))) return;
    if (b.gzip) await new Promise<void>((r) => (out as zlib.Gzip).flush(() => r()));
    if (b.delayMs) await sleep(b.delayMs);
  }
  finish();
}

export async function startFakeProvider(initial: Behaviour = {}): Promise<FakeProvider> {
  let behaviour = initial;
  const queued: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let close!: () => void;
      const rec: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
        sent: [],
        finished: false,
        closedEarly: false,
        closed: new Promise<void>((r) => (close = r)),
      };
      requests.push(rec);
      res.on('finish', () => (rec.finished = true));
      res.on('close', () => {
        rec.closedEarly = !rec.finished;
        close();
      });
      answer(req, res, rec, queued.shift() ?? behaviour).catch(() => res.destroy());
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave: (b) => (behaviour = b),
    queue: (...b) => void queued.push(...b),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
