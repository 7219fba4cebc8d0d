import type { Ticket } from './admission/index.js';
import { type MainTime, compressRequest } from './compress-request.js';
import { adapterFor } from './providers/index.js';
import { MAX_TTL_MS, declaredTtlMs } from './repack/index.js';
import { declareRetrievalTool } from './retrieval-tool.js';
import { type RewriteOutcome, scopeOf, untouched } from './rewrite-outcome.js';
import type { ProxySession } from './session.js';

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
// Under load (admission/), a body whose predicted wait, on the event loop or
// for a compression worker, already exceeds its budget is shed: sent up unread when its scope never had
// a body changed (it goes up exactly as it would have, its new outputs left
// whole), else rewritten with its budget spent (earlier decisions replayed,
// nothing new compressed). An output shed is never decided, so the next
// request, where it is no longer live, decides it left whole: for good.
// It never throws: any problem sends the original bytes upstream.
//
// The stages live beside this file: session.ts (what requests share),
// compress-request.ts (one body rewritten), output-decision.ts (one output's
// fate), rewrite-outcome.ts (what comes of it).

export { createProxySession, type ProxySession, type ProxySessionOptions } from './session.js';
export type { RewriteOutcome } from './rewrite-outcome.js';

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
