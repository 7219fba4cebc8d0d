import { Elisions } from '../marker.js';
import { indentOf } from '../lines.js';

// The selection engine the three line-log compressors share: each line gets a
// keep flag, a cost and a label; dropping happens in priority order while the
// output (kept lines plus one marker per dropped run) is above a target, and
// rendering puts exactly one marker where each run of dropped lines was.

/** Rough token cost of one marker line, used while deciding (rendering is exact). */
export const MARKER_COST = 14;
/** Rough token cost of an inline marker at the end of a cut line (`[headroom: 6543 chars omitted]`). */
const INLINE_MARKER_COST = 10;

export class LineSelection {
  readonly keep: Uint8Array;
  readonly cost: Float64Array;
  /** Characters kept of a line cut short (0: the whole line). */
  private readonly cutAt: Int32Array;
  private total = 0;
  private runs = 0;

  /**
   * Every line kept, or only those `kept` flags: a line dropped from the start
   * is never costed (most lines of a log are repeats, dropped before anything
   * is weighed).
   */
  constructor(
    readonly lines: readonly string[],
    private readonly estimate: (text: string) => number,
    kept?: Uint8Array,
  ) {
    const n = lines.length;
    this.keep = kept ? Uint8Array.from(kept) : new Uint8Array(n).fill(1);
    this.cost = new Float64Array(n);
    this.cutAt = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.keep[i] !== 1) {
        if (i === 0 || this.keep[i - 1] === 1) this.runs++;
        continue;
      }
      // +0.5 for the newline, which estimateTokens charges per line.
      const c = estimate(lines[i]!) + 0.5;
      this.cost[i] = c;
      this.total += c;
    }
  }

  /** Estimated tokens of the rendered output. */
  tokens(): number {
    return this.total + this.runs * MARKER_COST;
  }

  isKept(i: number): boolean {
    return this.keep[i] === 1;
  }

  /** Drops line i, keeping the run count (hence marker cost) exact. */
  drop(i: number): void {
    if (this.keep[i] !== 1) return;
    const prevDropped = i > 0 && this.keep[i - 1] === 0;
    const nextDropped = i + 1 < this.keep.length && this.keep[i + 1] === 0;
    this.keep[i] = 0;
    this.total -= this.cost[i]!;
    if (prevDropped && nextDropped) this.runs--;
    else if (!prevDropped && !nextDropped) this.runs++;
  }

  /**
   * Keeps only the first `at` characters of kept line i, with an inline marker
   * for the rest (rendered exactly; costed here as a marker of its own).
   */
  shorten(i: number, at: number): void {
    if (this.keep[i] !== 1 || at <= 0 || at >= this.lines[i]!.length) return;
    const c = this.estimate(this.lines[i]!.slice(0, at)) + INLINE_MARKER_COST + 0.5;
    this.total += c - this.cost[i]!;
    this.cost[i] = c;
    this.cutAt[i] = at;
  }

  /**
   * Drops the given lines in order (lowest priority first) until the output is
   * at most `target` tokens. Returns true when the target was reached.
   */
  dropUntil(order: readonly number[], target: number): boolean {
    for (const i of order) {
      if (this.tokens() <= target) return true;
      this.drop(i);
    }
    return this.tokens() <= target;
  }

  /**
   * Drops blank lines that sit between two dropped runs, so the runs merge into
   * one marker instead of two separated by an empty line. Returns the lines dropped.
   */
  absorbBlanks(): number[] {
    const dropped: number[] = [];
    const n = this.lines.length;
    for (let i = 1; i < n; i++) {
      if (this.keep[i] !== 1 || this.keep[i - 1] !== 0 || this.lines[i]!.trim() !== '') continue;
      let j = i;
      while (j < n && this.keep[j] === 1 && this.lines[j]!.trim() === '') j++;
      if (j < n && this.keep[j] === 1) continue;
      for (let k = i; k < j; k++) {
        this.drop(k);
        dropped.push(k);
      }
      i = j;
    }
    return dropped;
  }

  /** Kept lines plus one marker per dropped run, described by the labels of its lines. */
  render(label: (i: number) => string, unit = 'lines'): { lines: string[]; elisions: Elisions } {
    const out: string[] = [];
    const el = new Elisions();
    const n = this.lines.length;
    let i = 0;
    while (i < n) {
      if (this.keep[i] === 1) {
        const line = this.lines[i]!;
        const at = this.cutAt[i]!;
        out.push(at > 0 ? `${line.slice(0, at)}${el.cut(line.length - at)}` : line);
        i++;
        continue;
      }
      const start = i;
      const counts = new Map<string, number>();
      while (i < n && this.keep[i] === 0) {
        const l = label(i);
        counts.set(l, (counts.get(l) ?? 0) + 1);
        i++;
      }
      out.push(indentOf(this.lines[start]!) + el.omit(i - start, unit, describeRun(counts)));
    }
    return { lines: out, elisions: el };
  }
}

/** "what" of a marker: the kinds of line in the run, commonest first. */
function describeRun(counts: ReadonlyMap<string, number>): string {
  const kinds = [...counts].sort((a, b) => b[1] - a[1]).map((e) => e[0]);
  return kinds.length > 3 ? `${kinds.slice(0, 3).join(', ')}, ...` : kinds.join(', ');
}

/** Indices sorted by ascending score, ties broken by later position first (earlier lines matter more). */
export function dropOrder(indices: readonly number[], score: (i: number) => number): number[] {
  const withScore = indices.map((i) => [score(i), i] as const);
  withScore.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  return withScore.map((p) => p[1]);
}
