import { Elisions, formatMarker } from '../marker.js';
import { type RunDescription, describe, kindOf } from './describe.js';
import { Kind, type Listing } from './parse.js';
import type { Ranking } from './rank.js';
import { type LineFacts, type Run, absorbEchoes, lineFacts, renderRuns, runsOf } from '../runs.js';

// Turns a choice of lines into output: kept lines verbatim, and each run of
// left-out lines folded into one marker that names its pattern (how many
// files, of which kinds, under which directory). A run too short to be a
// pattern, or cheaper than its marker, is shown instead.

/** What a marker costs at least, in estimated tokens: a run must cost more to be folded. */
const MARKER_TOKENS = 16;
/** What the engine's guard adds to a marker, about: the count of the paths it folded (`; incl. 22 paths`). */
const GUARD_CLAUSE = 8;
/** A run is folded only when it holds this many entries... */
const MIN_ENTRIES = 3;
/** ...and costs at least this many markers. */
const MIN_MARKERS = 2;

/** What does not change while the budget is searched. */
export interface Layout extends LineFacts {
  readonly lines: readonly string[];
  readonly listing: Listing;
  readonly ranking: Ranking;
  readonly est: (s: string) => number;
  /** File kind of each item (`ts`, `d.ts`, '' for none), for markers. */
  readonly fileKind: readonly string[];
  /** Marker text and cost of each run seen while the budget is searched (most runs recur). */
  readonly described: Map<string, { d: RunDescription; tokens: number }>;
}

export function layout(lines: readonly string[], listing: Listing, ranking: Ranking, est: (s: string) => number): Layout {
  const fileKind = listing.items.map((it) => (it.isDir ? '' : kindOf(it.name)));
  return { ...lineFacts(lines, est), lines, listing, ranking, est, fileKind, described: new Map() };
}

/** Which lines stay when the `n` most wanted ranked lines are added to those always kept. */
export function keptLines(lay: Layout, n: number): Uint8Array {
  const { listing, ranking } = lay;
  const { kinds, itemOf, sectionOf, items } = listing;
  const count = kinds.length;
  const keep = new Uint8Array(count);
  for (let i = 0; i < count; i++) keep[i] = ranking.always[i]!;
  for (let k = 0; k < n && k < ranking.order.length; k++) keep[ranking.order[k]!] = 1;
  // A section's header, `total`, `.` and `..` stay with any entry of it.
  const shown = new Uint8Array(items.length);
  for (let i = 0; i < count; i++) {
    if (!keep[i] || kinds[i] !== Kind.Entry) continue;
    const p = items[itemOf[i]!]?.parent ?? -1;
    if (p >= 0) shown[p] = 1;
  }
  for (let i = 0; i < count; i++) {
    const k = kinds[i];
    if (k === Kind.Header || k === Kind.Total) {
      const s = sectionOf[i]!;
      keep[i] = s < 0 || shown[s] || ranking.depth[s]! <= 0 ? 1 : 0;
    }
  }
  // A blank line stays between two lines that stay.
  for (let i = 0; i < count; i++) if (kinds[i] === Kind.Blank) keep[i] = (i === 0 || keep[i - 1]) && i + 1 < count && keep[i + 1] ? 1 : 0;
  absorbEchoes(lay, keep);
  return keep;
}

function runs(lay: Layout, keep: Uint8Array): Run[] {
  const { kinds } = lay.listing;
  return runsOf(keep, lay.cost, (from, to, tokens) => {
    if (tokens < MIN_MARKERS * MARKER_TOKENS) return false;
    let entries = 0;
    for (let i = from; i < to && entries < MIN_ENTRIES; i++) if (kinds[i] === Kind.Entry) entries++;
    return entries >= MIN_ENTRIES;
  });
}

/** A run's marker and its cost, described once per run while the budget is searched. */
function marker(lay: Layout, r: Run, lean: boolean): { d: RunDescription; tokens: number } {
  const key = `${r.from}:${r.to}:${lean ? 1 : 0}`;
  let m = lay.described.get(key);
  if (!m) {
    const d = describe(lay, r.from, r.to, lean);
    lay.described.set(key, (m = { d, tokens: lay.est(formatMarker(d)) }));
  }
  return m;
}

/** Estimated size of the output for a choice of lines, markers as written; past `limit` it stops counting. */
export function sizeOf(lay: Layout, keep: Uint8Array, lean: boolean, limit = Infinity): number {
  const { cost } = lay;
  let total = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) total += cost[i]!;
  if (total > limit) return total;
  for (const r of runs(lay, keep)) {
    if (r.fold) total += marker(lay, r, lean).tokens + GUARD_CLAUSE;
    else for (let i = r.from; i < r.to; i++) total += cost[i]!;
  }
  return total;
}

/** The output lines: kept lines verbatim, folded runs as one marker each, at the run's indentation. */
export function render(lay: Layout, keep: Uint8Array, lean: boolean, el: Elisions): string[] {
  const { listing } = lay;
  return renderRuns(lay.lines, runs(lay, keep), (r) => {
    let first = r.from;
    while (first < r.to && listing.kinds[first] !== Kind.Entry) first++;
    const { d } = marker(lay, r, lean);
    return ' '.repeat(Math.min(listing.indent[first] ?? 0, 80)) + el.omit(d.count, d.unit, d.what);
  });
}
