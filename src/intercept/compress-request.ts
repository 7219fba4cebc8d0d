import { liveRetrievals, recordSignals, shapesOf } from './backoff/index.js';
import { type ByteEdit, bodyText, shiftSpans, spliceBytes, utf8Output } from './body-bytes.js';
import { Decisions } from './decisions.js';
import { MAX_COMPRESS_BYTES, decide, decideCopy, decideLarge } from './output-decision.js';
import type { adapterFor } from './providers/index.js';
import type { ParsedRequest, ToolOutput } from './providers/types.js';
import { decideRole, repackStep } from './repack/index.js';
import { earlierCopies } from './repeats.js';
import { type RewriteOutcome, untouched } from './rewrite-outcome.js';
import type { ProxySession } from './session.js';

// One admitted body rewritten: parsed by its adapter, each output keyed by
// its bytes and decided (output-decision.ts; a repack's roles first), the new
// literals spliced into the raw bytes, the drift check told. The event-loop
// time it takes is summed in `main`, for admission's cost of a byte.

/** A repack's default budget: older outputs compressed in this time, the rest left for this epoch. */
const REPACK_BUDGET_MS = 1000;

/** Event-loop time a rewrite spent, summed over its synchronous stretches (what makes others wait). */
export interface MainTime {
  ms: number;
}

/** Whether turn i holds one of the edits (spans and edits are in the received body's offsets). */
function editedTurns(spans: ParsedRequest['turnSpans'], edits: ReadonlyArray<{ start: number }>): (turn: number) => boolean {
  const turns = new Set<number>();
  if (spans) for (const e of edits) turns.add(spans.findIndex((t) => t.start <= e.start && e.start < t.end));
  return (turn) => turns.has(turn);
}

export async function compressRequest(
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
