import { indentOf, joinLines, shownOnTerminal, splitLines } from './lines.js';
import { Elisions, formatMarker, isMarkerLine } from './marker.js';
import type { ContentType, Elision } from './types.js';

// Lossless clean-up, for every output whatever its size (issue 14's small
// outputs pass the compressors by): what a terminal would have shown, and no
// more. ANSI escapes and carriage-return redraws go (a progress bar drawn
// forty times shows once, as its last state), trailing blanks go from
// terminal reports, and a run of one line repeated is that line and a count.
// Each step keeps exactly what a reader saw; the engine's guard holds it to
// the same line rules as any compressor.

/** Kinds whose trailing blanks are layout, not content (a diff's " " context line or a file's text is content). */
const TERMINAL_REPORTS: ReadonlySet<ContentType> = new Set(['log', 'build', 'test']);
/** Repeats of one line shorter than this run stay: the marker would not be cheaper. */
const MIN_RUN = 3;

export interface Tidied {
  readonly text: string;
  readonly elisions: readonly Elision[];
}

/** One line as a terminal shows it, without its trailing blanks when they are layout. */
function shown(line: string, trimEnd: boolean): string {
  const s = shownOnTerminal(line);
  if (!trimEnd) return s;
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** The text cleaned up; the same text (===) when there was nothing to clean. */
export function tidy(text: string, type: ContentType, estimate: (s: string) => number): Tidied {
  if (type === 'binary') return { text, elisions: [] };
  const trimEnd = TERMINAL_REPORTS.has(type);
  // Most outputs have nothing to clean: one scan says so without splitting.
  if (!text.includes('\x1b') && !/\r[^\n]/.test(text) && !(trimEnd && /[ \t]\n|[ \t]$/.test(text)) && !hasRun(text)) return { text, elisions: [] };
  const { lines, trailingNewline } = splitLines(text);
  const el = new Elisions();
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = shown(lines[i]!, trimEnd);
    let j = i + 1;
    if (line.trim() !== '' && !isMarkerLine(line)) while (j < lines.length && shown(lines[j]!, trimEnd) === line) j++;
    out.push(line);
    const repeats = j - i - 1;
    const what = 'identical to the line above';
    if (repeats >= MIN_RUN - 1 && estimate(formatMarker({ count: repeats, unit: 'lines', what })) < repeats * (estimate(line) + 1)) {
      out.push(indentOf(line) + el.omit(repeats, 'lines', what));
      i = j;
      continue;
    }
    for (let k = i + 1; k < j; k++) out.push(line);
    i = j;
  }
  const result = joinLines(out, trailingNewline);
  return result === text ? { text, elisions: [] } : { text: result, elisions: el.list };
}

/** True when some non-blank line is followed by MIN_RUN - 1 copies of itself. */
function hasRun(text: string): boolean {
  let prev = '';
  let count = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line === prev && line.trim() !== '') {
      if (++count >= MIN_RUN - 1) return true;
    } else {
      prev = line;
      count = 0;
    }
    start = end + 1;
  }
  return false;
}
