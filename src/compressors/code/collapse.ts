import { Elisions, MARKER_PREFIX } from '../marker.js';
import { indentOf } from '../lines.js';
import { keepAlignable } from '../diff/index.js';
import { TIER, type Region } from './regions.js';
import type { CompressContext, Elision } from '../types.js';

// Applies collapsible regions to a file while it is above budget: lower tiers
// first, the largest region of a tier first. Dropped lines are tracked per line,
// so nested and adjacent regions merge and every maximal run of dropped lines
// becomes exactly one marker naming its original line range.

/** Share of a marker's cost a collapse must save in the last-resort sweep. */
const RELAXED_GAIN = 0.3;

export interface Collapsed {
  readonly lines: string[];
  readonly elisions: readonly Elision[];
}

function markerWhat(kinds: readonly string[], first: number, last: number): string {
  const range = first === last ? `line ${first + 1}` : `lines ${first + 1}-${last + 1}`;
  return `${kinds.join(', ')}, ${range}`;
}

/** Drops regions until the estimated size fits `ctx.budgetTokens`, then renders the markers. */
export function collapseRegions(
  lines: readonly string[],
  regions: readonly Region[],
  totalTokens: number,
  ctx: CompressContext,
): Collapsed {
  const n = lines.length;
  // Per-line estimates, scaled so they add up to the whole-text estimate.
  const tok = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    tok[i] = ctx.estimateTokens(lines[i]!) + 0.5;
    sum += tok[i]!;
  }
  const scale = sum > 0 ? totalTokens / sum : 1;
  for (let i = 0; i < n; i++) tok[i]! *= scale;

  const dropped = new Uint8Array(n);
  const kindOf: string[] = new Array<string>(n);

  const valid = regions.filter((r) => r.start >= 0 && r.end < n && r.start <= r.end);
  const size = new Map<Region, number>();
  for (const r of valid) {
    let s = 0;
    for (let i = r.start; i <= r.end; i++) s += tok[i]!;
    size.set(r, s);
  }
  const order = [...valid].sort(
    (a, b) => a.tier - b.tier || size.get(b)! - size.get(a)! || a.start - b.start || a.end - b.end,
  );

  const runsIn = (lo: number, hi: number): number => {
    let runs = 0;
    for (let i = lo; i <= hi; i++) if (dropped[i] && (i === lo || !dropped[i - 1])) runs++;
    return runs;
  };

  let current = totalTokens;
  const apply = (r: Region, minGain: number): void => {
    let saved = 0;
    for (let i = r.start; i <= r.end; i++) if (!dropped[i]) saved += tok[i]!;
    if (saved === 0) return;
    const lo = Math.max(0, r.start - 1);
    const hi = Math.min(n - 1, r.end + 1);
    const before = runsIn(lo, hi);
    const undo: number[] = [];
    for (let i = r.start; i <= r.end; i++) {
      if (!dropped[i]) {
        dropped[i] = 1;
        undo.push(i);
      }
    }
    const after = runsIn(lo, hi);
    const marker = `${indentOf(lines[r.start]!)}${MARKER_PREFIX}${r.end - r.start + 1} lines omitted (${markerWhat([r.kind], r.start, r.end)})]`;
    const markerCost = ctx.estimateTokens(marker);
    const delta = (after - before) * markerCost - saved;
    // One line for one marker is only worth it when the line is long.
    const gain = undo.length === 1 ? Math.max(minGain, 2) : minGain;
    if (delta >= 0 || (after > before && -delta < markerCost * gain)) {
      for (const i of undo) dropped[i] = 0;
      return;
    }
    for (let i = r.start; i <= r.end; i++) if (dropped[i]) kindOf[i] = r.kind;
    current += delta;
  };
  // First the outline proper (comment tails, blocks, bodies), where a new
  // marker must pay for itself twice over so a short comment or a two-line body
  // is not traded for a marker of about its size; then the same regions as long
  // as each still saves something; then whole doc comments of fields and
  // private declarations, whole private declarations, and last the docs of
  // the public API.
  const sweeps: ReadonlyArray<readonly [number, number]> = [
    [TIER.wholeComment, 1],
    [TIER.wholeComment, RELAXED_GAIN],
    [TIER.publicDoc, RELAXED_GAIN],
  ];
  for (const [maxTier, minGain] of sweeps) {
    for (const r of order) {
      if (current <= ctx.budgetTokens) break;
      if (r.tier <= maxTier) apply(r, minGain);
    }
  }
  if (current > ctx.budgetTokens) mergeAcrossBlanks(lines, dropped, kindOf);
  // The guard must find each kept line where it is, not at a twin inside a dropped run.
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) keep[i] = dropped[i] ? 0 : 1;
  keepAlignable(lines, keep);
  for (let i = 0; i < n; i++) {
    if (keep[i] === 1 - dropped[i]!) continue;
    dropped[i] = keep[i] ? 0 : 1;
    // A blank line that joins a run takes its neighbour's kind for the marker.
    if (dropped[i]) kindOf[i] = kindOf[i - 1] ?? kindOf[i + 1] ?? 'blank';
  }
  return render(lines, dropped, kindOf);
}

/** Blank lines between two dropped runs go too, so the runs share one marker. */
function mergeAcrossBlanks(lines: readonly string[], dropped: Uint8Array, kindOf: string[]): void {
  let i = 0;
  while (i < lines.length) {
    if (!dropped[i]) {
      i++;
      continue;
    }
    while (i < lines.length && dropped[i]) i++;
    let j = i;
    while (j < lines.length && !dropped[j] && lines[j]!.trim() === '') j++;
    if (j > i && j < lines.length && dropped[j]) {
      for (let k = i; k < j; k++) {
        dropped[k] = 1;
        kindOf[k] = kindOf[i - 1]!;
      }
    }
    i = j;
  }
}

function render(lines: readonly string[], dropped: Uint8Array, kindOf: readonly string[]): Collapsed {
  const out: string[] = [];
  const elisions = new Elisions();
  let i = 0;
  while (i < lines.length) {
    if (!dropped[i]) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    const first = i;
    const kinds: string[] = [];
    let indent: string | undefined;
    while (i < lines.length && dropped[i]) {
      const k = kindOf[i];
      if (k && !kinds.includes(k)) kinds.push(k);
      if (indent === undefined && lines[i]!.trim() !== '') indent = indentOf(lines[i]!);
      i++;
    }
    // CRLF files keep their line ending on the marker too.
    const eol = lines[first]!.endsWith('\r') ? '\r' : '';
    out.push((indent ?? '') + elisions.omit(i - first, 'lines', markerWhat(kinds, first, i - 1)) + eol);
  }
  return { lines: out, elisions: elisions.list };
}
