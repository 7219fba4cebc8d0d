import { clip } from '../lines.js';

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

export function isTroubleRow(fields: readonly string[]): boolean {
  for (const f of fields) {
    const v = clip(f, 200);
    if (TROUBLE.test(v) || v.includes('(unhealthy)')) return true;
  }
  return false;
}

/** A few outliers tell; a column of many singles is not one of categories. */
const MAX_PER_COLUMN = 3;
const MAX_OUTLIERS = 12;

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
export function outlierRows(fields: readonly (readonly string[])[]): number[] {
  const rows = fields;
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
    let singles = 0;
    for (let r = 0; r < fields.length && singles < MAX_PER_COLUMN; r++) {
      if (counts.get(fields[r]![c] ?? '') !== 1) continue;
      picked.push(r);
      singles++;
    }
  }
  return picked.slice(0, MAX_OUTLIERS);
}
