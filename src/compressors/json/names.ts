import type { Elisions } from '../marker.js';
import { fewSmallValues, nameable } from './collections.js';
import { type JNode, Kind } from './node.js';
import { keepAll } from './select.js';

// Entries of a map that a lossy rendering names rather than shows. A map's key
// is its entry's identity (a package, a MIME type, a global): selection names
// every entry it can before it shows any value (select.ts), and the renderer
// lists the names of a run of such entries, as the source prints them, in the
// run's marker: `[headroom: 37 entries omitted (false: "alert", "atob", true: "Blob")]`,
// with their values when they are a few short ones. A run whose marker would
// be longer than its entries is shown instead.

/** Selection left `k` named only: a scalar it did not show, or a container with none of its members kept. */
export function namedOnly(k: JNode): boolean {
  if (!k.parent?.map || !nameable(k)) return false;
  if (k.kind === Kind.Scalar) return k.named && !k.keep;
  return k.keep ? k.kids.length > 0 && !k.kids.some((x) => x.keep) : k.named;
}

/** The names a marker lists for `run`: keys as printed, each group of one value led by it when values are stated. */
function listed(map: JNode, run: readonly JNode[]): string[] {
  if (!fewSmallValues(map)) return run.map((k) => k.key);
  const groups = new Map<string, string[]>();
  for (const k of run) {
    let g = groups.get(k.raw);
    if (!g) groups.set(k.raw, (g = []));
    g.push(k.key);
  }
  const out: string[] = [];
  for (const [value, keys] of groups) keys.forEach((key, i) => out.push(i === 0 ? `${value}: ${key}` : key));
  return out;
}

/** Characters of the marker line listing `names` (no indentation), as formatMarker writes it. */
function markerChars(names: readonly string[]): number {
  let n = 40;
  for (const s of names) n += s.length + 2;
  return n;
}

/** Characters of showing `k` as JSON on a line of its own (a kept container as its empty shell). */
function entryChars(k: JNode, indent: number, colon: number): number {
  const value = k.kind === Kind.Scalar ? k.raw.length : 2;
  return indent + k.key.length + colon + value + 2;
}

/**
 * The entries of `map` its markers name. Runs of named entries whose marker
 * would cost more than showing them are shown instead (marked kept here).
 */
export function planNames(map: JNode, indent: number, colon: number): Set<JNode> {
  const named = new Set<JNode>();
  const kids = map.kids;
  for (let i = 0; i < kids.length; ) {
    if (!namedOnly(kids[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < kids.length && namedOnly(kids[j]!)) j++;
    const run = kids.slice(i, j);
    let shown = 0;
    for (const k of run) shown += entryChars(k, indent, colon);
    if (markerChars(listed(map, run)) < shown) for (const k of run) named.add(k);
    else for (const k of run) if (k.kind === Kind.Scalar || !k.keep) keepAll(k, false);
    i = j;
  }
  return named;
}

/** The marker of a run of named entries: their keys as printed, with their values when the map's are a few short ones. */
export function namesMarker(map: JNode, run: readonly JNode[], el: Elisions): string {
  return el.omit(run.length, 'entries', '', listed(map, run));
}
