import type { Probe } from '../types.js';
import { stripAnsi } from '../lines.js';

// How log-like a probe is: the share of its lines that carry a timestamp or a
// time of day near the start, a level word, a request line of an access log,
// or a system call as strace prints it. Logs come in many formats (syslog,
// nginx and apache, redis, postgres, npm's debug log, git's trace, tcpdump,
// strace), but nearly all of them put one of these on every line. JSON
// lines that are log records count as logs; other JSON documents and diffs
// are left to their own compressors.

// A date or a time of day somewhere in the first columns of the line.
const STAMP =
  /\b\d{4}[-/.]\d{2}[-/.]\d{2}\b|\b\d{1,2}:\d{2}:\d{2}\b|\b\d{2}\/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}\b|^\d{6} \d{6}\b|^- \d{9,10} |^\d{10}(?:\.\d+)?[:\s]|^[IWEF]\d{4} \d{2}:|(?:^|\s)(?:time|ts|timestamp)=\S/;
const LEVEL =
  /(?:^|[\s[|<(])(?:FATAL|CRITICAL|SEVERE|ERROR|WARN|WARNING|INFO|NOTICE|DEBUG|TRACE)(?:[\s\]|>):]|$)|\b(?:level|lvl)"?[=:]"?(?:fatal|error|warn|warning|info|debug|trace|\d{2})\b|^\d+ (?:verbose|silly|http|timing|info|notice|warn|error) /i;
