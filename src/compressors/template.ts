import { clip } from './lines.js';

// Reduces a line to its template: the variable parts (timestamps, numbers, hex,
// ids, IPs, paths, quoted values) become placeholders so that lines that differ
// only in those parts group together. Each pattern is a single pass without
// nested quantifiers, over a clipped line, so the work is linear.

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // ISO and syslog-style timestamps, times of day
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<ts>'],
  [/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2}\b/g, '<ts>'],
  [/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<time>'],
  // UUIDs, long hex, IPv4 (with optional port)
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b[0-9a-f]{12,}\b/gi, '<hex>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>'],
  // quoted strings
  [/"[^"\n]{0,200}"/g, '"<str>"'],
  [/'[^'\n]{0,200}'/g, "'<str>'"],
  // paths: absolute with two segments or more, relative with a slash between names
  [/(?:\/[\w.@-]+){2,}\/?|\b[\w.@-]+(?:\/[\w.@-]+)+\/?/g, '<path>'],
  // identifiers with digits in them (blk_123, job_2015_0001, user42), then bare numbers
  [/\b[A-Za-z_]+[-_]?\d[\w-]*\b/g, '<id>'],
  [/-?\b\d+(?:\.\d+)?\b/g, '<n>'],
];

/** The template of a line, for grouping lines that differ only in variable parts. */
export function templateOf(line: string): string {
  let t = clip(line.trim(), 500);
  for (const [re, to] of RULES) t = t.replace(re, to);
  return t.replace(/\s+/g, ' ');
}

// A JSON log record's level and message, as far into the line as a bounded scan reaches.
const JSON_RECORD_LEVEL = /"(?:level|lvl|severity|levelname|error_severity)"\s*:\s*("[^"]{0,20}"|\d{1,2})/;
const JSON_RECORD_MESSAGE = /"(?:msg|message|event)"\s*:\s*"((?:[^"\\]|\\.){0,300})/;

/**
 * What groups a line with its kind: for a JSON log record, its level and
 * message (its timestamp, ids and extra members vary from record to record);
 * for any other line, the line.
 */
export function groupingView(line: string): string {
  if (line.charCodeAt(0) !== 123) return line;
  const head = clip(line, 1000);
  const msg = JSON_RECORD_MESSAGE.exec(head);
  if (!msg) return line;
  const level = JSON_RECORD_LEVEL.exec(head);
  return `${level ? level[1] : ''} ${msg[1]}`;
}
