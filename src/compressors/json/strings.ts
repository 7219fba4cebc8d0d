import { clip } from '../lines.js';
import type { Elisions } from '../marker.js';

// Shortens long JSON string values in their raw (escaped) form, so whatever is
// kept is a byte-exact substring of the source. Multi-line values (tool output
// inside a transcript, a stack trace in an error body) keep their head, every
// line that reads like an error, and their last line; never half an error line.

/** Lines that read like a failure, a warning or a result summary. */
export const ERROR_LINE =
  /\b(?:errors?|errored|exceptions?|traceback|fatal|fail(?:s|ed|ures?)?|panic(?:ked)?|denied|refused|invalid|illegal|cannot|can't|could not|unable|not found|no such|does not exist|exceed(?:s|ed)?|timed out|timeout|warnings?|abort(?:ed)?|unexpected|missing|conflict|issues?|suggestions?)\b|\bexit (?:code|status) [1-9]|^\s*\*\* |\d+ (?:tests?|examples?|specs?), \d+ fail/i;

/** errno-style codes (ENOENT, EISDIR) and CamelCase error types (JSONDecodeError) are case-sensitive. */
const ERRNO = /\bE[A-Z]{3,}\b|[a-z](?:Error|Exception)\b/;

/** Cheap test for an error-looking value, on a clipped prefix. */
export function looksLikeError(s: string): boolean {
  const c = clip(s, 600);
  return ERROR_LINE.test(c) || ERRNO.test(c);
}

const HOT_LINES_MAX = 24;
/** Mark for lines kept whole (error lines, the closing summary) rather than cut to the head budget. */
const WHOLE = 2;
const LINE_MAX = 1000;
/** Fewest characters a cut may remove: a marker costs about this much. */
const MIN_CUT = 60;

/** Splits the inside of a raw JSON string on its escaped newlines (\n), linearly. */
function splitEscapedLines(inner: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = inner.indexOf('\\');
  while (i >= 0) {
    if (inner.charCodeAt(i + 1) === 110) {
      out.push(inner.slice(start, i));
      start = i + 2;
    }
    i = inner.indexOf('\\', i + 2);
  }
  out.push(inner.slice(start));
  return out;
}

/** Cuts escaped text at or before n characters without splitting an escape or a surrogate pair. */
export function safeCut(s: string, n: number): string {
  if (s.length <= n) return s;
  let k = n;
  const back = s.lastIndexOf('\\', k - 1);
  if (back >= 0 && back >= k - 6) {
    // Count the run of backslashes ending at `back`: odd means it starts an escape.
    let b = back;
    while (b > 0 && s.charCodeAt(b - 1) === 92) b--;
    const run = back - b + 1;
    if (run % 2 === 1) {
      const len = s.charCodeAt(back + 1) === 117 ? 6 : 2;
      if (back + len > k) k = back;
    }
  }
  const c = s.charCodeAt(k - 1);
  if (c >= 0xd800 && c <= 0xdbff) k--;
  return s.slice(0, k);
}

export interface ShortenOptions {
  /** Characters kept from the head of an ordinary value. */
  readonly head: number;
  /** True when the value sits in an error record: keep its error lines. */
  readonly hot: boolean;
  /** The same text was already shown earlier in the output. */
  readonly repeat?: boolean;
}

/**
 * Shortens one raw JSON string (quotes included). `seen` holds error lines
 * already printed elsewhere in the output, so repeated failures are shown once.
 */
export function shortenRaw(raw: string, opts: ShortenOptions, seen: Set<string>, el: Elisions): string {
  const inner = raw.slice(1, -1);
  if (opts.repeat) {
    const head = safeCut(inner, 60);
    return `"${head}${el.omit(inner.length - head.length, 'chars', 'same text as an earlier value')}"`;
  }
  const limit = opts.hot ? opts.head * 3 : opts.head;
  if (inner.length <= limit) return raw;
  const lines = splitEscapedLines(inner);
  if (lines.length === 1) {
    const keep = opts.hot && looksLikeError(inner) ? LINE_MAX : opts.head;
    if (inner.length <= keep + MIN_CUT) return raw;
    const head = safeCut(inner, keep);
    return `"${head}${el.cut(inner.length - head.length)}"`;
  }
  const keep = new Uint8Array(lines.length);
  let budget = opts.head;
  for (let i = 0; i < lines.length && budget > 0; i++) {
    keep[i] = 1;
    budget -= lines[i]!.length + 2;
  }
  if (opts.hot) {
    let hotKept = 0;
    for (let i = 1; i < lines.length && hotKept < HOT_LINES_MAX; i++) {
      const line = lines[i]!;
      if (keep[i] || !looksLikeError(line)) continue;
      const norm = line.trim();
      if (seen.has(norm)) continue;
      seen.add(norm);
      keep[i] = WHOLE;
      hotKept++;
    }
    let last = lines.length - 1;
    while (last > 0 && lines[last]!.trim() === '') last--;
    const lastNorm = lines[last]!.trim();
    if (!seen.has(lastNorm)) {
      seen.add(lastNorm);
      keep[last] = WHOLE;
    }
  }
  const out: string[] = [];
  let runFrom = -1;
  let runChars = 0;
  const flush = (to: number) => {
    if (runFrom < 0) return;
    // A marker is never longer than what it stands for: short runs stay.
    if (runChars < MIN_CUT) for (let j = runFrom; j < to; j++) out.push(lines[j]!);
    else out.push(el.omit(to - runFrom, 'lines', ''));
    runFrom = -1;
    runChars = 0;
  };
  let room = opts.head;
  for (let i = 0; i < lines.length; i++) {
    if (!keep[i]) {
      if (runFrom < 0) runFrom = i;
      runChars += lines[i]!.length + 2;
      continue;
    }
    flush(i);
    const line = lines[i]!;
    const cap = keep[i] === WHOLE || (opts.hot && looksLikeError(line)) ? LINE_MAX : Math.max(40, room);
    room -= Math.min(line.length, cap) + 2;
    if (line.length <= cap + MIN_CUT) out.push(line);
    else {
      const head = safeCut(line, cap);
      out.push(`${head}${el.cut(line.length - head.length)}`);
    }
  }
  flush(lines.length);
  return `"${out.join('\\n')}"`;
}
