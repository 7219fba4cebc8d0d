import { formatMarker } from '../marker.js';
import { type Item, isBlank, weight } from './items.js';

// Fits text to a budget, markers included: a selection keeps more at each
// step, the search finds the largest step that fits (each try one linear
// pass, so O(n log n) in all), and every run of items left out becomes one
// marker. Runs cheaper than their marker are kept as they are (a marker never
// costs more than what it replaces).

/** Sets of items to keep, each step keeping more (or as much) as the one before. */
export interface Selection {
  readonly steps: number;
  /** Marks in `kept` (cleared beforehand) the items step `step` keeps. */
  mark(step: number, kept: Uint8Array): void;
}

/** What the markers of a fit say about the runs of items they replace. */
export interface Describer {
  /** A short, fixed description of the run [from, to) ('' for a bare count). */
  what(from: number, to: number): string;
  /** The unit the run is counted in ('lines' unless said). */
  unit?(from: number, to: number): string;
  /** Names the run holds (identifiers, API names), most telling first, for markers to list. */
  names?(from: number, to: number): readonly string[];
  /** Names a kept item shows, so that no marker repeats them. */
  shown?(item: number): readonly string[];
}

export interface Fit {
  readonly items: Item[];
  /** True when something was left out. */
  readonly cut: boolean;
}

/** Share of the budget markers may spend naming what they replace. */
const NAMES_SHARE = 0.2;
/** Longest `what` a marker keeps whole (marker.ts clips longer ones). */
const MAX_WHAT = 100;

interface Gap {
  /** Items [start, end) dropped; [from, end) of them without the blank lines opening it. */
  readonly start: number;
  readonly from: number;
  readonly end: number;
  /** Only lines were dropped (no earlier marker swallowed), so the marker may name them. */
  readonly named: boolean;
  /** What its lines would cost kept. */
  readonly runCost: number;
  readonly count: number;
  readonly unit: string;
  what: string;
}

interface Layout {
  readonly cost: number;
  readonly gaps: Gap[];
}

export function fit(items: readonly Item[], selection: Selection, budget: number, est: (t: string) => number, describer: Describer): Fit {
  const layouts = makeLayouts(items, selection, est, describer);
  const all = selection.steps;
  if (layouts.at(all).cost <= budget) return { items: [...items], cut: false };
  // Lines first, within most of the budget; then the markers name what they
  // replace with the rest, a name per marker in turn so names spread evenly.
  // What the names leave unspent goes back to lines, once.
  let linesBudget = describer.names ? budget * (1 - NAMES_SHARE) : budget;
  let layout = layouts.at(0);
  for (let round = 0; round < 2; round++) {
    let lo = 0;
    let hi = all; // the whole selection is over budget
    while (lo + 1 < hi) {
      const mid = (lo + hi) >> 1;
      if (layouts.at(mid).cost <= linesBudget) lo = mid;
      else hi = mid;
    }
    layout = layouts.at(lo);
    if (!describer.names) break;
    const spent = nameGaps(items, layouts.kept, layout, budget - layout.cost, est, describer);
    const unspent = budget - layout.cost - spent;
    if (round > 0 || unspent < budget * 0.05) break;
    linesBudget += unspent;
  }
  return { items: render(items, layouts.kept, layout.gaps), cut: true };
}

