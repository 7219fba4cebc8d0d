import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../memory/types.js';
import { endToEnd } from './headers.js';
import { anthropicJson, AnthropicStreamEditor } from './retrieval-anthropic.js';
import { chatJson, ChatStreamEditor } from './retrieval-chat.js';
import { type GrowingBody, type RetrievalCall, type RetrievalFormat, type RetrievalResult, appendTurns, growingBody, runRetrievals } from './retrieval-tool.js';
import { type Frame, SseFramer } from './sse-frames.js';
import { type Usage, UsageTap } from './usage.js';

// The answer side of proxy-side retrieval. An answer is relayed as it arrives
// until the model calls headroom_retrieve; from there the provider editor
// holds events back. When the answer ends with only our calls, the proxy runs
// them against the store, sends the request again upstream with the assistant
// turn and the results appended, and streams that continuation to the client
// as the rest of the same answer (up to MAX_ROUNDS times). Anything else (other
// tool calls too, a store or upstream failure, an unreadable event) sends what
// was held back unchanged: the client then sees our tool call, as a tool it
// never declared, and answers it with an error result like any unknown tool.

/** Retrieval rounds per client answer: a model that keeps asking gets its call passed on. */
export const MAX_ROUNDS = 3;
/** A JSON answer larger than this is relayed without being read. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** Per-provider editing of one streamed client answer, across its rounds. */
export interface StreamEditor {
  /** An upstream event; returns the text the client gets now. */
  frame(f: Frame): string[];
  /** The upstream answer ended: the calls to answer, or undefined when the round goes to the client as it came. */
  calls(): readonly RetrievalCall[] | undefined;
  /** The messages a follow-up appends: the assistant turn so far, then the results. */
  turns(results: readonly RetrievalResult[]): unknown[];
  /** Everything held back, in order (the degenerate path). */
  flush(): string[];
  /** The follow-up is streaming: held-back events the client still gets, and a fresh round. */
  advance(): string[];
}

/** Per-provider reading and merging of non-streamed answers. */
export interface JsonEditor {
  calls(answer: unknown): readonly RetrievalCall[] | undefined;
  turns(answer: unknown, results: readonly RetrievalResult[]): unknown[];
  /** One answer made of the one so far (our calls dropped) and the continuation. */
  merge(sofar: unknown, next: unknown): unknown;
}

export interface RetrievalRelay {
  readonly format: RetrievalFormat;
  /** The request body exactly as it went upstream. */
  readonly sentBody: Buffer;
  readonly store: Store | undefined;
  /** Sends a body upstream with the first request's method, target and headers. */
  readonly followUp: (body: Buffer) => Promise<IncomingMessage>;
  readonly onUsage: (usage: Usage | undefined) => void;
  readonly log: (line: string) => void;
}

const isSse = (up: IncomingMessage) => (up.headers['content-type'] ?? '').toLowerCase().includes('text/event-stream');
const isJson = (up: IncomingMessage) => (up.headers['content-type'] ?? '').toLowerCase().includes('json');
/** Only plain 200 answers are edited: errors and encoded bodies go through untouched. */
const editable = (up: IncomingMessage) => up.statusCode === 200 && ['', 'identity'].includes((up.headers['content-encoding'] ?? '').trim().toLowerCase());

/** Relays an answer to a request that declared headroom_retrieve; `plain` relays it as any other answer. */
export function relayWithRetrieval(r: RetrievalRelay, up: IncomingMessage, res: ServerResponse, plain: () => void): void {
  if (!editable(up)) return plain();
  if (isSse(up)) {
    const editor = r.format === 'anthropic' ? new AnthropicStreamEditor() : new ChatStreamEditor();
    res.writeHead(200, up.statusMessage, endToEnd(up.rawHeaders));
    res.flushHeaders();
    void streamRounds(r, up, res, editor);
  } else if (isJson(up)) {
    void jsonRounds(r, up, res, r.format === 'anthropic' ? anthropicJson : chatJson);
  } else plain();
}

/** Writes with backpressure on the answer being read. */
function writer(res: ServerResponse) {
  let source: IncomingMessage | undefined;
  let waiting = false;
  return {
    from(up: IncomingMessage) {
      source = up;
    },
    write(parts: readonly string[]) {
      if (parts.length === 0 || res.destroyed || res.writableEnded) return;
      if (!res.write(parts.join('')) && !waiting && source) {
        const paused = source;
        waiting = true;
        paused.pause();
        res.once('drain', () => {
          waiting = false;
          paused.resume();
        });
      }
    },
  };
}

