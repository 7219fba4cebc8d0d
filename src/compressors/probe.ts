import type { Probe } from './types.js';
import { countLines } from './lines.js';

// Routing must cost well under a millisecond on 10 KB, so scorers see only a
// bounded sample of the input.
export const PROBE_BYTES = 8 * 1024;
export const PROBE_LINES = 64;
export const PROBE_LINE_CHARS = 400;
/** From a long input, this much of its end too: a log may open with a config dump. */
export const PROBE_TAIL_BYTES = 4 * 1024;

function firstNonSpace(text: string): string {
  const m = /\S/.exec(text.length > PROBE_BYTES ? text.slice(0, PROBE_BYTES) : text);
  return m ? m[0] : '';
}

function lastNonSpace(text: string): string {
  for (let i = text.length - 1, n = 0; i >= 0 && n < PROBE_BYTES; i--, n++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') return c;
  }
  return '';
}


/** Computes the shared, bounded facts every scorer reads. */
export function makeProbe(text: string): Probe {
  const head = text.length > PROBE_BYTES ? text.slice(0, PROBE_BYTES) : text;
  const raw = head.split('\n', PROBE_LINES + 1);
  // The last line of a clipped head is partial; drop it unless it is all we have.
  if (head.length < text.length && raw.length > 1) raw.pop();
  const lines = raw.slice(0, PROBE_LINES).map((l) => (l.length > PROBE_LINE_CHARS ? l.slice(0, PROBE_LINE_CHARS) : l));
  let tail: string[] = [];
  if (text.length > PROBE_BYTES + PROBE_TAIL_BYTES) {
    tail = text.slice(text.length - PROBE_TAIL_BYTES).split('\n');
    tail.shift(); // the first line of the slice is partial
    tail = tail.slice(-PROBE_LINES / 2).map((l) => (l.length > PROBE_LINE_CHARS ? l.slice(0, PROBE_LINE_CHARS) : l));
  }
  return {
    text,
    head,
    lines,
    tail,
    lineCount: countLines(text),
    firstChar: firstNonSpace(text),
    lastChar: lastNonSpace(text),
  };
}
