import { createHash } from 'node:crypto';
import { countLines } from '../compressors/lines.js';
import { formatMarker } from '../compressors/marker.js';
import { estimateTokens } from '../compressors/tokens.js';
import type { Decision } from './decisions.js';
import { toJsonString } from './json-literal.js';
import type { ToolOutput } from './providers/types.js';

// Repeats in the live zone (issue 14, lever 2): an output byte for byte the
// same as one another call returned earlier in the same request (a file read
// again unchanged, a status command run twice) is already in front of the
// model. The new copy becomes a short reference to the earlier call: nothing
// is lost, as the earlier output is still there, above it. Only new outputs
// are replaced, and the decision is recorded like any other, per call, so it
// replays byte for byte in every later request.

/** A reference must cost at most this share of the copy it replaces, or the copy stays. */
const WORTH = 0.5;

/**
 * For each output, the index of the first earlier output of another call with
 * the same content key (scope, tool and bytes), or -1. Outputs without a call
 * id, or without a key (too large to key here), are never matched.
 */
export function earlierCopies(outputs: readonly ToolOutput[], keys: ReadonlyArray<string | undefined>): Int32Array {
  const copyOf = new Int32Array(outputs.length).fill(-1);
  const first = new Map<string, number>();
  outputs.forEach((o, i) => {
    const key = keys[i];
    if (key === undefined || o.callId === undefined) return;
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else if (outputs[j]!.callId !== o.callId) copyOf[i] = j;
  });
  return copyOf;
}

/** The decision key of one copy: its content key and its own call, so each copy is decided once. */
export function copyKey(contentKey: string, callId: string): string {
  return createHash('sha256').update('copy\0').update(contentKey).update('\0').update(callId).digest('base64url');
}

/** The reference that replaces `copy`, when it is worth it; undefined to decide the copy as any output. */
export function referenceTo(copy: ToolOutput, earlier: Pick<ToolOutput, 'callId' | 'tool'>): Decision | undefined {
  const tokensBefore = estimateTokens(copy.text);
  // The call id first: a long tool name is what a marker clipped to its length loses.
  const what = `identical to the result of call ${earlier.callId} above (${earlier.tool ?? 'a tool'})`;
  const text = formatMarker({ count: countLines(copy.text), unit: 'lines', what });
  const tokensAfter = estimateTokens(text);
  if (tokensAfter > tokensBefore * WORTH) return undefined;
  return { kind: 'compressed', literal: toJsonString(text), tokensBefore, tokensAfter };
}
