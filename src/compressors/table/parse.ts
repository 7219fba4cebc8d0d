import { clip } from '../lines.js';

// Telling tables apart and splitting their rows into fields: delimited text
// (CSV, TSV, semicolons, pipes and box-drawing bars) by consistent field counts,
// whitespace-aligned command output (ps, df, docker, kubectl) by a word header
// whose column starts or ends line up in the rows below.

export type TableFormat =
  | { readonly kind: 'delimited'; readonly delim: string }
  | { readonly kind: 'aligned'; readonly columns: number; readonly wide: boolean; readonly starts?: readonly number[] };

const DELIMS = ['\t', ',', ';', '|', '│'] as const;
/** Lines looked at to decide a format. */
const SAMPLE = 60;

/** Fields of a delimited line; double quotes protect delimiters (CSV). */
export function splitDelimited(line: string, delim: string): string[] {
  const fields: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delim && !quoted) {
      fields.push(line.slice(from, i));
      from = i + 1;
    }
  }
  fields.push(line.slice(from));
  return fields;
}

/** splitDelimited(line, delim).length without building the fields: scoring runs it often. */
function countFields(line: string, delim: string): number {
  if (!line.includes(delim)) return 1;
  let n = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delim && !quoted) n++;
  }
  return n;
}

/** A border or separator line: only rule characters (`+---+`, `|---|`, `├──┼`). */
export function isRule(line: string): boolean {
  const t = line.trim();
  if (t.length < 3) return false;
  for (let i = 0; i < t.length && i < 400; i++) if (!'-+=|:─━┼├┤┌┐└┘┬┴│╋ '.includes(t[i]!)) return false;
  return true;
}

function modeShare(counts: readonly number[]): { mode: number; share: number } {
  const freq = new Map<number, number>();
  let mode = 0;
  let best = 0;
  for (const c of counts) {
    const f = (freq.get(c) ?? 0) + 1;
    freq.set(c, f);
    if (f > best || (f === best && c > mode)) {
      best = f;
      mode = c;
    }
  }
  return { mode, share: counts.length ? best / counts.length : 0 };
}

export interface Detection {
  readonly format: TableFormat;
  /** 0..1: how consistent the sample is. */
  readonly confidence: number;
}

/**
 * CSV whose trailing optional columns are left off (`a,b,c` under a header of
 * five): rows never exceed the header's count and keep at least half of it.
 */
function raggedConfidence(rows: readonly string[], counts: readonly number[], delim: string): number {
  if (delim === '|' || delim === '│') return 0;
  const width = counts[0]!;
  if (width < 3) return 0;
  const names = splitDelimited(rows[0]!, delim);
  if (names.some((n) => !/^[^\d\s]/.test(n.trim()))) return 0;
  let fit = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i]! <= width && counts[i]! * 2 >= width) fit++;
  const share = fit / Math.max(1, counts.length - 1);
  return share >= 0.9 ? share * 0.75 : 0;
}

/** `counts.get(delim)[i]`: fields of rows[i] split on delim, computed once per sample. */
type FieldCounts = ReadonlyMap<string, readonly number[]>;

/** The most a detection is trusted: a tab- or bar-delimited sample with every row alike. */
export const MAX_CONFIDENCE = 0.95;

function detectDelimited(rows: readonly string[], counts: FieldCounts): Detection | null {
  let best: Detection | null = null;
  for (const delim of DELIMS) {
    const c = counts.get(delim)!;
    const { mode, share } = modeShare(c);
    // Two fields split by commas, semicolons or bars are too common in prose,
    // logs and compiler diagnostics (rustc's `  |` gutter).
    const minFields = delim === '\t' ? 2 : 3;
    if (mode < minFields || share < 0.8) {
      const ragged = raggedConfidence(rows, c, delim);
      if (ragged > 0 && (!best || ragged > best.confidence)) best = { format: { kind: 'delimited', delim }, confidence: ragged };
      continue;
    }
    const confidence = share * (delim === ',' || delim === ';' ? 0.85 : MAX_CONFIDENCE);
    if (!best || confidence > best.confidence) best = { format: { kind: 'delimited', delim }, confidence };
  }
  return best;
}

/** Start and end columns of each word of a header line. */
function wordSpans(line: string): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && line[i] === ' ') i++;
    const s = i;
    while (i < line.length && line[i] !== ' ') i++;
    if (i > s) spans.push([s, i]);
  }
  return spans;
}

/** Widest line looked at for column gutters. */
const GUTTER_WIDTH = 300;

/**
 * Where the columns of space-aligned text start: after a gutter (character
 * positions blank in nearly every row) where the header has a word. Finds
 * columns whose names hold spaces (`Local Address`, `PID/Program name`) or
 * whose values are right-aligned, which word positions alone miss.
 */
