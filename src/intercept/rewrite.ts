import { DEFAULTS } from '../compressors/index.js';
import { Admission, ChangedScopes, type Ticket } from './admission/index.js';
import { estimateTokens } from '../compressors/tokens.js';
import type { Store } from '../memory/types.js';
import { compressOutput } from './compress-output.js';
import { DEFAULT_MEMO_BYTES, type Decision, Decisions, leave } from './decisions.js';
import { DriftCheck } from './drift.js';
import { WriteBehind } from '../memory/write-behind.js';
import { type ByteEdit, bodyText, shiftSpans, spliceBytes, utf8Output } from './body-bytes.js';
import { DEFAULT_POLICY, type ToolPolicy, ruleFor } from './policy.js';
import { type CompressRunner, createCompressRunner } from './pool/index.js';
import { adapterFor } from './providers/index.js';
import type { ParsedRequest, ToolOutput } from './providers/types.js';
import { Epochs, MAX_TTL_MS, type ThreadRef, declaredTtlMs, decideRole, repackStep } from './repack/index.js';
import { copyKey, earlierCopies, referenceTo } from './repeats.js';
import { BackoffLedger, type CallShape, type LiveRetrievals, liveRetrievals, recordSignals, shapesOf } from './backoff/index.js';
import { type RetrievalFormat, declareRetrievalTool } from './retrieval-tool.js';

// The request side of the proxy, on one screen:
//   adapter (find tool outputs) -> decisions (each output's first decision,
//   from memory or the store, replayed) -> new outputs of the live zone
//   compressed in the worker pool within the time budget (a new copy of an
//   earlier call's output becomes a reference to it), the rest left ->
//   splice the new literals into the raw body -> drift check.
// Once a thread's cache has lapsed, its next request opens a repack epoch
// (repack/): older outputs get the roles its plan gives them (compressed,
// reads included; superseded -> pointer; copy -> reference), and every later
// request of the epoch replays them.
// Under load (admission/), a body whose predicted wait on the event loop
// already exceeds its budget is shed: sent up unread when its scope never had
// a body changed (it goes up exactly as it would have, its new outputs left
// whole), else rewritten with its budget spent (earlier decisions replayed,
// nothing new compressed). An output shed is never decided, so the next
// request, where it is no longer live, decides it left whole: for good.
// It never throws: any problem sends the original bytes upstream.

export interface ProxySessionOptions {
  /** Keeps originals so markers can promise them back; without it nothing is compressed lossily. */
  readonly store?: Store;
  /**
   * Time a request's new outputs may wait for a worker, in ms; one not taken
   * up by then is left alone for good (one taken up is compressed to its end).
   */
  readonly budgetMs?: number;
  readonly policy?: ToolPolicy;
  /** Measure only: find and count outputs, change nothing. */
  readonly measureOnly?: boolean;
  /** Declare a headroom_retrieve tool in Anthropic / Chat requests that have tools, and answer its calls in the proxy. */
  readonly retrievalTool?: boolean;
  /** Where compression runs; default: the worker pool (inline when running from the TypeScript sources). */
  readonly runner?: CompressRunner;
  /** Bytes of decisions kept in memory in front of the store. */
  readonly memoBytes?: number;
  /** The clock lapses are measured on (ms); a replay gives its transcript's times. Default: Date.now. */
  readonly clock?: () => number;
  /** Time a repack's older outputs may wait for a worker, in ms: the request writes the whole cache anyway. */
  readonly repackBudgetMs?: number;
  /**
   * The project (its git root) and the signals after which a command pattern
   * is left whole there (backoff/): without it, or with 0, nothing backs off.
   */
  readonly backoff?: { readonly project: string; readonly after: number; readonly keep?: readonly string[]; readonly store?: Store };
}

