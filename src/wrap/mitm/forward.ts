import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { endToEnd } from '../../intercept/headers.js';
import { readBody } from '../../intercept/read-body.js';
import type { MitmCounter } from './stats.js';
import type { Upstreams } from './upstream.js';

// A provider API request found inside a decrypted tunnel, sent to headroom's
// own intercept endpoint so the existing pipeline compresses it. The body is
// read whole first: if headroom's endpoint cannot take it (down, closed,
// refused), the same bytes go to the real host instead, so a failure of ours
// never loses a request. Answers stream back as they come.

/** Hosts whose JSON APIs the intercept endpoint understands. */
export const PROVIDER_HOSTS: ReadonlySet<string> = new Set(['api.anthropic.com', 'api.openai.com', 'generativelanguage.googleapis.com']);

/** Bodies above this are not held for rewriting, as in the intercept proxy: they go direct, streamed. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export type Route = 'decoded' | 'pass' | 'fail-open';

export interface ForwardJob {
  readonly req: http.IncomingMessage;
  readonly res: http.ServerResponse;
  /** headroom's endpoint for this provider, with its secret prefix. */
  readonly base: URL;
  readonly host: string;
  readonly port: number;
  readonly upstreams: Upstreams;
  readonly stats: MitmCounter;
  /** Told how the request was finally routed, for the log line. */
  readonly routed: (route: Route) => void;
}

/** Relays an answer to the client as it streams, counting its bytes. */
function relayAnswer(job: ForwardJob, answer: http.IncomingMessage): void {
  job.res.writeHead(answer.statusCode ?? 502, endToEnd(answer.rawHeaders));
  answer.on('data', (chunk: Buffer) => job.stats.bytes(job.host, 0, chunk.length));
  pipeline(answer, job.res).catch(() => {}); // either side closing early ends both; nothing to add
}

function clientGone(job: ForwardJob): boolean {
  return job.res.destroyed || job.res.writableEnded;
}

/** Sends the request to the real host, as the client sent it: the fail-open path. */
function sendDirect(job: ForwardJob, body: Buffer | readonly Buffer[]): void {
  const { req, res, host, port, upstreams } = job;
  job.stats.add(host, 'passedThrough');
  job.stats.add(host, 'failedOpen');
  job.routed('fail-open');
  const whole = Buffer.isBuffer(body);
  const drop = whole ? ['expect', 'content-length'] : ['expect'];
  const headers = [...endToEnd(req.rawHeaders, drop), ...(whole ? ['content-length', String(body.length)] : [])];
  const target = upstreams.address(host, port);
  const direct = https.request({
    hostname: target.host,
    port: target.port,
    method: req.method,
    path: req.url,
    headers,
    agent: upstreams.agentFor(host, port),
    ...upstreams.tlsFor(host),
  });
  direct.on('response', (answer) => relayAnswer(job, answer));
  direct.on('error', () => {
    job.stats.error();
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', connection: 'close' }).end('headroom: upstream unreachable\n');
    else res.destroy();
  });
  res.on('close', () => {
    if (!res.writableFinished) direct.destroy();
  });
  if (whole) {
    direct.end(body);
    return;
  }
  // Oversize: what was read so far, then the rest of the stream.
  for (const chunk of body) direct.write(chunk);
  req.on('data', (chunk: Buffer) => job.stats.bytes(host, chunk.length, 0));
  req.pipe(direct);
}

export async function forwardToHeadroom(job: ForwardJob): Promise<void> {
  const { req, res, base, host, stats } = job;
  const reading = readBody(req, MAX_BODY_BYTES);
  req.resume(); // http-mitm-proxy paused it, and a paused stream stays paused when read
  const read = await reading;
  if (read.kind === 'gone') return;
  if (read.kind === 'oversize') {
    stats.bytes(host, read.head.reduce((n, c) => n + c.length, 0), 0);
    return sendDirect(job, read.head);
  }
  const body = read.body;
  stats.bytes(host, body.length, 0);
  // A fresh loopback connection per request (agent: false): a pooled one the
  // endpoint had just closed would fail and send the request direct for nothing.
  const local = http.request({
    hostname: base.hostname,
    port: base.port,
    method: req.method,
    path: `${base.pathname.replace(/\/+$/, '')}${req.url ?? '/'}`,
    headers: [...endToEnd(req.rawHeaders, ['host', 'expect', 'content-length']), 'host', base.host, 'content-length', String(body.length)],
    agent: false,
  });
  let answered = false;
  local.on('response', (answer) => {
    answered = true;
    stats.add(host, 'decoded');
    job.routed('decoded');
    relayAnswer(job, answer);
  });
  local.on('error', () => {
    if (answered || clientGone(job)) return res.destroy();
    stats.error();
    sendDirect(job, body);
  });
  res.on('close', () => {
    if (!res.writableFinished) local.destroy();
  });
  local.end(body);
}
