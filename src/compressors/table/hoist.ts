import type { Elisions } from '../marker.js';
import { isRule, splitDelimited } from './parse.js';

// A column with the same value in every row says one thing many times: it is
// taken out of the rows and said once, in a marker under the header. Only rows
// with the table's usual field count are rewritten; fields keep their raw text.

/** Fewer rows than this are not worth a note. */
const MIN_ROWS = 5;

export interface Hoisted {
  readonly header: string[];
  readonly rows: string[];
  readonly note?: string;
}

function mode(values: readonly number[]): number {
  const freq = new Map<number, number>();
  let best = 0;
  let m = 0;
  for (const v of values) {
    const f = (freq.get(v) ?? 0) + 1;
    freq.set(v, f);
    if (f > best) {
      best = f;
      m = v;
    }
  }
  return m;
}

export function hoistConstantColumns(header: string[], rows: string[], delim: string, el: Elisions): Hoisted {
  if (rows.length < MIN_ROWS) return { header, rows };
  const split = rows.map((r) => splitDelimited(r, delim));
  const width = mode(split.map((f) => f.length));
  const titleRow = [...header].reverse().find((h) => !isRule(h));
  const names = titleRow === undefined ? [] : splitDelimited(titleRow, delim);
  const constant: number[] = [];
  let regular = 0;
  for (const f of split) if (f.length === width) regular++;
  if (regular < rows.length * 0.9 || names.length !== width) return { header, rows };
  for (let c = 0; c < width; c++) {
    const name = names[c]!.trim();
    if (!name) continue; // the empty edge cells of `| a | b |` borders
    let value: string | undefined;
    let same = true;
    for (const f of split) {
      if (f.length !== width) continue;
      const v = f[c]!.trim();
      if (value === undefined) value = v;
      else if (v !== value) {
        same = false;
        break;
      }
    }
    if (same && value !== undefined && value.length <= 80) constant.push(c);
  }
  // Keep at least two columns so rows still read as a table.
  if (constant.length === 0 || width - constant.length < 2) return { header, rows };
  const drop = new Set(constant);
  const keepFields = (f: readonly string[]) => f.filter((_, c) => !drop.has(c)).join(delim);
  const sample = split.find((f) => f.length === width)!;
  const what = constant.map((c) => `${names[c]!.trim()}=${sample[c]!.trim() || '(empty)'}`).join(', ');
  const newHeader = header.map((h) => {
    const f = splitDelimited(h, delim);
    return f.length === width ? keepFields(f) : h;
  });
  const newRows = split.map((f, i) => (f.length === width ? keepFields(f) : rows[i]!));
  const note = el.omit(regular * constant.length, 'cells', `same value in every row, columns: ${what}`);
  return { header: newHeader, rows: newRows, note };
}
