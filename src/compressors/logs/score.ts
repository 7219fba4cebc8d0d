import type { Probe } from '../types.js';

// How log-like a probe is: the share of its lines that open with a timestamp
// or carry a level word near the start. JSON documents and diffs are left to
// their own compressors.

const STAMP =
  /^(?:\[?\d{4}[-/.]\d{2}[-/.]\d{2}[T -]?\d{0,2}|\[?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]* (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}|\d{6} \d{6}\b|- \d{9,10} |\d{9,13}[ .]|\d{2}\/\w{3}\/\d{4}|\[?\d{1,2}:\d{2}:\d{2}|[IWEF]\d{4} \d{2}:|\d{2}-\d{2} \d{2}:\d{2}:\d{2}|(?:time|ts)=\S)/;
const LEVEL =
  /(?:^|[\s[|<(])(?:FATAL|CRITICAL|SEVERE|ERROR|WARN|WARNING|INFO|NOTICE|DEBUG|TRACE)(?:[\s\]|>):]|$)|\b(?:level|lvl)="?(?:fatal|error|warn|warning|info|debug|trace|FATAL|ERROR|WARN|WARNING|INFO|DEBUG|TRACE)\b/;
const NOT_LOG = /^(?:diff --git |@@ -\d|\+\+\+ |--- a\/|index [0-9a-f]{7,}|commit [0-9a-f]{40})/;

export function scoreLog(probe: Probe): number {
  const first = probe.firstChar;
  let lines = 0;
  let stamped = 0;
  let leveled = 0;
  let jsonish = 0;
  for (const l of probe.lines) {
    if (l.trim() === '') continue;
    lines++;
    if (NOT_LOG.test(l)) return -1;
    const t = l.trimStart();
    if (t.startsWith('{') || t.startsWith('[{')) jsonish++;
    if (STAMP.test(t)) stamped++;
    if (LEVEL.test(l.slice(0, 120))) leveled++;
  }
  if (lines === 0) return -1;
  if ((first === '{' || first === '[') && jsonish / lines > 0.5) return -1;
  const share = Math.max(stamped, leveled) / lines;
  const both = Math.min(stamped, leveled) / lines;
  if (share < 0.15) return 0.02;
  // Timestamps and levels together are a strong signature; one alone is good evidence.
  return Math.min(0.9, 0.2 + 0.5 * share + 0.25 * both);
}