function makeLayouts(items: readonly Item[], selection: Selection, est: (t: string) => number, describer: Describer) {
  const n = items.length;
  const cost = new Float64Array(n);
  for (let i = 0; i < n; i++) cost[i] = items[i]!.omitted ? 0 : est(items[i]!.text) + 1;
  const kept = new Uint8Array(n);
  // Every try lays out mostly the same markers: each is priced once.
  const priced = new Map<string, number>();
  const markerCost = (count: number, unit: string, what: string): number => {
    const key = `${count}\u0000${unit}\u0000${what}`;
    let c = priced.get(key);
    if (c === undefined) priced.set(key, (c = est(formatMarker({ count, unit, what })) + 1));
    return c;
  };

  /** Keeps what step `step` keeps and lays out the runs left out. */
  const at = (step: number): Layout => {
    kept.fill(0);
    selection.mark(step, kept);
    let total = 0;
    const gaps: Gap[] = [];
    let i = 0;
    while (i < n) {
      if (kept[i]) {
        total += cost[i]!;
        i++;
        continue;
      }
      let j = i;
      let runCost = 0;
      let count = 0;
      let markers = 0;
      while (j < n && !kept[j]) {
        runCost += cost[j]!;
        count += weight(items[j]!);
        if (items[j]!.omitted) markers++;
        j++;
      }
      let from = i;
      while (from < j && isBlank(items[from]!)) from++;
      let to = j;
      while (to > from && isBlank(items[to - 1]!)) to--;
      const only = to - from === 1 ? items[from]!.omitted : undefined;
      const what = count === 0 ? '' : only ? only.what : describer.what(from, to);
      const unit = only?.unit ?? describer.unit?.(from, to) ?? 'lines';
      const marker = count === 0 ? 0 : markerCost(count, unit, what);
      // The blank line above the marker stays (see render): only the rest is replaced.
      let replaced = runCost;
      for (let k = i; k < from; k++) replaced -= cost[k]!;
      if (count === 0 || (markers === 0 && replaced <= marker)) {
        for (let k = i; k < j; k++) kept[k] = 1;
        total += runCost;
      } else {
        total += marker + (from > i ? 1 : 0);
        gaps.push({ start: i, from, end: j, count, unit, what, named: markers === 0, runCost: replaced });
      }
      i = j;
    }
    return { cost: total, gaps };
  };
  return { at, kept };
}

/**
 * Adds names to the markers of a layout, one per marker per round, while the
 * allowance lasts; a marker never grows past what its lines would cost, and
 * a name already shown (by a kept line or an earlier marker) is not repeated.
 * Returns what the names cost.
 */
function nameGaps(items: readonly Item[], kept: Uint8Array, layout: Layout, allowance: number, est: (t: string) => number, d: Describer): number {
  const used = new Set<string>();
  if (d.shown) for (let i = 0; i < items.length; i++) if (kept[i]) for (const s of d.shown(i)) used.add(s);
  const pending = layout.gaps.map((g) => (g.named ? d.names!(g.from, g.end) : []));
  const next = new Int32Array(layout.gaps.length);
  const chosen: string[][] = layout.gaps.map(() => []);
  const whatOf = (g: Gap, names: readonly string[]) => (names.length === 0 ? g.what : g.what ? `${g.what}; ${names.join(', ')}` : names.join(', '));
  const costOf = (g: Gap, names: readonly string[]) => est(formatMarker({ count: g.count, unit: g.unit, what: whatOf(g, names) })) + 1;
  const current = layout.gaps.map((g) => costOf(g, []));
  let left = allowance;
  for (let progress = true; progress && left > 0; ) {
    progress = false;
    for (let k = 0; k < layout.gaps.length; k++) {
      const g = layout.gaps[k]!;
      const queue = pending[k]!;
      while (next[k]! < queue.length && used.has(queue[next[k]!]!)) next[k]!++;
      if (next[k]! >= queue.length) continue;
      const name = queue[next[k]!++]!;
      const names = [...chosen[k]!, name];
      if (whatOf(g, names).length > MAX_WHAT) continue;
      const cost = costOf(g, names);
      if (cost - current[k]! > left || cost >= g.runCost) continue;
      left -= cost - current[k]!;
      current[k] = cost;
      chosen[k] = names;
      used.add(name);
      progress = true;
    }
  }
  layout.gaps.forEach((g, k) => {
    g.what = whatOf(g, chosen[k]!);
  });
  return allowance - left;
}

function render(items: readonly Item[], kept: Uint8Array, gaps: readonly Gap[]): Item[] {
  const out: Item[] = [];
  let g = 0;
  let i = 0;
  while (i < items.length) {
    if (kept[i]) {
      out.push(items[i]!);
      i++;
      continue;
    }
    const gap = gaps[g++]!;
    // A blank line opening the gap stays above its marker. None is written
    // below it: the engine's check would match it to the first blank line of
    // the gap, leaving the rest of the gap unaccounted for.
    if (gap.from > gap.start) out.push({ text: items[gap.start]!.text });
    out.push({ text: indentAt(items, gap.from), omitted: { count: gap.count, what: gap.what, unit: gap.unit } });
    i = gap.end;
  }
  return out;
}

function indentAt(items: readonly Item[], at: number): string {
  const t = items[at]?.text ?? '';
  let k = 0;
  while (k < t.length && k < 40 && (t[k] === ' ' || t[k] === '\t')) k++;
  return t.slice(0, k);
}
