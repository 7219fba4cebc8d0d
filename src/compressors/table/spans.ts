import { clip } from '../lines.js';
import { type TableFormat, detectTable, isRule } from './parse.js';

// Where the tables of a text are: each run of non-blank lines is looked at on
// its own (psql prints a title and a footer, vmstat and top print a summary
// first), and each table found is split into its frame (rules, the header, a
// footer such as `(42 rows)`) and its data rows.

export interface TableSpan {
  readonly format: TableFormat;
  /** The header line. */
  readonly header: number;
  /** Data rows [rowsStart, rowsEnd) as line indexes of the whole text. */
  readonly rowsStart: number;
  readonly rowsEnd: number;
}

function blankSeparated(lines: readonly string[]): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim().length === 0) i++;
    const s = i;
    while (i < lines.length && lines[i]!.trim().length > 0) i++;
    if (i > s) out.push([s, i]);
  }
  return out;
}

const FOOTER = /^\(\d+ rows?\)$/;

export function findTables(lines: readonly string[]): TableSpan[] {
  const tables: TableSpan[] = [];
  for (const [s, e] of blankSeparated(lines)) {
    const d = detectTable(lines.slice(s, e));
    if (!d) continue;
    let h = s + d.start;
    while (h < e && isRule(lines[h]!)) h++;
    const header = h++;
    while (h < e && isRule(lines[h]!)) h++;
    let t = e;
    while (t > h && (isRule(lines[t - 1]!) || FOOTER.test(clip(lines[t - 1]!.trim(), 40)))) t--;
    if (t > h) tables.push({ format: d.format, header, rowsStart: h, rowsEnd: t });
  }
  return tables;
}