/** State shared by every request through one proxy. */
export interface ProxySession {
  readonly options: Required<Pick<ProxySessionOptions, 'budgetMs' | 'policy'>> & ProxySessionOptions;
  readonly decisions: Decisions;
  readonly drift: DriftCheck;
  /** Each thread's repack epochs and when it was last seen. */
  readonly epochs: Epochs;
  readonly clock: () => number;
  readonly runner: CompressRunner;
  /** The project's back-offs, when the session has a project and a store. */
  readonly backoff?: BackoffLedger;
  /** Bodies being rewritten on the event loop, and whether one more may be. */
  readonly admission: Admission;
  /** Scopes in which a body ever went up changed: the others may be shed unread. */
  readonly changedScopes: ChangedScopes;
  /** Ends the compression workers (a later request starts them again) and writes what waits. The store is the caller's to close. */
  close(): Promise<void>;
}

export function createProxySession(options: ProxySessionOptions = {}): ProxySession {
  const runner = options.runner ?? createCompressRunner();
  const drift = new DriftCheck(options.store);
  const { store, backoff, measureOnly } = options;
  const settled = { budgetMs: 50, policy: DEFAULT_POLICY, ...options };
  const admission = new Admission(settled.budgetMs, () => runner.backlogMs());
  // Records that may be written late, in one write after a burst (a session seen, a request sent unread).
  const behind = store && new WriteBehind(store);
  return {
    options: settled,
    admission,
    changedScopes: new ChangedScopes(store, behind),
    // Back-offs live in `store` unless they are given one of their own (a replay shares one across sessions).
    ...(store &&
      backoff &&
      (backoff.after > 0 || backoff.keep?.length) &&
      !measureOnly && { backoff: new BackoffLedger(backoff.store ?? store, backoff.project, backoff.after, backoff.keep) }),
    decisions: new Decisions(options.store, options.memoBytes ?? DEFAULT_MEMO_BYTES),
    drift,
    epochs: new Epochs(store, undefined, behind),
    clock: options.clock ?? Date.now,
    runner,
    close: async () => {
      // The flush first: its writes start at once, before a caller closes the store.
      const flushed = Promise.all([drift.flush(), behind?.flush()]);
      admission.close();
      await runner.close();
      await flushed;
    },
  };
}

export interface RewriteOutcome {
  readonly body: Buffer;
  readonly changed: boolean;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** Tool outputs found in the request, and how many of them went up compressed. */
  readonly outputs: number;
  readonly compressed: number;
  /** Why the original bytes went upstream, when something was wrong. */
  readonly failOpen?: string;
  /** Set when the body declares headroom_retrieve: answers may call it and are then completed by the proxy. */
  readonly retrievalTool?: RetrievalFormat;
  /** This request repacked its thread after the cache lapsed: earlier bytes changed, on purpose (not a bust). */
  readonly repacked?: boolean;
  /** Its conversation thread: the answer's usage goes back to it (Epochs.answered). */
  readonly thread?: ThreadRef;
  /** The model the request names, for pricing. */
  readonly model?: string;
  /** Retrievals of originals answered in the newest exchange: what compression cost back. */
  readonly retrievals?: LiveRetrievals;
  /** Shed under load (admission/): sent up unread, or with its budget spent. */
  readonly shed?: 'unread' | 'late';
}

/**
 * Outputs whose literal is bigger than this are not compressed (one would hold
 * a worker for seconds) and are not even decoded here: a worker hashes and
 * counts them, so a 50 MB output does not hold the event loop.
 */
const MAX_COMPRESS_BYTES = 4 * 1024 * 1024;

/**
 * Literals shorter than this are counted here (it costs microseconds) and,
 * when under the engine's minimum, left without a trip to a worker: a tiny
 * output queued before a large one would spend that one's budget for nothing.
 */
const COUNT_HERE_BYTES = 8 * 1024;

/** A repack's default budget: older outputs compressed in this time, the rest left for this epoch. */
const REPACK_BUDGET_MS = 1000;

