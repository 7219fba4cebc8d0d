import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { endToEnd } from './headers.js';
import { adapterFor } from './providers/index.js';
import { readBody } from './read-body.js';
import { relayWithRetrieval } from './retrieval-stream.js';
import type { RetrievalFormat } from './retrieval-tool.js';
import type { ThreadRef } from './repack/index.js';
import type { Ticket } from './admission/index.js';
import { type ProxySession, type RewriteOutcome, rewriteRequest, shedsUnread } from './rewrite.js';
import { type Upstream, routeFor, splitTarget } from './route.js';
import { type Exchange, sniffModel } from './dollars.js';
import type { StatsCounter } from './stats.js';
import { normalizeTarget } from './target-path.js';
import type { UpstreamClient, UpstreamRequest } from './upstream.js';
import { type ProxyFailure, proxyErrorAnswer } from './upstream-error.js';
import { UsageTap } from './usage.js';

// One exchange through the proxy: pick the upstream, rewrite the body when an
// adapter knows the endpoint, send it on, and relay the answer byte for byte
// while the usage tap reads a copy. The client's bytes and the provider's
// bytes are only ever changed by the rewriter, and only in the request body,
// with one exception: with retrievalTool on, an answer that calls
// headroom_retrieve is completed by the proxy (retrieval-stream.ts).
// A request goes upstream at most once: it is tried again on another
// connection only when no byte of it was written (see send below).

export interface ForwardContext {
  readonly upstreams: Readonly<Record<Upstream, URL>>;
  readonly client: UpstreamClient;
  readonly session: ProxySession;
  readonly stats: StatsCounter;
  readonly maxBodyBytes: number;
  readonly log: (line: string) => void;
}

/** Headers the proxy sets itself (host) or already answered (expect: 100-continue). */
const PASSTHROUGH_DROP = ['host', 'expect'];
/** A rewritten body also gets its own content-length. */
const REWRITE_DROP = [...PASSTHROUGH_DROP, 'content-length'];
/** A body declaring headroom_retrieve asks for a plain answer: the proxy may have to read and edit it. */
const RETRIEVAL_DROP = [...REWRITE_DROP, 'accept-encoding'];

/** Tries on other connections while kept-alive ones turn out closed before a byte was written: a pool can hold several. */
const MAX_ATTEMPTS = 3;

/** Agents name their conversation in a header; decisions are scoped to it. */
function sessionHint(req: IncomingMessage): string | undefined {
  const v = req.headers['x-claude-code-session-id'] ?? req.headers['session_id'] ?? req.headers['conversation_id'];
  return typeof v === 'string' ? v : undefined;
}