function gutterStarts(rows: readonly string[]): number[] | null {
  if (rows.length < 4) return null;
  const width = Math.min(GUTTER_WIDTH, rows.reduce((w, r) => Math.max(w, r.length), 0));
  const blank = new Int32Array(width);
  for (const r of rows) for (let c = 0; c < width; c++) if (c >= r.length || r[c] === ' ') blank[c]!++;
  const header = rows[0]!;
  const need = Math.ceil(rows.length * 0.95);
  const starts: number[] = [];
  for (let c = 1; c < Math.min(width, header.length); c++) {
    if (blank[c - 1]! >= need && blank[c]! < need && header[c] !== ' ' && header[c - 1] === ' ') starts.push(c);
  }
  if (starts.length < 2) return null;
  const all = [0, ...starts];
  // A header names each column in a word or three, from the first column on:
  // not an indented line of --help output whose description lines up.
  const cells = all.map((s, k) => header.slice(s, all[k + 1] ?? header.length).trim());
  if (cells.some((c) => c.length === 0 || c.split(/\s+/).length > 3)) return null;
  // Rows fill the columns too, not just the header.
  let filled = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    let cols = 0;
    for (const s of all) if (s < row.length && row[s] !== ' ') cols++;
    if (cols >= 2) filled++;
  }
  return filled >= (rows.length - 1) * 0.8 ? all : null;
}

/**
 * A rule that underlines each column of the header apart (`pip list`, psql):
 * one run of rule characters under each header word, starting where it does.
 * A heading's underline is one run.
 */
function underlines(rule: string, header: string): boolean {
  if (!isRule(rule)) return false;
  const r = wordSpans(clip(rule, 2000));
  const h = wordSpans(header);
  return r.length >= 2 && r.length === h.length && r.every(([s], k) => s === h[k]![0]);
}

/** `underlined`: each of its columns is underlined, which makes two columns enough. */
function looksLikeHeader(line: string, underlined: boolean): boolean {
  const words = line.trim().split(/\s+/);
  if (words.length < (underlined ? 2 : 3)) return false;
  let plain = 0;
  for (const w of words) if (/^[A-Za-z%#][A-Za-z%#_./()-]*$/.test(w)) plain++;
  return plain >= words.length * 0.8;
}

function detectAligned(rows: readonly string[], underlined: boolean): Detection | null {
  const header = rows[0];
  if (!header || header.includes('\t') || !looksLikeHeader(header, underlined)) return null;
  const body = rows.slice(1);
  if (body.length < 2) return null;
  const spans = wordSpans(header);
  let hits = 0;
  let checks = 0;
  for (const row of body) {
    for (let k = 1; k < spans.length; k++) {
      const [s, e] = spans[k]!;
      if (s >= row.length) continue;
      checks++;
      const startsHere = row[s - 1] === ' ' && row[s] !== ' ';
      const endsHere = row[e - 1] !== ' ' && row[e - 1] !== undefined && (e >= row.length || row[e] === ' ');
      if (startsHere || endsHere) hits++;
    }
  }
  if (checks === 0 || hits / checks < 0.7) {
    const starts = gutterStarts(rows);
    return starts ? { format: { kind: 'aligned', columns: starts.length, wide: false, starts }, confidence: 0.6 } : null;
  }
  const wideHeader = header.trim().split(/ {2,}/).length;
  const wideRows = body.map((r) => r.trim().split(/ {2,}/).length);
  const wide = wideHeader >= 3 && modeShare(wideRows).mode === wideHeader && modeShare(wideRows).share >= 0.7;
  const columns = wide ? wideHeader : header.trim().split(/\s+/).length;
  return { format: { kind: 'aligned', columns, wide }, confidence: (hits / checks) * 0.8 };
}

/** Preamble lines (a title, a legend) a table may have before its header. */
const MAX_PREAMBLE = 5;

/**
 * The table format of a run of non-blank lines, or null; `start` is the line
 * the table begins at, after any short preamble.
 */
export function detectTable(lines: readonly string[]): (Detection & { readonly start: number }) | null {
  // Blank and rule lines never count; rows and their field counts are computed
  // once and shared by every preamble offset tried below.
  const rows: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < lines.length && rows.length < SAMPLE + MAX_PREAMBLE; i++) {
    const l = lines[i]!;
    if (l.trim().length === 0 || isRule(l)) continue;
    rows.push(clip(l, 2000));
    at.push(i);
  }
  const counts = new Map(DELIMS.map((d) => [d, rows.map((l) => countFields(l, d))] as const));
  for (let k = 0; k <= MAX_PREAMBLE; k++) {
    const sample = rows.slice(k, k + SAMPLE);
    if (sample.length < 3) return null;
    const sliced = new Map([...counts].map(([d, c]) => [d, c.slice(k, k + SAMPLE)] as const));
    const d = detectDelimited(sample, sliced) ?? detectAligned(sample, underlines(lines[at[k]! + 1] ?? '', sample[0]!));
    if (d) return { ...d, start: at[k]! };
  }
  return null;
}

/** Fields of a row, trimmed, for comparing values across rows. */
export function fieldsOf(line: string, f: TableFormat): string[] {
  const l = clip(line, 4000);
  if (f.kind === 'delimited') return splitDelimited(l, f.delim).map((x) => x.trim());
  if (f.starts) return f.starts.map((s, k) => l.slice(s, f.starts![k + 1] ?? l.length).trim());
  const t = l.trim();
  if (f.wide) return t.split(/ {2,}/);
  const words = t.split(/\s+/);
  if (words.length <= f.columns) return words;
  return [...words.slice(0, f.columns - 1), words.slice(f.columns - 1).join(' ')];
}
