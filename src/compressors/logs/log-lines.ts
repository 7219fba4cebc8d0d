import { clip } from '../lines.js';
import { templateOf } from '../template.js';

// Line facts the log, test and build compressors all need: how severe a line
// is, whether it is a stack frame, and two grouping keys, a fine one (only
// digits and calendar words vary) that decides what counts as "seen before",
// and the coarse template that names a group in markers.

export const SEV_NONE = 0;
export const SEV_INFO = 1;
export const SEV_WARN = 2;
export const SEV_ERROR = 3;
export const SEV_FATAL = 4;

// A word inside a name (x86_64-unknown-linux-gnu, libgpg-error-dev, on_error.js,
// errors/index.ts) names a thing; only a word standing alone reports one.
const ALONE_BEFORE = '(?<![\\w./-])';
const ALONE_AFTER = '(?![\\w/-]|\\.\\w)';
const LEVEL = new RegExp(
  '\\b(FATAL|CRIT(?:ICAL)?|EMERG(?:ENCY)?|ALERT|SEVERE|PANIC|ERROR|ERR|WARN(?:ING)?|INFO|NOTICE|DEBUG|TRACE|VERBOSE)\\b' +
    `|${ALONE_BEFORE}(fatal|crit|emerg|alert|error|warn(?:ing)?|info|notice|debug|trace)${ALONE_AFTER}`,
);
const ERROR_WORDS = new RegExp(
  `${ALONE_BEFORE}(?:exception|panic(?:ked)?|fail(?:ed|ures?|ing|s)?|denied|refused|unable|cannot|can't|could not|couldn't|abort(?:ed|ing)?|killed|invalid|illegal|unexpected|timed out|timeout|segfault|segmentation fault|corrupt(?:ed|ion)?|unreachable|violation|break-in|not found|no such|traceback|errno|unknown)${ALONE_AFTER}`,
  'i',
);
const NUMERIC_LEVEL = /^\{.{0,200}?"level"\s*:\s*(\d{2})\b/;
const LEADING_ERROR = /^\s*(?:error|fatal|panic|exception)\b/i;

function levelOf(word: string): number {
  const w = word.toUpperCase();
  if (w === 'FATAL' || w.startsWith('CRIT') || w.startsWith('EMERG') || w === 'ALERT' || w === 'PANIC') return SEV_FATAL;
  if (w === 'SEVERE' || w === 'ERROR' || w === 'ERR') return SEV_ERROR;
  if (w.startsWith('WARN')) return SEV_WARN;
  return SEV_INFO;
}

/**
 * Severity of a log line: an explicit level word wins (an INFO line that merely
 * mentions "error" is at most a warning), otherwise failure vocabulary makes it
 * a warning, and a message that starts with "error"/"fatal" an error.
 */
export function severityOf(line: string): number {
  const s = clip(line, 400);
  // pino and bunyan write numeric levels: 40 warn, 50 error, 60 fatal.
  const numeric = NUMERIC_LEVEL.exec(s);
  if (numeric) {
    const n = Number(numeric[1]);
    return n >= 60 ? SEV_FATAL : n >= 50 ? SEV_ERROR : n >= 40 ? SEV_WARN : SEV_INFO;
  }
  const status = httpStatusOf(s);
  if (status >= 500) return SEV_ERROR;
  if (status >= 400) return SEV_WARN;
  const m = LEVEL.exec(s);
  const word = m ? (m[1] ?? m[2])! : '';
  const words = ERROR_WORDS.test(s);
  if (m) {
    const lv = levelOf(word);
    // Lower-case level words are often just prose ("error state"): trust them less.
    const upper = word === word.toUpperCase();
    if (lv >= SEV_WARN) return upper || words ? lv : SEV_WARN;
    return words ? SEV_WARN : lv;
  }
  if (LEADING_ERROR.test(s)) return SEV_ERROR;
  return words ? SEV_WARN : SEV_NONE;
}

// The status of an access-log line: `"GET /x HTTP/1.1" 404 153` (nginx,
// apache), `GET /x 500 0.7 ms` (morgan, express).
const ACCESS = /(?:HTTP\/\d(?:\.\d)?"|"?\b(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT) \/\S*|"[^"]{0,200}") ([1-5]\d\d)\b/;

/** The HTTP status an access-log line reports, or 0. */
export function httpStatusOf(line: string): number {
  const m = ACCESS.exec(clip(line, 400));
  return m ? Number(m[1]) : 0;
}

// Stack frames of Java/JVM, Python, JS/Node, Go, Rust backtraces and .NET.
const FRAME =
  /^\s+(?:at [\w$.<>/:[\]-]+(?:[ (]|$)|File "[^"]{1,300}", line \d|\d+: [\w:<>$]+|[\w./-]+\.(?:go|rs|s):\d+(?: \+0x[0-9a-f]+)?$|\.\.\. \d+ (?:more|common frames omitted))/;

/** True for one frame of a stack trace (the lines worth keeping only at the top). */
export function isFrame(line: string): boolean {
  return FRAME.test(clip(line, 400));
}

/**
 * Go prints each goroutine frame as an unindented call, `pkg.(*T).Method(0xc0...)`
 * or `created by pkg.F`, followed by a tab-indented file:line; the call line is
 * a frame when its next line is one.
 */
export function isGoCall(line: string, next: string | undefined): boolean {
  if (next === undefined || !next.startsWith('\t') || line.length > 400) return false;
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9 || !line.endsWith(')') || line.indexOf('(') < 0) return false;
  return line.startsWith('created by ') || line.indexOf(' ') < 0 || line.indexOf(' ') > line.indexOf('(');
}

/** Depth of each line inside a run of stack frames (0 = not a frame). */
export function frameDepths(views: readonly string[]): Uint16Array {
  const n = views.length;
  const depth = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const v = views[i]!;
    if (isFrame(v) || isGoCall(v, views[i + 1])) depth[i] = Math.min(65535, (i > 0 ? depth[i - 1]! : 0) + 1);
  }
  return depth;
}

/** Characters of a line the fine key reads: enough that two long lines differing late stay apart. */
export const FINE_CHARS = 4000;

// One regex pass: V8 builds the replaced string flat, which the Map that
// groups lines by it hashes at once (a hand-written scan measured slower).
const FINE = /\b(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|0x[0-9a-fA-F]+|(?=[a-f]*\d)[0-9a-f]{6,}|(?=[A-F]*\d)[0-9A-F]{6,}|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|\d+/g;

/**
 * The fine key: a line with digit runs, hex numbers (0x1f, hex runs of one
 * case, 6 or more with a digit: 3fa9c2, 55CA070A), UUIDs and calendar words
 * flattened. Two lines with the
 * same fine key say the same thing at another time or for another numbered
 * object, so only the first needs keeping.
 */
export function fineKey(line: string): string {
  return clip(line, FINE_CHARS).replace(FINE, '0');
}

const LEAD_NOISE = /^(?:[\s\-:,.|[\]()]*<(?:ts|time|n|id|ip|hex|uuid)>)+[\s\-:,.|[\]()]*/;

/** A short name for a template, for markers: the coarse template without its leading timestamp/ids. */
export function labelOf(line: string, max = 60): string {
  let t = templateOf(line).replace(LEAD_NOISE, '');
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  return t || 'blank lines';
}

