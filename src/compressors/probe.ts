import { clip } from './lines.js';
import type { Probe } from './types.js';

// Routing must cost well under a millisecond on 10 KB, so scorers see only a
// bounded sample of the input.
export const PROBE_BYTES = 8 * 1024;
export const PROBE_LINES = 64;
export const PROBE_LINE_CHARS = 400;
/** A line this long may hold an encoded blob (binary/dumps.ts's ANNOUNCED_BLOB_CHARS is this). */
export const LONG_LINE_CHARS = 128;
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

/** Lines of the whole input, and characters in its lines of LONG_LINE_CHARS or more: one pass. */
function lineFacts(text: string): { count: number; longChars: number } {
  let count = 1;
  let longChars = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i - start >= LONG_LINE_CHARS) longChars += i - start;
    start = i + 1;
    count++;
  }
  if (text.length - start >= LONG_LINE_CHARS) longChars += text.length - start;
  return { count: text.endsWith('\n') ? count - 1 : count, longChars };
}

/** Where the first `count` lines of `text` end: past the newline of the last (the text's length when they reach its end). */
function linesEnd(text: string, count: number): number {
  let from = 0;
  for (let i = 0; i < count; i++) {
    const nl = text.indexOf('\n', from);
    if (nl < 0) return text.length;
    from = nl + 1;
  }
  return from;
}

/**
 * The last whole lines of `text` past `from` (where the probe's lines end):
 * at most PROBE_TAIL_BYTES of its end and PROBE_LINES / 2 lines, clipped.
 */
function tailLines(text: string, from: number): string[] {
  if (from >= text.length) return [];
  const start = Math.max(from, text.length - PROBE_TAIL_BYTES);
  const lines = text.slice(start).split('\n');
  if (start > from) lines.shift(); // the first line of the slice is partial
  return lines.slice(-PROBE_LINES / 2).map((l) => clip(l, PROBE_LINE_CHARS));
}

/** Computes the shared, bounded facts every scorer reads. */
export function makeProbe(text: string): Probe {
  const head = text.length > PROBE_BYTES ? text.slice(0, PROBE_BYTES) : text;
  const raw = head.split('\n', PROBE_LINES + 1);
  // The last line of a clipped head is partial; drop it unless it is all we have.
  if (head.length < text.length && raw.length > 1) raw.pop();
  const lines = raw.slice(0, PROBE_LINES).map((l) => clip(l, PROBE_LINE_CHARS));
  const facts = lineFacts(text);
  const end = linesEnd(text, lines.length);
  // Read only by the scorers that look at an end, and only when they could still win: made once, when first asked.
  let tail: string[] | undefined;
  return {
    text,
    head,
    lines,
    get tail(): readonly string[] {
      return (tail ??= tailLines(text, end));
    },
    linesEnd: end,
    lineCount: facts.count,
    longLineChars: facts.longChars,
    firstChar: firstNonSpace(text),
    lastChar: lastNonSpace(text),
  };
}
