import type { ToolCall } from '../providers/types.js';
import { type CallShape, callShape } from './call-shape.js';

// Signs that a compressed output hurt (issue 14, lever 5), read from the
// conversation a request carries: the model's newest calls, against the
// outputs it had already seen compressed. Pure: the caller records them.
//   - retrieve: a call fetched back an original a marker of that output named;
//   - rerun / reread: within the next WINDOW calls, with no edit between, the
//     same command was run again (the same line, or the same line made longer:
//     `npm test` then `npm test 2>&1 | grep FAIL`), or the same file read again.
// A call made before the output came back (a parallel call) is no sign.

export type SignalReason = 'retrieve' | 'rerun' | 'reread';

/** How one call's output went up, as far as the back-off cares. */
export interface SentOutput {
  /** The turn its output sits in. */
  readonly turn: number;
  /** It went up compressed, with at least one headroom marker. */
  readonly compressed: boolean;
  /** Store ids its markers named. */
  readonly ids: readonly string[];
}

export interface Signal {
  /** The new call that gave the sign: one signal per call, so a request seen twice counts once. */
  readonly callId: string;
  /** The pattern of the compressed call it points back at. */
  readonly pattern: string;
  readonly reason: SignalReason;
}

/** "Right after": this many calls back, at most. */
export const WINDOW = 3;

export function findSignals(calls: readonly ToolCall[], sent: ReadonlyMap<string, SentOutput>, isNew: (callId: string) => boolean): Signal[] {
  const shapes: Array<CallShape | undefined> = [];
  const shape = (i: number): CallShape => (shapes[i] ??= callShape(calls[i]!.tool, calls[i]!.input));
  const signals: Signal[] = [];
  calls.forEach((call, k) => {
    if (!isNew(call.callId)) return;
    const s = shape(k);
    const seenBefore = (j: number): SentOutput | undefined => {
      const out = sent.get(calls[j]!.callId);
      return out && out.compressed && out.turn < call.turn ? out : undefined;
    };
    if (s.kind === 'retrieve') {
      for (let j = k - 1; j >= 0; j--) {
        // No turn order needed: nobody asks for an id before a marker showed it.
        const out = sent.get(calls[j]!.callId);
        if (!out?.compressed) continue;
        if (s.ids?.some((id) => out.ids.includes(id))) {
          signals.push({ callId: call.callId, pattern: shape(j).pattern, reason: 'retrieve' });
          return;
        }
      }
      return;
    }
    if (s.kind === 'edit') return;
    for (let j = k - 1, seen = 0; j >= 0 && seen < WINDOW; j--) {
      const earlier = shape(j);
      if (earlier.kind === 'edit') return;
      // Retrievals and parallel calls are not "calls after" for the window.
      if (earlier.kind === 'retrieve' || calls[j]!.turn === call.turn) continue;
      seen++;
      if (calls[j]!.tool !== call.tool || earlier.kind !== s.kind || !seenBefore(j)) continue;
      const same = s.subject === earlier.subject || (s.kind === 'shell' && earlier.subject !== '' && s.subject.startsWith(earlier.subject));
      if (same) {
        signals.push({ callId: call.callId, pattern: earlier.pattern, reason: s.kind === 'read' ? 'reread' : 'rerun' });
        return;
      }
    }
  });
  return signals;
}