/** The body's declared length; 0 when chunked (then not counted ahead of others). */
function declaredLength(req: IncomingMessage): number {
  const n = Number(req.headers['content-length']);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** The rewriter promises not to throw; this makes that hold by structure. */
async function rewriteSafely(raw: Buffer, method: string, pathname: string, ctx: ForwardContext, hint: string | undefined, arrived: number, ticket: Ticket): Promise<RewriteOutcome> {
  try {
    return await rewriteRequest(raw, method, pathname, ctx.session, hint, arrived, ticket);
  } catch {
    ticket.done();
    return { body: raw, changed: false, tokensBefore: 0, tokensAfter: 0, outputs: 0, compressed: 0, failOpen: 'rewriter-threw' };
  }
}

export async function forward(ctx: ForwardContext, req: IncomingMessage, res: ServerResponse, sent: string): Promise<void> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  const target = normalizeTarget(sent);
  if (target === undefined) return refusePath(ctx, req, res, sent);
  const { pathname } = splitTarget(target);
  const upstream = routeFor(pathname, req.headers);
  const base = ctx.upstreams[upstream];
  ctx.stats.request();
  // Client-side errors show up as `res` closing early; this only keeps them from being uncaught.
  req.on('error', () => {});
  // The client hung up: end what was sent upstream for it. A flag and a list, not an
  // AbortSignal: a signal per request and its listeners on every upstream request were
  // a tenth of the loop's time per request in a burst.
  let gone = false;
  const onGone: Array<() => void> = [];
  res.on('close', () => {
    if (res.writableFinished) return;
    gone = true;
    for (const end of onGone.splice(0)) end();
  });
  const whenGone = (end: () => void): void => {
    if (gone) end();
    else onGone.push(end);
  };
  // Counted for admission: a body is never shed while its exchange is the only one.
  res.on('close', ctx.session.admission.exchange());

  let body: Buffer | undefined;
  let head: readonly Buffer[] = [];
  let note = '';
  let retrieval: RetrievalFormat | undefined;
  let thread: ThreadRef | undefined;
  let exchange: Exchange = { savedTokens: 0 };
  // Admission is asked as the request comes in, its declared length counted at once: a burst's
  // bodies all arrive before any is read, and the first few already fill the loop's time budget.
  const ticket = method === 'POST' && adapterFor(method, pathname) ? ctx.session.admission.enter(declaredLength(req)) : undefined;
  if (ticket && (await shedsUnread(ctx.session, ticket, method, pathname, sessionHint(req)))) {
    // Under load, a body that would go up as it came is streamed like any relay: not held, not read.
    ticket.done();
    ctx.stats.shed('unread');
    note = ' shed:unread';
  } else if (ticket) {
    const read = await readBody(req, ctx.maxBodyBytes);
    if (read.kind !== 'whole') ticket.done();
    if (read.kind === 'gone') return;
    if (read.kind === 'oversize') {
      ctx.stats.oversize();
      head = read.head;
      note = ' oversize';
    } else {
      const outcome = await rewriteSafely(read.body, method, pathname, ctx, sessionHint(req), performance.now(), ticket);
      ctx.stats.rewrite(outcome);
      body = outcome.body;
      retrieval = outcome.retrievalTool;
      thread = outcome.thread;
      const model = outcome.model ?? sniffModel(pathname, body);
      exchange = { savedTokens: outcome.tokensBefore - outcome.tokensAfter, ...(model !== undefined && { model }), ...(outcome.retrievals && { retrievals: outcome.retrievals }) };
      note = outcome.failOpen ? ` fail-open:${outcome.failOpen}` : outcome.changed ? ` tokens ${outcome.tokensBefore}->${outcome.tokensAfter}` : '';
      if (outcome.shed) note += ` shed:${outcome.shed}`;
    }
    if (gone) return;
  }

  /** A signal for a retrieval follow-up, made only when one is sent: aborted when the client hangs up. */
  const hangup = (): AbortSignal => {
    const c = new AbortController();
    whenGone(() => c.abort());
    return c.signal;
  };
  const shared = endToEnd(req.rawHeaders, retrieval ? RETRIEVAL_DROP : body ? REWRITE_DROP : PASSTHROUGH_DROP);
  if (retrieval) shared.push('accept-encoding', 'identity');
  const headers = body ? [...shared, 'content-length', String(body.length)] : shared;
  const send = (attempt: number): void => {
    let upReq: ClientRequest;
    try {
      upReq = ctx.client.request(base, { method, target, headers });
    } catch (err) {
      return failUpstream(ctx, res, upstream, base, err, 'unreachable');
    }
    const sent = upReq;
    whenGone(() => sent.destroy());
    // Nothing is written on a kept-alive connection until the event loop has
    // polled once with it in hand: a close the provider sent while it sat
    // idle is seen first, and the request moves to another connection with
    // no byte of it sent. Once a byte may have left, a failure is answered,
    // never sent again: the provider may have read (and billed) it.
    let written = false;
    let connected = false;
    const write = (): void => {
      if (written || upReq.destroyed) return;
      written = true;
      if (body) upReq.end(body);
      else {
        for (const chunk of head) upReq.write(chunk);
        req.pipe(upReq);
      }
    };
    upReq.once('socket', (socket: Socket) => {
      if (!upReq.reusedSocket) {
        if (socket.connecting) socket.once('connect', () => (connected = true));
        else connected = true;
        return write();
      }
      connected = true;
      setImmediate(() => (socket.destroyed || socket.readableEnded ? upReq.destroy(closedWhileIdle()) : write()));
    });
    upReq.on('error', (err: NodeJS.ErrnoException) => {
      if (gone) return; // the client left first: nothing to tell
      if (!written && upReq.reusedSocket && attempt < MAX_ATTEMPTS && !res.headersSent) return send(attempt + 1);
      if (res.headersSent) res.destroy(err);
      else failUpstream(ctx, res, upstream, base, err, written && connected ? 'lost-after-send' : 'unreachable');
    });
    upReq.on('response', (upRes) => {
      if (retrieval && body) {
        const followUp = (next: Buffer) => sendFollowUp(ctx, base, { method, target, headers: [...shared, 'content-length', String(next.length)], signal: hangup() }, next);
        // The first answer is the request's; every later one answers a follow-up the proxy sent to serve a retrieval.
        let answers = 0;
        const onUsage = (u: Parameters<StatsCounter['usage']>[0]) => ctx.stats.usage(u, answers++ === 0 ? exchange : { ...exchange, savedTokens: 0, followUp: true });
        const r = { format: retrieval, sentBody: body, store: ctx.session.options.store, followUp, onUsage, log: ctx.log };
        relayWithRetrieval(r, upRes, res, () => relay(ctx, upRes, res, exchange));
      } else relay(ctx, upRes, res, exchange, thread);
      upRes.on('end', () => {
        ctx.log(`${method} ${pathname} -> ${upstream} ${upRes.statusCode} ${Math.round(performance.now() - started)}ms${note}`);
      });
    });
  };
  send(1);
}

