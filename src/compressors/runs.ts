// Shared by the compressors that keep some lines verbatim and fold the rest
// into markers (listing, search): the runs of left-out lines between kept
// ones, the costs that size them, and the one trap of the engine's check
// (a kept line equal to a line of the run before it). Nothing here knows a
// format.

/** Per-line facts that do not change while a budget is searched. */
export interface LineFacts {
  /** Estimated tokens of each line, newline included. */
  readonly cost: Float64Array;
  /** Equal lines (trailing blanks aside) share an id. */
  readonly lineId: Int32Array;
  /** Scratch for `absorbEchoes`: the run each line id was last seen in. */
  readonly seen: Int32Array;
}

export function lineFacts(lines: readonly string[], est: (s: string) => number): LineFacts {
  const ids = new Map<string, number>();
  const lineId = new Int32Array(lines.length);
  const cost = new Float64Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    cost[i] = est(l) + 1;
    const key = l.trimEnd();
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    lineId[i] = id;
  }
  return { cost, lineId, seen: new Int32Array(ids.size) };
}

/**
 * A kept line equal to a line of the run just before it would be read as that
 * earlier line (outputs are checked by matching each line to its first place
 * in the input), leaving the rest of the run unmarked: it joins the run.
 */
export function absorbEchoes(facts: LineFacts, keep: Uint8Array): void {
  const { lineId, seen } = facts;
  seen.fill(-1);
  const n = keep.length;
  for (let i = 0; i < n; ) {
    if (keep[i]) {
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      while (j < n && !keep[j]) seen[lineId[j++]!] = i;
      if (j >= n || seen[lineId[j]!] !== i) break;
      keep[j] = 0;
    }
    i = j;
  }
}

/** A run of left-out lines [from, to), and whether it becomes a marker (else it is shown after all). */
export interface Run {
  readonly from: number;
  readonly to: number;
  readonly fold: boolean;
}

/** The runs of left-out lines; `fold` decides, per run and its cost, whether a marker replaces it. */
export function runsOf(keep: Uint8Array, cost: Float64Array, fold: (from: number, to: number, tokens: number) => boolean): Run[] {
  const runs: Run[] = [];
  const n = keep.length;
  for (let i = 0; i < n; ) {
    if (keep[i]) {
      i++;
      continue;
    }
    let j = i;
    let tokens = 0;
    for (; j < n && !keep[j]; j++) tokens += cost[j]!;
    runs.push({ from: i, to: j, fold: fold(i, j, tokens) });
    i = j;
  }
  return runs;
}

/** Output lines: kept lines and runs shown after all as they are, each folded run as its marker line. */
export function renderRuns(lines: readonly string[], runs: readonly Run[], marker: (r: Run) => string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const r of runs) {
    for (let i = at; i < r.from; i++) out.push(lines[i]!);
    if (r.fold) out.push(marker(r));
    else for (let i = r.from; i < r.to; i++) out.push(lines[i]!);
    at = r.to;
  }
  for (let i = at; i < lines.length; i++) out.push(lines[i]!);
  return out;
}

/** The largest n in [0, max] that `fits` (assumed about monotonic: more lines, more tokens), or 0. */
export function largestFitting(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
