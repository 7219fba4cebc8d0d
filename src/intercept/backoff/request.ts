import { estimateTokens } from '../../compressors/tokens.js';
import type { Decision } from '../decisions.js';
import type { ParsedRequest, ToolCall, ToolOutput } from '../providers/types.js';
import { type CallShape, callShape } from './call-shape.js';
import type { BackoffLedger } from './ledger.js';
import { type SentOutput, findSignals } from './signals.js';

// The back-off's two steps in one request, kept out of the rewrite path's
// file: before deciding, the pattern of each output's call (a backed-off
// pattern is left whole); after deciding, the signals of the newest calls,
// recorded, and what retrievals this request carried (the cost of compression
// the wrap summary reports).

const MARKER = '[headroom:';
const ID = /hr_[a-km-np-z2-9]{12}/g;

/** The shape (kind, command pattern) of an output's call, when the request names the call. */
export function shapesOf(parsed: ParsedRequest): (o: ToolOutput) => CallShape | undefined {
  let byId: Map<string, ToolCall> | undefined;
  return (o) => {
    if (o.callId === undefined || !parsed.calls?.length) return undefined;
    if (!byId) {
      byId = new Map();
      for (const c of parsed.calls) byId.set(c.callId, c);
    }
    const call = byId.get(o.callId);
    return call && callShape(call.tool, call.input);
  };
}

/** How each call's output went up in this request. */
function sentOutputs(outputs: readonly ToolOutput[], decided: readonly Decision[]): Map<string, SentOutput> {
  const sent = new Map<string, SentOutput>();
  outputs.forEach((o, i) => {
    if (o.callId === undefined) return;
    const d = decided[i]!;
    const compressed = d.kind === 'compressed' && d.literal.includes(MARKER);
    const ids = compressed ? (d.literal.match(ID) ?? []) : [];
    const was = sent.get(o.callId);
    sent.set(o.callId, was ? { turn: was.turn, compressed: was.compressed || compressed, ids: [...was.ids, ...ids] } : { turn: o.turn, compressed, ids });
  });
  return sent;
}

/** Records the signals the newest calls give; never throws (a signal lost is a back-off later, not an error). */
export async function recordSignals(
  ledger: BackoffLedger,
  scope: string,
  parsed: ParsedRequest,
  outputs: readonly ToolOutput[],
  decided: readonly Decision[],
): Promise<void> {
  if (!parsed.calls?.length) return;
  const live = new Set(outputs.filter((o) => o.turn >= parsed.liveFrom && o.callId !== undefined).map((o) => o.callId!));
  if (live.size === 0) return;
  try {
    const signals = findSignals(parsed.calls, sentOutputs(outputs, decided), (id) => live.has(id));
    if (signals.length > 0) await ledger.record(scope, signals);
  } catch {
    // the store may be away: the request goes on as decided
  }
}

/**
 * Retrievals among the outputs new in this request: their count, estimated
 * tokens, and whether they are all it brings (then the request is a turn only
 * they caused).
 */
export interface LiveRetrievals {
  readonly calls: number;
  readonly tokens: number;
  readonly only: boolean;
}

export function liveRetrievals(parsed: ParsedRequest, fresh: readonly ToolOutput[]): LiveRetrievals | undefined {
  const live = fresh.filter((o) => o.turn >= parsed.liveFrom);
  if (live.length === 0 || !parsed.calls?.length) return undefined;
  const liveIds = new Set(live.map((o) => o.callId));
  const retrievals = new Map<string, ToolCall>();
  for (const c of parsed.calls) if (liveIds.has(c.callId) && callShape(c.tool, c.input).kind === 'retrieve') retrievals.set(c.callId, c);
  let calls = 0;
  let tokens = 0;
  let others = 0;
  for (const o of live) {
    const call = o.callId === undefined ? undefined : retrievals.get(o.callId);
    if (!call) {
      others++;
      continue;
    }
    calls++;
    tokens += estimateTokens(o.text) + estimateTokens(call.input);
  }
  return calls > 0 ? { calls, tokens, only: others === 0 } : undefined;
}