function closedWhileIdle(): NodeJS.ErrnoException {
  return Object.assign(new Error('the kept-alive connection was closed by the provider before the request was written'), { code: 'ECONNRESET' });
}

/** One retrieval follow-up: the answer's headers, or a rejection when the provider cannot be reached. */
function sendFollowUp(ctx: ForwardContext, base: URL, req: UpstreamRequest, body: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const upReq = ctx.client.request(base, req);
    upReq.on('error', reject);
    upReq.on('response', resolve);
    upReq.end(body);
  });
}

/** Sends the answer on as it arrives; `pipe` pauses the upstream while the client is slow. */
function relay(ctx: ForwardContext, upRes: IncomingMessage, res: ServerResponse, exchange: Exchange, thread?: ThreadRef): void {
  const tap = new UsageTap(upRes.headers['content-type'], upRes.headers['content-encoding'], (u) => {
    ctx.stats.usage(u, exchange);
    // An answer that shows no caching at all makes the thread's next request a lapse (repack/lapse.ts).
    if (thread) void ctx.session.epochs.answered(thread, u);
  });
  res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, endToEnd(upRes.rawHeaders));
  // The headers go with the answer's first bytes, in one write, when those came with them (they
  // almost always do); else on their own one turn of the loop later, so a client still sees the
  // status of an answer that is slow to start. A write of their own each was a tenth of relaying.
  let started = false;
  setImmediate(() => {
    if (!started && !res.writableEnded && !res.destroyed) res.flushHeaders();
  });
  upRes.on('data', (chunk: Buffer) => {
    started = true; // the pipe below writes it, headers first
    tap.write(chunk);
  });
  upRes.on('end', () => tap.end());
  upRes.on('error', () => {}); // surfaces below as an incomplete close
  upRes.on('close', () => {
    if (upRes.complete) return;
    tap.end();
    // The provider hung up mid-answer: end the client's answer too, so it does not wait forever.
    res.destroy();
  });
  upRes.pipe(res);
}

const FAILURE_MESSAGES: Record<Exclude<ProxyFailure, 'bad-path'>, (origin: string, code: string) => string> = {
  unreachable: (origin, code) => `headroom proxy could not reach ${origin} (${code})`,
  'lost-after-send': (origin, code) =>
    `headroom proxy lost the connection to ${origin} after sending the request (${code}); it was not sent again, as the provider may have received it`,
};

function failUpstream(ctx: ForwardContext, res: ServerResponse, upstream: Upstream, base: URL, err: unknown, failure: Exclude<ProxyFailure, 'bad-path'>): void {
  ctx.stats.upstreamError();
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  ctx.log(`upstream ${base.origin} failed: ${code}${failure === 'lost-after-send' ? ' after the request was sent' : ''}`);
  if (res.headersSent || res.destroyed) return;
  sendAnswer(res, proxyErrorAnswer(upstream, failure, FAILURE_MESSAGES[failure](base.origin, code)));
}

/** A path that would leave the upstream's base path (`/../admin`) goes nowhere. */
function refusePath(ctx: ForwardContext, req: IncomingMessage, res: ServerResponse, sent: string): void {
  const upstream = routeFor(splitTarget(sent).pathname, req.headers);
  ctx.log(`${req.method ?? 'GET'} refused: its path leaves the ${upstream} upstream's base path -> 400`);
  req.resume(); // its body is not wanted, but must be read for the connection to be reused
  sendAnswer(res, proxyErrorAnswer(upstream, 'bad-path', 'headroom proxy refused the request: its path steps out of the upstream base path (a ".." segment, plain or encoded)'));
}

function sendAnswer(res: ServerResponse, answer: { status: number; body: string }): void {
  res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}
