import { clip } from '../lines.js';
import { type TableFormat, fieldsOf } from './parse.js';

// Which data rows of a long table a reader needs: the first and last rows (to
// see the shape and the end), rows that report trouble, and outliers: a value
// seen once in a column that otherwise repeats a few values (the one pod not
// Running), and the largest value of each numeric column (the busiest process,
// the fullest disk).

/**
 * A status that reports trouble, matched at the start of a field so that the
 * word "error" inside a description does not count ("Exited (1) 2 hours ago",
 * "CrashLoopBackOff", "FAILED", "error: disk full").
 */
const TROUBLE =
  /^(?:errors?\b|err[A-Z_:]|fail|fatal|crash|panic|exception|denied|refused|unhealthy|oomkilled|evicted|imagepullbackoff|timed? ?out|killed|invalid|missing|unreachable|exited \([1-9]|notready|unknown|pending|terminating|degraded|down\b|dead\b|offline|critical|warn)/i;

export function isTroubleRow(line: string, format: TableFormat): boolean {
  for (const f of fieldsOf(line, format)) {
    const v = clip(f, 200);
    if (TROUBLE.test(v) || v.includes('(unhealthy)')) return true;
  }
  return false;
}

function numeric(v: string): number | undefined {
  const m = /^-?\d+(?:\.\d+)?(?=%?$|[KMGTP]i?B?$)/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[0]);
  if (!Number.isFinite(n)) return undefined;
  const unit = v.slice(m[0].length).toUpperCase()[0];
  const scale = unit === 'K' ? 1e3 : unit === 'M' ? 1e6 : unit === 'G' ? 1e9 : unit === 'T' ? 1e12 : unit === 'P' ? 1e15 : 1;
  return n * scale;
}

/** Indexes (into `rows`) of outlier rows, most telling first. */
export function outlierRows(rows: readonly string[], format: TableFormat): number[] {
  const fields = rows.map((r) => fieldsOf(r, format));
  const width = fields.reduce((w, f) => Math.max(w, f.length), 0);
  const picked: number[] = [];
  if (rows.length < 8) return picked;
  for (let c = 0; c < width && c < 64; c++) {
    const counts = new Map<string, number>();
    let numericCount = 0;
    let maxAt = -1;
    let max = -Infinity;
    for (let r = 0; r < fields.length; r++) {
      const v = fields[r]![c] ?? '';
      counts.set(v, (counts.get(v) ?? 0) + 1);
      const n = numeric(v);
      if (n !== undefined) {
        numericCount++;
        if (n > max) {
          max = n;
          maxAt = r;
        }
      }
    }
    if (numericCount >= rows.length * 0.9) {
      if (maxAt >= 0 && counts.size > 1) picked.push(maxAt);
      continue;
    }
    // A categorical column: few distinct values, so one seen once stands out.
    if (counts.size < 2 || counts.size > Math.max(3, rows.length / 10)) continue;
    for (let r = 0; r < fields.length; r++) if (counts.get(fields[r]![c] ?? '') === 1) picked.push(r);
  }
  return picked;
}

export interface RowPlan {
  /** Indexes into `rows` to keep, ascending. */
  readonly keep: number[];
}

/** Rows to keep so that about `maxRows` data rows remain. */
export function planRows(rows: readonly string[], format: TableFormat, maxRows: number): RowPlan {
  const n = rows.length;
  const head = Math.min(20, Math.max(3, Math.floor(maxRows * 0.5)));
  const tail = Math.min(5, Math.max(1, Math.floor(maxRows * 0.15)));
  const keep = new Set<number>();
  for (let i = 0; i < Math.min(head, n); i++) keep.add(i);
  for (let i = Math.max(0, n - tail); i < n; i++) keep.add(i);
  // Trouble rows are kept beyond the plan, up to a cap: they are why one reads the table.
  let trouble = 0;
  for (let i = 0; i < n && trouble < 30; i++) {
    if (!keep.has(i) && isTroubleRow(rows[i]!, format)) {
      keep.add(i);
      trouble++;
    }
  }
  let room = Math.max(3, maxRows - head - tail);
  for (const r of outlierRows(rows, format)) {
    if (room <= 0) break;
    if (!keep.has(r)) {
      keep.add(r);
      room--;
    }
  }
  return { keep: [...keep].sort((a, b) => a - b) };
}
