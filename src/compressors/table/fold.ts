import { clip } from '../lines.js';
import { criticalTemplate, isCriticalLine } from '../guard/index.js';
import { type Describer, type Selection, spread } from '../prose/index.js';
import { fieldsOf } from './parse.js';
import { isTroubleRow, outlierRows } from './rows.js';
import type { TableSpan } from './spans.js';

// Which rows of long tables stay, step by step, as the budget allows: every
// line that is not a data row (titles, headers, rules, footers); then rows in
// trouble (a failed status, an error); then each table's first and last rows
// and its outliers; then rows at round fractions of each table (every half,
// fifth, tenth, twentieth...), so what is kept samples the whole table evenly.
// A marker says what the rows it folds held: the range of their identifying
// column and the values every one of them shares.

/** Tables shorter than this are read whole. */
const MIN_ROWS_TO_CUT = 12;
/** How many intervals the sample rows cut a table into, level by level: round fractions. */
const INTERVALS = [1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000];
/** A column with at most this many values is a category (a status, a type), not a measure. */
const MAX_CATEGORIES = 12;
const MAX_WHAT = 100;

interface Table {
  readonly span: TableSpan;
  readonly names: readonly string[];
  /** Fields of each data row, by row number in the table. */
  readonly fields: readonly (readonly string[])[];
  /** The column whose values name the rows (nearly all distinct), or -1. */
  readonly idColumn: number;
  /** Columns with few distinct values. */
  readonly categories: readonly number[];
}

function describeTable(lines: readonly string[], span: TableSpan): Table {
  const fields: string[][] = [];
  for (let i = span.rowsStart; i < span.rowsEnd; i++) fields.push(fieldsOf(lines[i]!, span.format));
  const names = fieldsOf(lines[span.header]!, span.format);
  const width = Math.min(64, names.length);
  let idColumn = -1;
  const categories: number[] = [];
  for (let c = 0; c < width; c++) {
    const values = new Set<string>();
    let empty = 0;
    for (const f of fields) {
      const v = f[c] ?? '';
      if (v === '') empty++;
      values.add(v);
    }
    if (idColumn < 0 && empty === 0 && values.size >= fields.length * 0.9) idColumn = c;
    else if (values.size >= 2 && values.size <= MAX_CATEGORIES && values.size <= fields.length / 4) categories.push(c);
  }
  return { span, names, fields, idColumn, categories };
}

export interface Fold {
  readonly selection: Selection;
  readonly describer: Describer;
}

export function foldTables(lines: readonly string[], spans: readonly TableSpan[]): Fold {
  const n = lines.length;
  const tables = spans.filter((s) => s.rowsEnd - s.rowsStart >= MIN_ROWS_TO_CUT).map((s) => describeTable(lines, s));
  const tableOf = new Int32Array(n).fill(-1);
  tables.forEach((t, k) => tableOf.fill(k, t.span.rowsStart, t.span.rowsEnd));

  const frame: number[] = [];
  for (let i = 0; i < n; i++) if (tableOf[i]! < 0 && lines[i]!.trim().length > 0) frame.push(i);
  const troubled: number[] = [];
  const templates = new Set<string>();
  const ends: number[] = [];
  for (const t of tables) {
    const { rowsStart, rowsEnd } = t.span;
    for (let i = rowsStart; i < rowsEnd; i++) {
      const line = clip(lines[i]!, 500);
      if (isTroubleRow(t.fields[i - rowsStart]!)) troubled.push(i);
      else if (isCriticalLine(line)) {
        // One row per kind of trouble line is what the engine's check asks for.
        const key = criticalTemplate(line);
        if (!templates.has(key)) {
          templates.add(key);
          troubled.push(i);
        }
      }
    }
    ends.push(rowsStart, rowsEnd - 1, ...outlierRows(t.fields).map((r) => rowsStart + r));
  }
  const trouble = spread(troubled);
  const longest = tables.reduce((m, t) => Math.max(m, t.fields.length), 0);
  let levels = 0;
  while (levels < INTERVALS.length && INTERVALS[levels]! < longest - 1) levels++;
  levels++; // the last level keeps every row

  const selection: Selection = {
    steps: trouble.length + 1 + levels,
    mark(step, kept) {
      for (const i of frame) kept[i] = 1;
      for (let k = 0; k < Math.min(step, trouble.length); k++) kept[trouble[k]!] = 1;
      if (step <= trouble.length) return;
      for (const i of ends) kept[i] = 1;
      const level = step - trouble.length - 2;
      if (level < 0) return;
      const intervals = level < INTERVALS.length ? INTERVALS[level]! : Infinity;
      for (const t of tables) {
        const rows = t.fields.length;
        if (intervals >= rows - 1) kept.fill(1, t.span.rowsStart, t.span.rowsEnd);
        else for (let k = 0; k <= intervals; k++) kept[t.span.rowsStart + Math.round((k * (rows - 1)) / intervals)] = 1;
      }
    },
  };

  const onlyRows = (from: number, to: number): number => {
    let table = -2;
    for (let i = from; i < to; i++) {
      if (lines[i]!.trim().length === 0) continue;
      const k = tableOf[i]!;
      if (k < 0 || (table !== -2 && k !== table)) return -1;
      table = k;
    }
    return table;
  };
  const describer: Describer = {
    unit: (from, to) => (onlyRows(from, to) >= 0 ? 'rows' : 'lines'),
    what(from, to) {
      const k = onlyRows(from, to);
      if (k < 0) return '';
      const t = tables[k]!;
      const first = from - t.span.rowsStart;
      const last = to - 1 - t.span.rowsStart;
      const parts: string[] = [];
      if (t.idColumn >= 0) {
        const a = t.fields[first]![t.idColumn]!;
        const b = t.fields[last]![t.idColumn]!;
        parts.push(`${t.names[t.idColumn] ?? ''} ${a === b ? a : `${a}–${b}`}`.trim());
      }
      for (const c of t.categories) {
        if (parts.length >= 3) break;
        const v = t.fields[first]![c] ?? '';
        let same = v !== '';
        for (let r = first + 1; r <= last && same; r++) same = (t.fields[r]![c] ?? '') === v;
        if (same) parts.push(`${t.names[c] ?? `column ${c + 1}`}=${v}`);
      }
      let what = '';
      for (const p of parts) {
        const next = what ? `${what}; ${p}` : p;
        if (next.length > MAX_WHAT) break;
        what = next;
      }
      return what;
    },
  };
  return { selection, describer };
}
