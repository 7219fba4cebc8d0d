import type { Probe } from '../types.js';
import { clip, stripAnsi } from '../lines.js';
import { PROBE_LINE_CHARS, PROBE_LINES, PROBE_TAIL_BYTES } from '../probe.js';

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

export function scoreLog(probe: Probe): number {
  const head = scoreLines(probe.lines, probe.firstChar);
  if (head < 0) return head;
  // A log may open with a banner or a config dump: its end shows what it is.
  // The probe has a tail only past its head and tail sizes; a shorter log
  // whose head is all dump is read from its last lines here.
  const tail = probe.tail.length > 0 || probe.head.length >= probe.text.length ? probe.tail : endLines(probe.text, probe.head.length);
  if (tail.length === 0) return head;
  return Math.max(head, Math.min(0.8, scoreLines(tail, '')));
}

/** The whole lines of `text` after its first `from` characters, up to the probe's tail size. */
function endLines(text: string, from: number): string[] {
  const start = Math.max(from, text.length - PROBE_TAIL_BYTES);
  const lines = text.slice(start).split('\n');
  lines.shift(); // the first line of the slice is partial
  return lines.slice(-PROBE_LINES / 2).map((l) => clip(l, PROBE_LINE_CHARS));
}

function scoreLines(probeLines: readonly string[], first: string): number {
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
  return Math.max(stampedScore, headsScore(probeLines));
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
/** Lines that end as statements, blocks, macro lines and argument lists do (`;`, `{`, `}`, `\`, `,`, `(`): a config file or source repeats its directive. */
const CODE_END = /[;{}\\,(]\s*$/;
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
  const counts = new Map<string, number>();
  let lines = 0;
  let indented = 0;
  let codeEnds = 0;
  for (const raw of probeLines) {
    const c = raw.charCodeAt(0);
    if (raw.trim() === '') continue;
    if (c === 32 || c === 9) {
      indented++;
      continue;
    }
    lines++;
    if (CODE_END.test(raw)) codeEnds++;
    const word = /^\S+/.exec(stripAnsi(raw))?.[0] ?? '';
    if (NOT_A_HEAD.test(word)) continue;
    const key = word.slice(0, HEAD_CHARS).replace(/\d+/g, '0');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (lines < MIN_HEADS || lines < (lines + indented) * MIN_UNINDENTED || codeEnds > lines * MAX_CODE_ENDS) return 0;
  const top = [...counts.values()].filter((n) => n >= 3).sort((a, b) => b - a).slice(0, 3);
  const share = top.reduce((a, n) => a + n, 0) / lines;
  return share < 0.6 ? 0 : 0.3 + 0.2 * share;
}
