import { DEFAULTS } from '../compressors/index.js';
import { estimateTokens } from '../compressors/tokens.js';
import type { CallShape } from './backoff/index.js';
import { compressOutput } from './compress-output.js';
import { type Decision, Decisions, leave } from './decisions.js';
import { ruleFor } from './policy.js';
import type { ToolOutput } from './providers/types.js';
import { copyKey, referenceTo } from './repeats.js';
import type { ProxySession } from './session.js';

// Each tool output's fate in a request: the decision made before, replayed;
// else, for a new output of the live zone, compressed by a worker within the
// request's time; a new copy of an earlier call's output made a reference to
// it; one too large to compress left, counted by a worker. A decision once
// made stands for good (decisions.ts).

/**
 * Outputs whose literal is bigger than this are not compressed (one would hold
 * a worker for seconds) and are not even decoded here: a worker hashes and
 * counts them, so a 50 MB output does not hold the event loop.
 */
export const MAX_COMPRESS_BYTES = 4 * 1024 * 1024;

/**
 * Literals shorter than this are counted here (it costs microseconds) and,
 * when under the engine's minimum, left without a trip to a worker: a tiny
 * output queued before a large one would spend that one's budget for nothing.
 */
const COUNT_HERE_BYTES = 8 * 1024;

/**
 * An output's decision: the one made before if any, else compress it when it
 * is new (in the live zone) and may be, else leave it. An output first seen
 * outside the live zone went up before as it is, as far as anyone recorded.
 * Tokens are counted here only when the rule needs them or no worker will:
 * a worker counts its own, off the event loop.
 */
export function decide(o: ToolOutput, live: boolean, key: string, session: ProxySession, deadline: number, call?: CallShape, mark?: () => void): Promise<Decision> {
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
export function decideCopy(
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
export async function decideLarge(o: ToolOutput, raw: Buffer, scope: string, session: ProxySession): Promise<Decision> {
  // A copy, whose buffer goes to the worker: the body itself is still to be sent.
  const literal = new Uint8Array(raw.subarray(o.start, o.end));
  const seen = (await session.runner.inspect({ scope, tool: o.tool, literal })) ?? {
    key: Decisions.key(scope, o.tool, raw.subarray(o.start, o.end)),
    tokens: estimateTokens(o.text),
  };
  return session.decisions.decide(seen.key, async () => leave(seen.tokens));
}