/** Feeds one upstream answer through the editor; true when it ended normally. */
function pump(up: IncomingMessage, editor: StreamEditor, out: ReturnType<typeof writer>, r: RetrievalRelay): Promise<boolean> {
  const tap = new UsageTap(up.headers['content-type'], up.headers['content-encoding'], r.onUsage);
  const framer = new SseFramer();
  out.from(up);
  return new Promise((resolve) => {
    up.on('data', (chunk: Buffer) => {
      tap.write(chunk);
      for (const f of framer.push(chunk)) out.write(editor.frame(f));
    });
    up.on('end', () => {
      tap.end();
      for (const f of framer.end()) out.write(editor.frame(f));
      resolve(true);
    });
    up.on('error', () => {}); // surfaces as an incomplete close
    up.on('close', () => {
      if (up.complete) return;
      tap.end();
      resolve(false);
    });
  });
}

/** Runs the calls and sends the follow-up; undefined when anything fails (the caller then flushes). */
async function followUp(r: RetrievalRelay, body: GrowingBody | undefined, calls: readonly RetrievalCall[], turns: (res: readonly RetrievalResult[]) => unknown[]) {
  try {
    const results = await runRetrievals(r.store, calls);
    const next = appendTurns(body ?? growingBody(r.sentBody.toString('utf8')), turns(results));
    const up = await r.followUp(Buffer.from(next.text, 'utf8'));
    if (editable(up)) return { body: next, up };
    r.log(`retrieval follow-up answered ${up.statusCode}: passing the tool call on`);
    up.resume(); // read and drop the error body, so the socket can be reused
  } catch (err) {
    r.log(`retrieval failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return undefined;
}

async function streamRounds(r: RetrievalRelay, first: IncomingMessage, res: ServerResponse, editor: StreamEditor): Promise<void> {
  const out = writer(res);
  let body: GrowingBody | undefined;
  let up = first;
  for (let round = 0; ; round++) {
    if (!(await pump(up, editor, out, r))) {
      // The provider hung up mid-answer: what was held back, then a broken end, as a plain relay would.
      out.write(editor.flush());
      res.destroy();
      return;
    }
    const calls = round < MAX_ROUNDS ? editor.calls() : undefined;
    const next = calls && !res.destroyed ? await followUp(r, body, calls, (results) => editor.turns(results)) : undefined;
    if (!next || !isSse(next.up)) {
      next?.up.resume();
      out.write(editor.flush());
      if (!res.destroyed) res.end();
      return;
    }
    out.write(editor.advance());
    body = next.body;
    up = next.up;
  }
}

/** The whole body of a JSON answer, or undefined when it broke off or is too big to edit. */
function collect(up: IncomingMessage, r: RetrievalRelay): Promise<{ body: Buffer; whole: boolean }> {
  const tap = new UsageTap(up.headers['content-type'], up.headers['content-encoding'], r.onUsage);
  const parts: Buffer[] = [];
  let size = 0;
  return new Promise((resolve) => {
    const done = (whole: boolean) => {
      up.removeAllListeners('data');
      resolve({ body: Buffer.concat(parts), whole });
    };
    up.on('data', (c: Buffer) => {
      tap.write(c);
      parts.push(c);
      size += c.length;
      if (size > MAX_JSON_BYTES) {
        up.pause();
        done(false);
      }
    });
    up.on('end', () => {
      tap.end();
      done(true);
    });
    up.on('error', () => {});
    up.on('close', () => {
      if (up.complete) return;
      tap.end();
      done(false);
    });
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

async function jsonRounds(r: RetrievalRelay, first: IncomingMessage, res: ServerResponse, editor: JsonEditor): Promise<void> {
  const got = await collect(first, r);
  if (!got.whole) {
    // Too big or broken: send on what came, then the rest (or the break) as a plain relay would.
    res.writeHead(200, first.statusMessage, endToEnd(first.rawHeaders));
    res.write(got.body);
    if (first.complete) res.end();
    else if (first.destroyed) res.destroy();
    else first.pipe(res);
    return;
  }
  // `last` is the newest upstream answer (its turn is what a follow-up appends), `sofar` what the client will get.
  let last = parseJson(got.body);
  let sofar = last;
  let merged = false;
  let body: GrowingBody | undefined;
  for (let round = 0; round < MAX_ROUNDS && last !== undefined && !res.destroyed; round++) {
    const answer = last;
    const calls = editor.calls(answer);
    if (!calls) break;
    const next = await followUp(r, body, calls, (results) => editor.turns(answer, results));
    if (!next) break;
    const more = isJson(next.up) ? await collect(next.up, r) : undefined;
    const value = more?.whole ? parseJson(more.body) : undefined;
    if (value === undefined) {
      next.up.resume();
      break;
    }
    sofar = editor.merge(sofar, value);
    last = value;
    merged = true;
    body = next.body;
  }
  if (res.destroyed) return;
  if (!merged) {
    res.writeHead(200, first.statusMessage, endToEnd(first.rawHeaders));
    res.end(got.body);
    return;
  }
  const text = Buffer.from(JSON.stringify(sofar), 'utf8');
  res.writeHead(200, first.statusMessage, [...endToEnd(first.rawHeaders, ['content-length']), 'content-length', String(text.length)]);
  res.end(text);
}