function untouched(raw: Buffer, failOpen?: string, outputs = 0, tokens = 0): RewriteOutcome {
  return { body: raw, changed: false, tokensBefore: tokens, tokensAfter: tokens, outputs, compressed: 0, ...(failOpen ? { failOpen } : {}) };
}

/** Scope of decisions: one agent session when the request names it, else the whole proxy. */
function scopeOf(provider: string, sessionHint: string | undefined): string {
  return `${provider}:${sessionHint ?? ''}`;
}

/**
 * An output's decision: the one made before if any, else compress it when it
 * is new (in the live zone) and may be, else leave it. An output first seen
 * outside the live zone went up before as it is, as far as anyone recorded.
 * Tokens are counted here only when the rule needs them or no worker will:
 * a worker counts its own, off the event loop.
 */
function decide(o: ToolOutput, live: boolean, key: string, session: ProxySession, deadline: number, call?: CallShape, mark?: () => void): Promise<Decision> {
  return session.decisions.decide(key, async () => {
    mark?.();
    const { store, policy, measureOnly } = session.options;
    const rule = ruleFor(policy, o.tool);
    if (!live || measureOnly || !store || rule === 'skip') return leave(estimateTokens(o.text));
    // An original fetched back (`headroom retrieve` in a shell) is what the model asked for whole;
    // a pattern backed off in this project is left whole too. Recorded so, like any decision.
    if (call && (call.kind === 'retrieve' || (await session.backoff?.isBackedOff(call.pattern)))) return leave(estimateTokens(o.text));
    const tokens = rule === 'compress' && o.end - o.start >= COUNT_HERE_BYTES ? undefined : estimateTokens(o.text);
    if (tokens !== undefined && tokens < DEFAULTS.minTokens) return leave(tokens);
    if (tokens !== undefined && typeof rule === 'object' && tokens < rule.minTokens) return leave(tokens);
    return compressOutput(session.runner, store, o.text, o.tool ?? 'unknown', tokens, deadline);
  });
}

/**
 * An output another call returned earlier in this request, byte for byte: a
 * new one becomes a reference to that call (repeats.ts); one seen before
 * replays what it was given then.
 */
function decideCopy(
  o: ToolOutput,
  earlier: ToolOutput,
  live: boolean,
  key: string,
  session: ProxySession,
  deadline: number,
  call?: CallShape,
  mark?: () => void,
): Promise<Decision> {
  return session.decisions.decide(copyKey(key, o.callId!), async () => {
    mark?.();
    const { store, policy, measureOnly } = session.options;
    // A retrieval's answer goes up whole, decided per call: the earlier copy (same bytes, same
    // decision key) may have gone up compressed, and the original is what was asked for.
    if (call?.kind === 'retrieve') return leave(estimateTokens(o.text));
    const reference = live && !measureOnly && store && ruleFor(policy, o.tool) !== 'skip' ? referenceTo(o, earlier) : undefined;
    // Not a new copy, or not worth a reference: the copy is decided as any output with its content.
    return reference ?? decide(o, live, key, session, deadline, call, mark);
  });
}

/** An output too large to compress: its key and count come from a worker, and it is left as it is. */
async function decideLarge(o: ToolOutput, raw: Buffer, scope: string, session: ProxySession): Promise<Decision> {
  // A copy, whose buffer goes to the worker: the body itself is still to be sent.
  const literal = new Uint8Array(raw.subarray(o.start, o.end));
  const seen = (await session.runner.inspect({ scope, tool: o.tool, literal })) ?? {
    key: Decisions.key(scope, o.tool, raw.subarray(o.start, o.end)),
    tokens: estimateTokens(o.text),
  };
  return session.decisions.decide(seen.key, async () => leave(seen.tokens));
}

/** Whether turn i holds one of the edits (spans and edits are in the received body's offsets). */
function editedTurns(spans: ParsedRequest['turnSpans'], edits: ReadonlyArray<{ start: number }>): (turn: number) => boolean {
  const turns = new Set<number>();
  if (spans) for (const e of edits) turns.add(spans.findIndex((t) => t.start <= e.start && e.start < t.end));
  return (turn) => turns.has(turn);
}

