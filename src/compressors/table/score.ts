import { clip } from '../lines.js';
import type { Probe } from '../types.js';
import { MAX_CONFIDENCE, type TableFormat, detectTable, fieldsOf } from './parse.js';

// Whether the input is a table: CSV/TSV, pipe and box tables, aligned command
// output (ps, df, ss, kubectl, docker, psql). Listings and diffs are often
// columnar too (`ls -l`, `du`, `git ls-tree -r -l`, `git ls-files -s`,
// `--numstat`): they have no header row and end each row with a path, and are
// left to their own compressors.

const LISTING = /^(?:total \d+$|[-.dlcbps][rwxsStT-]{9}[.+@]? )/;
const LEADING_TIME = /^\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|^\[?\d{2}:\d{2}:\d{2}|^[A-Z][a-z]{2} [ \d]\d \d{2}:/;
/** psql's expanded display (`\x`): one `-[ RECORD n ]---` block per row. */
const RECORD = /^-\[ RECORD \d+ \]-/;
/** Segments of the probe looked at: a table may follow a summary (top) or a title. */
const MAX_SEGMENTS = 3;
/** Rows looked at per segment: forty show a table's shape as well as a hundred. */
const SEGMENT_ROWS = 40;

function segments(lines: readonly string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l.trim().length > 0) {
      cur.push(l);
      continue;
    }
    if (cur.length > 0) out.push(cur);
    cur = [];
    if (out.length >= MAX_SEGMENTS) return out;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** A path as a listing ends its rows with: a slash or a file extension, letters, no column gap. */
function isPathLike(field: string): boolean {
  return /[A-Za-z]/.test(field) && (field.includes('/') || /\.[A-Za-z]\w{0,7}$/.test(field)) && !/\s{2}/.test(field);
}

/** Rows that end in a path, under no header: a listing (du, git ls-tree, ls-files -s, numstat). */
function isPathListing(rows: readonly string[], format: TableFormat): boolean {
  const first = fieldsOf(rows[0]!, format);
  // A header row names its columns: no numbers in it.
  if (first.every((f) => !/\d/.test(f))) return false;
  let paths = 0;
  for (const r of rows) {
    const fields = fieldsOf(r, format);
    const last = clip(fields[fields.length - 1] ?? '', 300);
    if (isPathLike(last)) paths++;
  }
  return paths >= rows.length * 0.6;
}

/** A header row is not a data row: its first word is not the first word of most rows (`npm notice ...`). */
function headerRepeats(rows: readonly string[]): boolean {
  const word = (l: string) => l.trimStart().split(/\s/, 1)[0] ?? '';
  const head = word(rows[0]!);
  let same = 0;
  for (let i = 1; i < rows.length; i++) if (word(rows[i]!) === head) same++;
  return same >= (rows.length - 1) * 0.5;
}

const delimitedScore = (confidence: number): number => 0.5 + 0.35 * confidence;
/** A `psql -x` record opens the sample. */
const RECORD_SCORE = 0.8;
/** The most `tableScore` gives: a delimited sample trusted fully, or a record. */
export const MAX_TABLE_SCORE = Math.max(delimitedScore(MAX_CONFIDENCE), RECORD_SCORE);

function segmentScore(seg: readonly string[]): number {
  if (seg.length < 3) return -1;
  let listing = 0;
  let timed = 0;
  for (const l of seg) {
    if (LISTING.test(l)) listing++;
    if (LEADING_TIME.test(l)) timed++;
  }
  if (listing >= seg.length * 0.5 || seg[0]!.startsWith('diff --git')) return -1;
  const d = detectTable(seg);
  if (!d) return -1;
  const rows = seg.slice(d.start);
  if (isPathListing(rows, d.format)) return -1;
  if (d.format.kind === 'aligned' && headerRepeats(rows)) return -1;
  // Tab-indented lines (a shell script, a Makefile) split on tabs are not rows.
  if (d.format.kind === 'delimited' && d.format.delim === '\t' && rows.filter((r) => r.startsWith('\t')).length >= rows.length * 0.3) return -1;
  const base = d.format.kind === 'delimited' ? delimitedScore(d.confidence) : 0.45 + 0.35 * d.confidence;
  // Timestamped lines with separators are a log, whatever their columns.
  return timed >= seg.length * 0.6 ? base * 0.5 : base;
}

export function tableScore(p: Probe): number {
  if (p.firstChar === '{' || p.firstChar === '[' || p.firstChar === '<') return -1;
  const lines = p.lines;
  if (lines.length > 0 && RECORD.test(lines[0]!.trimStart())) return RECORD_SCORE;
  // The first run of lines that is a table decides (top and psql print a summary or title first).
  for (const seg of segments(lines)) {
    const s = segmentScore(seg.slice(0, SEGMENT_ROWS));
    if (s > 0) return s;
  }
  return -1;
}
