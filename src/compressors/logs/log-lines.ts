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
const FINE_CHARS = 4000;

const CALENDAR = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);

/** True for [A-Za-z0-9_], the characters of a word (`\w`). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** What a whole word becomes in the fine key: '0' for a number-like word, else the word with its digit runs flattened. */
function fineWord(line: string, s: number, e: number): string {
  const len = e - s;
  const c0 = line.charCodeAt(s);
  let digits = 0;
  let lowerHex = true; // every character in [0-9a-f]
  let anyHex = true; // every character after a leading 0x in [0-9a-fA-F]
  const hexFrom = c0 === 48 && len > 2 && line.charCodeAt(s + 1) === 120 ? s + 2 : -1;
  for (let i = s; i < e; i++) {
    const c = line.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit) digits++;
    else if (!(c >= 97 && c <= 102)) lowerHex = false;
    if (i >= hexFrom && hexFrom >= 0 && !(digit || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) anyHex = false;
  }
  // 0x1f, a lower-case hex run of 6 or more with a digit in it (ids, hashes), a month or a day.
  if (hexFrom >= 0 && anyHex) return '0';
  if (lowerHex && len >= 6 && digits > 0) return '0';
  if (digits === 0) return len === 3 && CALENDAR.has(line.slice(s, e)) ? '0' : line.slice(s, e);
  let out = '';
  let i = s;
  while (i < e) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      out += '0';
      while (i < e && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
    } else {
      const from = i;
      while (i < e && !(line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57)) i++;
      out += line.slice(from, i);
    }
  }
  return out;
}

/**
 * The fine key: a line with digit runs, hex numbers and calendar words
 * flattened. Two lines with the same fine key say the same thing at another
 * time or for another numbered object, so only the first needs keeping. One
 * pass over the line's words (it runs on every line of a log).
 */
export function fineKey(line: string): string {
  const l = line.length > FINE_CHARS ? line.slice(0, FINE_CHARS) : line;
  const n = l.length;
  let out = '';
  let copied = 0; // l[copied, i) is still to be copied as it stands
  let i = 0;
  while (i < n) {
    if (!isWordChar(l.charCodeAt(i))) {
      i++;
      continue;
    }
    const s = i;
    let numeric = false;
    while (i < n && isWordChar(l.charCodeAt(i))) {
      const c = l.charCodeAt(i);
      if (c >= 48 && c <= 57) numeric = true;
      i++;
    }
    // A word with no digit stays as it is unless it is a month or a day name.
    if (!numeric && !(i - s === 3 && CALENDAR.has(l.slice(s, i)))) continue;
    out += l.slice(copied, s) + fineWord(l, s, i);
    copied = i;
  }
  return copied === 0 ? l : out + l.slice(copied);
}

const LEAD_NOISE = /^(?:[\s\-:,.|[\]()]*<(?:ts|time|n|id|ip|hex|uuid)>)+[\s\-:,.|[\]()]*/;

/** A short name for a template, for markers: the coarse template without its leading timestamp/ids. */
export function labelOf(line: string, max = 60): string {
  let t = templateOf(line).replace(LEAD_NOISE, '');
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  return t || 'blank lines';
}