/**
 * Rewrites one request body; the original bytes when nothing applies or
 * anything fails. `arrived` (performance.now()) is when the body was whole:
 * its time budget starts then, waiting included. `ticket`: its admission,
 * taken when the request came in (shedsUnread); it is ended here.
 */
export async function rewriteRequest(
  raw: Buffer,
  method: string,
  pathname: string,
  session: ProxySession,
  sessionHint?: string,
  arrived = performance.now(),
  ticket?: Ticket,
): Promise<RewriteOutcome> {
  const outcome = await admitRequest(raw, method, pathname, session, sessionHint, arrived, ticket);
  if (!session.options.retrievalTool) return outcome;
  // Declared after compression, on every request (not only those with outputs), so it is in the prefix from the start.
  const declared = declareRetrievalTool(outcome.body, adapterFor(method, pathname)?.name);
  return declared ? { ...outcome, body: declared.body, changed: true, retrievalTool: declared.format } : outcome;
}

/**
 * Whether a request whose admission (taken as it came in, its declared
 * length counted) says shed may go up unread, streamed as it arrives, its
 * body never read: when it would be sent up as it came anyway (its scope
 * never had a body changed, no retrieval tool to declare). Recorded as seen
 * for its scope's threads.
 */
export async function shedsUnread(session: ProxySession, ticket: Ticket, method: string, pathname: string, sessionHint: string | undefined): Promise<boolean> {
  const adapter = adapterFor(method, pathname);
  if (!adapter || session.options.retrievalTool || !ticket.shed) return false;
  const scope = scopeOf(adapter.name, sessionHint);
  if (await session.changedScopes.changed(scope)) return false;
  // The body's declared TTL is not known yet: the longest there is, so no thread of the scope looks lapsed too soon.
  session.epochs.unseen.record(scope, session.clock(), MAX_TTL_MS);
  return true;
}

/** Event-loop time a rewrite spent, summed over its synchronous stretches (what makes others wait). */
interface MainTime {
  ms: number;
}

/** A body with tool outputs is rewritten, or shed when the event loop is too far behind for it (admission/). */
async function admitRequest(
  raw: Buffer,
  method: string,
  pathname: string,
  session: ProxySession,
  sessionHint: string | undefined,
  arrived: number,
  given: Ticket | undefined,
): Promise<RewriteOutcome> {
  const adapter = adapterFor(method, pathname);
  // Most first requests of a conversation carry no tool output: skip the parse.
  if (!adapter || !adapter.outputHints.some((h) => raw.includes(h))) {
    given?.done();
    if (adapter) session.changedScopes.seen(scopeOf(adapter.name, sessionHint));
    return untouched(raw);
  }
  const ticket = given ?? session.admission.enter(raw.length);
  const main: MainTime = { ms: 0 };
  let measured = true;
  try {
    const scope = scopeOf(adapter.name, sessionHint);
    if (ticket.shed && !(await session.changedScopes.changed(scope))) {
      measured = false;
      // Its thread is not known: the lapse rule takes it as any thread's of the scope.
      session.epochs.unseen.record(scope, session.clock(), declaredTtlMs(raw));
      return { ...untouched(raw), shed: 'unread' };
    }
    // Waiting spends the budget, from the body's arrival: what no worker has taken up by then goes up whole.
    const deadline = ticket.shed ? arrived : arrived + session.options.budgetMs;
    const outcome = await compressRequest(adapter, raw, pathname, session, scope, deadline, ticket.shed, main);
    return ticket.shed ? { ...outcome, shed: 'late' } : outcome;
  } finally {
    ticket.done(measured ? main.ms : undefined);
  }
}