// Level or source tags that open each line of logs with no timestamp: ssh -v
// (`debug1: `), a syslog tag (`dnsmasq[123]: `), tracing crates (`DEBUG|`).
const TAG = /^(?:debug\d: |[a-z][\w.-]*\[\d+\]: |(?:TRACE|DEBUG|INFO|WARN|ERROR)\||<\d+> )/;
const REQUEST = /(?:^|[\s"])(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \/\S*/;
const SYSCALL = /^(?:\[pid +\d+\] |\d+ +)?[a-z_][a-z0-9_]*\(.*\) += (?:-?\d+|\?|0x[0-9a-f]+)|^(?:\[pid +\d+\] |\d+ +)?(?:\+\+\+|---) (?:exited|killed|SIG)/;
// A JSON-lines log record: a level or severity member, and a message or a time.
const JSON_LEVEL = /^\{.{0,400}?"(?:level|lvl|severity|levelname|error_severity|log\.level)"\s*:\s*(?:"\w+"|\d{1,2}\b)/;
const JSON_MESSAGE = /"(?:msg|message|event|time|ts|timestamp|@timestamp)"\s*:/;
const NOT_LOG = /^(?:diff --git |@@ -\d|\+\+\+ b\/|--- a\/|index [0-9a-f]{7,}|commit [0-9a-f]{40})/;

/** Columns looked at for a stamp or a level: logs put them first. */
const HEAD = 80;

/** The most the heads of lines give (headsScore): a probe that already scored this elsewhere skips them. */
const HEADS_MAX = 0.5;
/** The most a log's end gives: its head decides anything surer. */
const TAIL_MAX = 0.8;

export function scoreLog(probe: Probe, toBeat = 0): number {
  // Heads are read only when they could decide: this scorer runs on every payload.
  const heads = toBeat < HEADS_MAX;
  const head = scoreLines(probe.lines, probe.firstChar, heads);
  // The end scores at most TAIL_MAX: past that, or what beats it already, it cannot decide.
  if (head < 0 || head >= TAIL_MAX || toBeat >= TAIL_MAX) return head;
  // A log may open with a banner or a config dump: its end shows what it is.
  const tail = probe.tail;
  if (tail.length === 0) return head;
  return Math.max(head, Math.min(TAIL_MAX, scoreLines(tail, '', heads && head < HEADS_MAX)));
}

function scoreLines(probeLines: readonly string[], first: string, heads: boolean): number {
  let lines = 0;
  let stamped = 0;
  let leveled = 0;
  let other = 0;
  let jsonish = 0;
  let jsonLog = 0;
  for (const raw of probeLines) {
    if (raw.trim() === '') continue;
    lines++;
    const l = stripAnsi(raw);
    if (NOT_LOG.test(l)) return -1;
    const t = l.trimStart();
    if (t.startsWith('{') || t.startsWith('[{')) {
      jsonish++;
      if (JSON_LEVEL.test(t) && JSON_MESSAGE.test(t.slice(0, 400))) jsonLog++;
    }
    const start = t.slice(0, HEAD);
    if (STAMP.test(start)) stamped++;
    if (LEVEL.test(start)) leveled++;
    else if (TAG.test(t) || REQUEST.test(start) || SYSCALL.test(l.slice(0, 400))) other++;
  }
  if (lines === 0) return -1;
  if ((first === '{' || first === '[') && jsonish / lines > 0.5) {
    // JSON lines that are log records (pino, bunyan, winston, zap, postgres
    // jsonlog): one event a line, read line by line like any log.
    return jsonLog >= lines * 0.8 && jsonLog >= 2 ? 0.95 : -1;
  }
  const share = Math.max(stamped, leveled + other) / lines;
  const both = Math.min(stamped, leveled + other) / lines;
  // Timestamps and levels together are a strong signature; one alone is good evidence.
  const stampedScore = share < 0.15 ? 0.02 : Math.min(0.9, 0.2 + 0.5 * share + 0.25 * both);
  return heads && stampedScore < HEADS_MAX ? Math.max(stampedScore, headsScore(probeLines)) : stampedScore;
}

/** Unindented lines needed before their heads say anything. */
const MIN_HEADS = 8;
/** Characters of a line's first word that make its head. */
const HEAD_CHARS = 24;
/**
 * A first word with no letter, bracket or angle (a bullet, an underline, a
 * version, a list number), one that opens a comment, a heading or a
 * preprocessor line (`#define`, `//`, `/*`), or a call (`DECLARE_ASN1(X)`,
 * a macro's use; strace's calls are read as system calls above), or a field
 * name (`License:` of a Debian copyright file, a header block).
 */
const NOT_A_HEAD = /^(?:[^\p{L}[<>]*|[#/*;].*|[^[]*\(.*|\p{L}[\w-]*:)$/u;
/** Share of such lines above which repeated heads are a directive, not a log's tag. */
const MAX_CODE_ENDS = 0.3;
/** Share of lines that must be unindented: a document's indented paragraphs under a few `func` lines are no log. */
const MIN_UNINDENTED = 0.4;

/**
 * Logs with no timestamps and no level words (dpkg's progress, NODE_DEBUG,
 * npmlog, ngircd's `[pid:level]`, memcached -vv) still open nearly every
 * line with one of a few heads: a tag, a bracketed id, a verb. Prose opens
 * its lines with many different words, and code, tables and listings, which
 * repeat heads too, score higher on their own signatures. The share of
 * unindented lines (indented ones continue a record) whose first word, digits
 * flattened, is one of the three commonest gives at most a middling score.
 */
function headsScore(probeLines: readonly string[]): number {
  // A first pass on character codes alone: most probes fail the shape tests
  // (too few unindented lines, code endings) before any word is read.
  let lines = 0;
  let indented = 0;
  let codeEnds = 0;
  for (const raw of probeLines) {
    const last = lastNonSpace(raw);
    if (last < 0) continue;
    const c = raw.charCodeAt(0);
    if (c === 32 || c === 9) {
      indented++;
      continue;
    }
    lines++;
    if (CODE_ENDS.has(raw.charCodeAt(last))) codeEnds++;
  }
  if (lines < MIN_HEADS || lines < (lines + indented) * MIN_UNINDENTED || codeEnds > lines * MAX_CODE_ENDS) return 0;
  const counts = new Map<string, number>();
  for (const raw of probeLines) {
    const c = raw.charCodeAt(0);
    if (c === 32 || c === 9 || lastNonSpace(raw) < 0) continue;
    const l = raw.includes('\x1b') ? stripAnsi(raw) : raw;
    const word = /^\S+/.exec(l)?.[0] ?? '';
    if (NOT_A_HEAD.test(word)) continue;
    const key = word.slice(0, HEAD_CHARS).replace(/\d+/g, '0');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const top = [...counts.values()].filter((n) => n >= 3).sort((a, b) => b - a).slice(0, 3);
  const share = top.reduce((a, n) => a + n, 0) / lines;
  return share < 0.6 ? 0 : 0.3 + (HEADS_MAX - 0.3) * share;
}

/** `;` `{` `}` `\\` `,` `(`: how statements, blocks, macro lines and argument lists end. */
const CODE_ENDS = new Set([59, 123, 125, 92, 44, 40]);

/** Index of the last character that is not a space, tab or carriage return; -1 for a blank line. */
function lastNonSpace(s: string): number {
  let i = s.length - 1;
  while (i >= 0) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) break;
    i--;
  }
  return i;
}
