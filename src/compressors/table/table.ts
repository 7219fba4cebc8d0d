import { clip, joinLines, splitLines } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';
import { type TableFormat, detectTable, isRule } from './parse.js';
import { hoistConstantColumns } from './hoist.js';
import { planRows } from './rows.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';

// Tables (CSV, TSV, pipe and box tables, aligned command output) keep their
// header, first and last rows, trouble rows and outliers; columns with one value
// in every row become a note. Rows are kept verbatim otherwise.

/** Tables shorter than this are read whole. */
const MIN_ROWS_TO_CUT = 12;

const LISTING = /^(?:total \d+$|[-dlcbps][rwxsStT-]{9}[.+@]? )/;
const PATH_PAIR = /^[^\t]*\t\.{0,2}\/[^\t]*$/;
const LEADING_TIME = /^\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|^\[?\d{2}:\d{2}:\d{2}|^[A-Z][a-z]{2} [ \d]\d \d{2}:/;

function firstSegment(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (l.trim().length === 0) {
      if (out.length >= 3) break;
      continue;
    }
    out.push(l);
  }
  return out;
}

function tableScore(p: Probe): number {
  if (p.firstChar === '{' || p.firstChar === '[' || p.firstChar === '<') return -1;
  // Forty rows show a table's shape as well as a hundred, at a third of the cost.
  const seg = firstSegment(p.lines.slice(0, 40));
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
  // `size<TAB>path` (du, find -printf) is a listing, not a table.
  if (d.format.kind === 'delimited' && seg.filter((l) => PATH_PAIR.test(clip(l, 400))).length >= seg.length * 0.6) return -1;
  const base = d.format.kind === 'delimited' ? 0.5 + 0.35 * d.confidence : 0.45 + 0.35 * d.confidence;
  // Timestamped lines with separators are a log, whatever their columns.
  return timed >= seg.length * 0.6 ? base * 0.5 : base;
}

interface Segment {
  readonly start: number;
  readonly end: number;
}

function segmentsOf(lines: readonly string[]): Segment[] {
  const segs: Segment[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim().length === 0) i++;
    const s = i;
    while (i < lines.length && lines[i]!.trim().length > 0) i++;
    if (i > s) segs.push({ start: s, end: i });
  }
  return segs;
}

/** Header lines (borders, the header, its separator) and trailing borders of a table. */
function frame(lines: readonly string[]): { head: number; tail: number } {
  let h = 0;
  while (h < lines.length && isRule(lines[h]!)) h++;
  h++; // the header row
  while (h < lines.length && isRule(lines[h]!)) h++;
  let t = lines.length;
  while (t > h && (isRule(lines[t - 1]!) || /^\(\d+ rows?\)$/.test(clip(lines[t - 1]!.trim(), 40)))) t--;
  return { head: Math.min(h, lines.length), tail: t };
}

function compressTable(
  lines: readonly string[],
  format: TableFormat,
  budget: number,
  ctx: CompressContext,
  el: Elisions,
): string[] {
  const { head, tail } = frame(lines);
  let header = lines.slice(0, head);
  let rows = lines.slice(head, tail);
  const footer = lines.slice(tail);
  if (rows.length < MIN_ROWS_TO_CUT) return [...lines];
  const out: string[] = [];
  let note: string | undefined;
  if (format.kind === 'delimited') {
    const h = hoistConstantColumns(header, rows, format.delim, el);
    header = h.header;
    rows = h.rows;
    note = h.note;
  }
  const fixed = ctx.estimateTokens([...header, ...footer].join('\n')) + (note ? 20 : 0);
  const perRow = ctx.estimateTokens(rows.join('\n')) / rows.length;
  out.push(...header);
  if (note) out.push(note);
  if (fixed + perRow * rows.length <= budget) {
    out.push(...rows, ...footer);
    return out;
  }
  const maxRows = Math.max(6, Math.floor((budget - fixed) / Math.max(1, perRow)));
  const { keep } = planRows(rows, format, maxRows);
  let next = 0;
  for (const k of keep) {
    if (k > next) out.push(el.omit(k - next, 'rows', `of ${rows.length} in this table`));
    out.push(rows[k]!);
    next = k + 1;
  }
  if (next < rows.length) out.push(el.omit(rows.length - next, 'rows', `of ${rows.length} in this table`));
  out.push(...footer);
  return out;
}

export const tableCompressor: Compressor = {
  name: 'table-rows',
  type: 'table',
  score: tableScore,
  compress(text: string, ctx: CompressContext): Compressed {
    if (hasMarker(text) || ctx.estimateTokens(text) <= ctx.budgetTokens) return { text, elisions: [] };
    const { lines, trailingNewline } = splitLines(text);
    const total = Math.max(1, ctx.estimateTokens(text));
    const el = new Elisions();
    const out: string[] = [];
    let at = 0;
    for (const seg of segmentsOf(lines)) {
      for (; at < seg.start; at++) out.push(lines[at]!);
      const segLines = lines.slice(seg.start, seg.end);
      const d = detectTable(segLines);
      if (!d) out.push(...segLines);
      else {
        // Each table gets the share of the budget its size asks for.
        const share = (ctx.estimateTokens(segLines.join('\n')) / total) * ctx.budgetTokens;
        out.push(...segLines.slice(0, d.start));
        out.push(...compressTable(segLines.slice(d.start), d.format, share, ctx, el));
      }
      at = seg.end;
    }
    for (; at < lines.length; at++) out.push(lines[at]!);
    const result = joinLines(out, trailingNewline);
    if (result.length >= text.length) return { text, elisions: [] };
    return { text: result, elisions: el.list };
  },
};
