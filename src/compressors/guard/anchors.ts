import { clip } from '../lines.js';
import type { ContentType } from '../types.js';
import { cleanLine } from './align.js';
import { groupingView, templateOf } from '../template.js';

// What identifies things in a tool output, found by one linear pass over its
// lines with bounded patterns. Two tiers:
// - critical lines: errors, warnings, failures, exceptions, exit codes and
//   status lines, and the agent's own wrapping (Claude Code's
//   <persisted-output>, `Exit code N`, truncation notices). One anchor per
//   distinct template: any line of that template keeps it.
// - identifiers: paths and file:line, URLs, commit hashes, UUIDs. One anchor
//   per distinct value: it is kept when the value appears anywhere in the output.
// The engine keeps each, or past the budget names or counts it in a marker.

export type IdentifierKind = 'path' | 'url' | 'hash' | 'uuid';

export interface Anchors {
  /** Template -> input lines of that template (ascending). */
  readonly critical: Map<string, number[]>;
  /** Identifier value -> the first input line holding it and its kind, packed (see `identifierAt`). */
  readonly identifiers: Map<string, number>;
}

const KINDS: readonly IdentifierKind[] = ['path', 'url', 'hash', 'uuid'];

/** The first line and the kind of a packed identifier entry (a number a value: no object per identifier). */
export function identifierAt(packed: number): { line: number; kind: IdentifierKind } {
  return { line: packed >>> 2, kind: KINDS[packed & 3]! };
}

/** Kinds whose lines are reports (a log, a build, a test run): error and status lines are anchors there. */
const REPORT_TYPES: ReadonlySet<ContentType> = new Set(['log', 'build', 'test', 'table']);
/** Kinds where paths, URLs and hashes name what the output is about. */
const IDENTIFIER_TYPES: ReadonlySet<ContentType> = new Set(['log', 'build', 'test', 'search', 'diff', 'listing']);