async function compressRequest(
  adapter: NonNullable<ReturnType<typeof adapterFor>>,
  raw: Buffer,
  pathname: string,
  session: ProxySession,
  scope: string,
  deadline: number,
  late: boolean,
  main: MainTime,
): Promise<RewriteOutcome> {
  let parsed: ParsedRequest;
  let outputs: ToolOutput[];
  let t = performance.now();
  try {
    parsed = adapter.parse(bodyText(raw), pathname);
    outputs = parsed.outputs.map((o) => utf8Output(raw, o));
  } catch {
    return untouched(raw, 'unparsed');
  }
  try {
    const keys = outputs.map((o) => (o.end - o.start > MAX_COMPRESS_BYTES ? undefined : Decisions.key(scope, o.tool, raw.subarray(o.start, o.end))));
    main.ms += performance.now() - t;
    const step = await repackStep(session, { raw, scope, parsed, outputs, keys });
    t = performance.now();
    const plan = step.plan;
    // A pointer of the plan is not what a new copy may refer to: it no longer holds the bytes.
    const copyOf = earlierCopies(outputs, plan ? keys.map((k, i) => (step.role(i)?.role.kind === 'pointer' ? undefined : k)) : keys);
    // A shed request's repack roles are late too: what is not compressed now is left for this epoch.
    const repackBy = late ? deadline : performance.now() + (session.options.repackBudgetMs ?? REPACK_BUDGET_MS);
    const roles = plan && { session, plan, thread: step.thread!.key, now: step.now, deadline: repackBy };
    const shapeOf = shapesOf(parsed);
    // Outputs decided for the first time in this request: new to the conversation.
    const fresh = new Set<number>();
    const pending = outputs.map((o, i) => {
        const key = keys[i];
        if (key === undefined) return decideLarge(o, raw, scope, session);
        const role = roles && step.role(i);
        if (role) return decideRole(role.role, o, role.name, key, roles);
        const live = o.turn >= parsed.liveFrom;
        const j = copyOf[i]!;
        const call = live ? shapeOf(o) : undefined;
        const mark = () => fresh.add(i);
        return j < 0 ? decide(o, live, key, session, deadline, call, mark) : decideCopy(o, outputs[j]!, live, key, session, deadline, call, mark);
      });
    main.ms += performance.now() - t;
    const decided = await Promise.all(pending);
    if (session.backoff) await recordSignals(session.backoff, scope, parsed, outputs, decided);
    t = performance.now();
    const edits: ByteEdit[] = [];
    let before = 0;
    let after = 0;
    decided.forEach((d, i) => {
      before += d.tokensBefore;
      if (d.kind === 'compressed') {
        const o = outputs[i]!;
        edits.push({ start: o.start, end: o.end, bytes: Buffer.from(d.literal, 'utf8') });
        after += d.tokensAfter;
      } else after += d.tokensBefore;
    });
    const out = spliceBytes(raw, edits);
    // Before the body goes up: a later request of the scope must not be shed unread (it holds this one's edits).
    if (edits.length > 0) session.changedScopes.mark(scope);
    else session.changedScopes.seen(scope);
    // A measure only: it must not change what goes up.
    const spans = parsed.turnSpans;
    const observed = spans
      ? session.drift
          .observe(scope, { bytes: raw, spans }, { bytes: out, spans: edits.length ? shiftSpans(spans, edits) : spans }, editedTurns(spans, edits), step.repacked)
          .catch(() => undefined)
      : undefined;
    main.ms += performance.now() - t;
    await observed;
    const retrievals = liveRetrievals(parsed, outputs.filter((_, i) => fresh.has(i)));
    return {
      body: out,
      changed: edits.length > 0,
      tokensBefore: before,
      tokensAfter: after,
      outputs: parsed.outputs.length,
      compressed: edits.length,
      repacked: step.repacked,
      ...(step.thread && { thread: step.thread }),
      ...(parsed.model !== undefined && { model: parsed.model }),
      ...(retrievals && { retrievals }),
    };
  } catch {
    return untouched(raw, 'rewrite-failed', parsed.outputs.length);
  }
}
