import { stripAnsi } from '../lines.js';
import type { Probe } from '../types.js';

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
  if (head < 0 || probe.tail.length === 0) return head;
  // A log may open with a banner or a config dump: its end shows what it is.
  return Math.max(head, Math.min(0.8, scoreLines(probe.tail, '')));
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
  if (share < 0.15) return 0.02;
  // Timestamps and levels together are a strong signature; one alone is good evidence.
  return Math.min(0.9, 0.2 + 0.5 * share + 0.25 * both);
}