// The agent's own wrapping: never part of what may be dropped.
const WRAPPER =
  /^(?:Exit code \d+|<\/?persisted-output>|Output too large|Full output saved to: |Preview \(first |\.\.\. \[\d+ (?:lines|characters) truncated\] \.\.\.|\[Truncated|<system-reminder>|Command running in background)/;

// Words that make a line a report of trouble or of an outcome. Upper-case
// level words and compiler-style prefixes count as they stand; lower-case
// words only where no calm level (INFO, DEBUG) says otherwise.
const LEVEL_WORDS =
  /(?:^|[^\w-])(?:ERROR|ERR!?|FATAL|CRITICAL|CRIT|SEVERE|PANIC|EMERG|ALERT|WARN|WARNING|FAIL|FAILED|FAILURE|FAILURES|ERRORS|XFAIL|XPASS|TIMEOUT|ABORTED)(?![\w-])/;
const PREFIX_WORDS =
  /(?:^|[\s[(:])(?:error|warning|fatal|panic|Error|Warning|Fatal|Panic|failed|FAILED|FAIL|npm ERR!|npm error|npm warn|E\s{2,}|✗|✘|×|✖|❌|●)(?:\[|:|\s|$)|\b[A-Z][A-Za-z0-9]*(?:Error|Exception|Failure|Fault)\b|\bTraceback\b|\bpanicked at\b|\bSegmentation fault\b|\bcore dumped\b|\bexit (?:status|code) [1-9]|\bexited with (?:code|status) [1-9]|\breturned non-zero\b|\bKilled\b/;
const SOFT_WORDS =
  /\b(?:errors?|fail(?:s|ed|ing|ure|ures)?|fatal|exception|denied|refused|timed out|timeout|unreachable|invalid|illegal|cannot|can't|could not|couldn't|unable to|not found|no such|missing|corrupt(?:ed)?|deprecated|unauthori[sz]ed|forbidden|crash(?:ed)?|abort(?:ed)?|warn(?:ing)?s?)\b/i;
const CALM_LEVEL = /(?:^|[\s[|:])(?:INFO|DEBUG|TRACE|NOTICE|FINE|FINER|FINEST|VERBOSE|I|D|V)(?:[\s\]|:]|$)/;
// The level of a JSON log record (pino and bunyan write numbers: 40 warn, 50 error).
const JSON_LEVEL = /^\s*\{.{0,300}?"(?:level|lvl|severity|levelname|error_severity)"\s*:\s*("\w+"|\d{1,2}\b)/;
const JSON_MESSAGE = /"(?:msg|message|event)"\s*:\s*"((?:[^"\\]|\\.){0,300})/;
// Summary and status lines of runners and builds.
const STATUS =
  /\b\d+ (?:passed|failed|failing|passing|pending|errors?|warnings?|skipped|xfailed|xpassed|tests?|suites?|examples?|failures?|problems?|todo)\b|\b(?:Tests?|Test Suites|Test Files|Suites?|Ran \d+ tests?)\b.*\d|^(?:BUILD (?:SUCCESS|FAILURE|FAILED)|FAILED|OK|PASS|FAIL|ok)\b|\bFound \d+ (?:errors?|warnings?|problems?)\b|\bcould not compile\b|\bCompilation failed\b|\bexit status \d+|^Exit code \d+|\bELIFECYCLE\b/;
// A necessary condition for LEVEL_WORDS, PREFIX_WORDS, STATUS and SOFT_WORDS:
// one of their stems, in any case. One pass that most lines of a log fail
// spares them the four patterns (isCriticalLine runs on every input line).
// Stems are grouped by their first letter, so that the pattern tries only the
// few that start with the letter it stands on.
const MAYBE =
  /a(?:bort|lert)|build |c(?:rit|ould|annot|an't|ore dumped|orrupt|rash)|d(?:enied|eprecated)|e(?:rr|merg|xception|xampl|xit|lifecycle|\s\s)|f(?:atal|ail|ault|orbidden)|i(?:nvalid|llegal)|killed|missing|n(?:on-zero|ot found|o such)|p(?:anic|ass|end|roblem)|refused|s(?:ever|kip|uite)|t(?:imeout|imed out|raceback|est|odo)|u(?:nreachable|nable|nauthori)|warn|xpass|[✗✘×✖❌●]|^ok/i;
const POSITIVE = /(?:^|\s)(?:PASS(?:ED)?|ok|OK|✓|✔|√)(?:\s|$)|\bpassed\b|\bsucceeded\b|\bsuccess(?:ful(?:ly)?)?\b/;

/** The agent's own wrapping of a tool output: never dropped, whatever the budget. */
export function isWrapperLine(line: string): boolean {
  return WRAPPER.test(clip(line, 200));
}

/** The template that groups critical lines: what varies from one occurrence to the next is flattened. */
export function criticalTemplate(line: string): string {
  const status = ACCESS_STATUS.exec(clip(line, 400));
  // An access log's status is what tells its lines apart: a 404 and a 502 are two things.
  const view = groupingView(cleanLine(line));
  return status ? `${status[1]} ${templateOf(view)}` : templateOf(view);
}

const ACCESS_STATUS = /(?:HTTP\/\d(?:\.\d)?"|"?\b(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT) \/\S*) ([45]\d\d)\b/;

/** A request line needs `HTTP/` or a method's ` /path`: two plain searches spare most lines the pattern. */
function mayBeAccess(l: string): boolean {
  return l.includes(' /') || l.includes('HTTP/');
}

/** True when the line reports an error, a warning, a failure or an outcome. */
export function isCriticalLine(line: string): boolean {
  const l = clip(line, 500);
  if (WRAPPER.test(l) || (mayBeAccess(l) && ACCESS_STATUS.test(l))) return true;
  const json = JSON_LEVEL.exec(l);
  if (json) {
    // A JSON log record says its level: that decides, not the words in its message.
    const v = json[1]!.replace(/"/g, '').toLowerCase();
    const n = Number(v);
    if (Number.isFinite(n) && v !== '' ? n >= 40 : /^(?:warn|warning|error|err|fatal|critical|crit|panic|dpanic|emerg|alert|severe)$/.test(v)) return true;
    // A calm record whose message still speaks of trouble ("connection error") counts too.
    const msg = JSON_MESSAGE.exec(l);
    return msg !== null && SOFT_WORDS.test(msg[1]!) && !POSITIVE.test(msg[1]!);
  }
  if (!MAYBE.test(l)) return false;
  if (LEVEL_WORDS.test(l) || PREFIX_WORDS.test(l)) return !isCalm(l);
  if (STATUS.test(l)) return true;
  if (SOFT_WORDS.test(l)) return !isCalm(l) && !POSITIVE.test(l);
  return false;
}

/** A calm line: an INFO/DEBUG level with no upper-case trouble word, or a passing test. */
function isCalm(l: string): boolean {
  if (POSITIVE.test(l) && !/\b(?:FAIL|FAILED|ERROR|failed|error)\b/.test(l)) return true;
  const level = CALM_LEVEL.exec(l.slice(0, 120));
  return level !== null && !LEVEL_WORDS.test(l);
}

const URL = /\bhttps?:\/\/[^\s"'<>()[\]{}`]+/g;
const UUID_TOKEN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A commit hash: hex with a digit and a letter (a bare number or word is not one). */
const HEX = /^(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]+$/;
// A path: a token with a slash between names, or a file name with a known
// extension; a trailing :line(:col) goes with it. Tokens are maximal runs of
// path characters, so the pass stays linear whatever the line holds.
// What a token's characters allow it to be, gathered as it is read.
const SLASH = 1;
const DOT = 2;
const DASH = 4;
const NON_HEX = 8; // a character outside [0-9a-fA-F-]
const DELIMITER = 16; // ends a token
const LETTER = 32; // a-z, A-Z: a path, a hash and most UUIDs have one

/** Per ASCII character: DELIMITER, or the mark it gives a token (0 for a hex digit). */
const CHAR_CLASS = new Uint8Array(128).fill(NON_HEX);
for (const c of '0123456789') CHAR_CLASS[c.charCodeAt(0)] = 0;
for (let c = 65; c <= 90; c++) CHAR_CLASS[c] = CHAR_CLASS[c + 32] = c <= 70 ? LETTER : LETTER | NON_HEX;
CHAR_CLASS[47] = SLASH;
CHAR_CLASS[46] = DOT;
CHAR_CLASS[45] = DASH;
for (const c of ' \t\r\n\'"`(),;<>[]{}=|*') CHAR_CLASS[c.charCodeAt(0)] = DELIMITER;

/**
 * Calls `use` with each token of a line that could be a path, a hash or a
 * UUID, with whether it is the line's first token and whether it follows
 * `commit`. A hand-written scan that classifies each token as it reads it,
 * one table look-up a character: the many tokens that are words are never
 * sliced or matched.
 */
function scanTokens(line: string, use: (token: string, first: boolean, afterCommit: boolean, marks: number) => void): void {
  let start = -1;
  let marks = 0;
  let first = true;
  let afterCommit = false;
  const n = line.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? line.charCodeAt(i) : 32;
    const k = c < 128 ? CHAR_CLASS[c]! : NON_HEX;
    if (k !== DELIMITER) {
      if (start < 0) start = i;
      marks |= k;
      continue;
    }
    if (start < 0) continue;
    const len = i - start;
    // A path has a slash or a dot; a hash is hex of 7 to 40; a UUID is hex and dashes, 36 long.
    // Paths and hashes have a letter (pathOf, HEX): a token of digits and dots or slashes (an
    // address, a date, a version) is neither, and is passed over without being sliced.
    const hexOnly = (marks & NON_HEX) === 0;
    const candidate =
      len >= 4 &&
      ((marks & LETTER) !== 0
        ? (marks & (SLASH | DOT)) !== 0 || (hexOnly && len >= 7 && ((marks & DASH) === 0 ? len <= 40 : len === 36))
        : hexOnly && (marks & DASH) !== 0 && len === 36);
    if (candidate) {
      use(line.slice(start, i), first, afterCommit, marks);
      afterCommit = false;
    } else afterCommit = len === 6 && line.startsWith('commit', start);
    first = false;
    start = -1;
    marks = 0;
  }
}
const EXT =
  /^\.(?:[jt]sx?|mjs|cjs|json|ya?ml|toml|md|rs|go|py|rb|java|kt|c|h|cc|cpp|hpp|cs|php|swift|sh|lock|txt|html|css|scss|vue|svelte|sql|xml|gradle|proto|ex|exs|erl|lua|pl|r|scala|dart|mod|sum|cfg|ini|conf|log|env)$/;

/** The path a token names, without its :line:col, or null. */
function pathOf(token: string): string | null {
  let t = token;
  // grep's context lines print `path-61-` where hits print `path:61:`.
  if (t.charCodeAt(t.length - 1) === 45) t = t.replace(/-\d+-$/, '');
  let last = t.charCodeAt(t.length - 1);
  while (last === 46 || last === 58) {
    t = t.slice(0, -1);
    last = t.charCodeAt(t.length - 1);
  }
  if (last >= 48 && last <= 57) {
    const loc = /(?::\d+){1,2}$/.exec(t);
    if (loc) t = t.slice(0, loc.index);
  }
  if (t.length < 4 || t.charCodeAt(0) === 45) return null;
  const slash = t.indexOf('/');
  if (slash < 0) {
    // A file name: its extension is a known one.
    const dot = t.lastIndexOf('.');
    return dot > 0 && t.length - dot <= 7 && EXT.test(t.slice(dot)) && /^[\w@.+-]+$/.test(t) ? t : null;
  }
  if (t.includes('://') || !/[A-Za-z]/.test(t) || /^\d+(?:[./-]\d+)+$/.test(t)) return null; // URLs, dates, versions, fractions
  // Names between the slashes (`.`, `..` and `~` are not names): two make a path, or one under `/` or `./`.
  let names = 0;
  let lettered = false;
  for (let from = 0; from <= t.length; ) {
    let to = t.indexOf('/', from);
    if (to < 0) to = t.length;
    const len = to - from;
    if (len > 0 && !(len === 1 && (t.charCodeAt(from) === 46 || t.charCodeAt(from) === 126)) && !(len === 2 && t.startsWith('..', from))) {
      names++;
      if (!lettered) lettered = /[A-Za-z]/.test(t.slice(from, to));
    }
    from = to + 1;
  }
  return names >= 2 || (names === 1 && lettered && (t.startsWith('/') || t.startsWith('./'))) ? t : null;
}

function addId(ids: Anchors['identifiers'], value: string, kind: IdentifierKind, line: number): void {
  if (value.length < 4 || ids.has(value)) return;
  ids.set(value, line * 4 + KINDS.indexOf(kind));
}

/**
 * The critical template of a line, computed once per line shape: lines that
 * differ only in their digits share it (one cheap pass instead of a dozen).
 */
function templateFor(line: string, cache: Map<string, string>): string {
  if (ACCESS_STATUS.test(clip(line, 400))) return criticalTemplate(line); // its status digits are its template
  const key = line.replace(DIGITS, '0');
  let t = cache.get(key);
  if (t === undefined) cache.set(key, (t = criticalTemplate(line)));
  return t;
}
const DIGITS = /\d+/g;

/**
 * Finds the anchors of an input, by the kind it was routed as. Lines flagged
 * in `shown` are not searched for identifiers: whatever they name is in the
 * output already.
 */
export function findAnchors(lines: readonly string[], type: ContentType, shown?: Uint8Array): Anchors {
  const templates = new Map<string, string>();
  const critical = new Map<string, number[]>();
  const identifiers: Anchors['identifiers'] = new Map();
  const seen = new Set<string>();
  const reports = REPORT_TYPES.has(type);
  const named = IDENTIFIER_TYPES.has(type);
  let at = 0; // the line being scanned
  const take = (t: string, first: boolean, afterCommit: boolean, marks: number): void => {
    // A hash is hex only: a token with a dot, a slash, a dash or another letter is not one.
    const hashy = (marks & ~LETTER) === 0 && t.length >= 7 && t.length <= 40 && HEX.test(t);
    if (hashy && (t.length === 40 || first || afterCommit)) {
      addId(identifiers, t, 'hash', at);
      return;
    }
    // What else a token is does not depend on where it stands: a token seen
    // before gave its identifier then (logs repeat their hosts and paths).
    if (seen.has(t)) return;
    seen.add(t);
    if (t.length === 36 && UUID_TOKEN.test(t)) addId(identifiers, t, 'uuid', at);
    else if (t.length >= 4) {
      const p = pathOf(t);
      if (p) addId(identifiers, p, 'path', at);
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.length === 0) continue;
    const line = clip(raw.includes('\x1b') || raw.includes('\r') ? cleanLine(raw) : raw, 1000);
    const wrapper = WRAPPER.test(line);
    if (wrapper || (reports && isCriticalLine(line))) {
      const t = wrapper ? line : templateFor(line, templates);
      if (t.length > 0) {
        let list = critical.get(t);
        if (!list) critical.set(t, (list = []));
        list.push(i);
      }
    }
    if (!named || shown?.[i] === 1) continue;
    if (line.includes('://')) for (const m of line.matchAll(URL)) addId(identifiers, m[0].replace(/[.,;:]+$/, ''), 'url', i);
    at = i;
    scanTokens(line, take);
  }
  return { critical, identifiers };
}
