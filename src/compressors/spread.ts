// Orders that keep a selection evenly spread: whatever prefix of the order is
// kept, it covers the whole text (its start, its middle, its end) rather than
// its beginning only. `spread` serves the prose plans, `spreadKey` the JSON
// list blocks, `bisect` the search and diff ranks and `evenDropOrder` the log selection.

/** Position `i` with its `bits` low bits reversed (the van der Corput order): sorting by it spreads any prefix evenly. */
export function spreadKey(i: number, bits: number): number {
  let r = 0;
  for (let b = 0; b < bits; b++) r = (r << 1) | ((i >> b) & 1);
  return r;
}

/** `members` (in text order) reordered so that every prefix is spread evenly over them. */
export function spread<T>(members: readonly T[]): T[] {
  let bits = 0;
  while (1 << bits < members.length) bits++;
  const keyed = members.map((m, i) => [spreadKey(i, bits), m] as const);
  keyed.sort((a, b) => a[0] - b[0]);
  return keyed.map((k) => k[1]);
}

/**
 * `members` (in text order) reordered so that every prefix covers them evenly
 * and reaches both ends: the first, the last, the middle, then the middles of
 * each half, and so on (breadth-first bisection; linear).
 */
export function bisect<T>(members: readonly T[]): T[] {
  const n = members.length;
  if (n <= 2) return members.slice();
  const out: T[] = [members[0]!, members[n - 1]!];
  let spans: number[] = [0, n - 1];
  while (spans.length > 0) {
    const next: number[] = [];
    for (let s = 0; s < spans.length; s += 2) {
      const lo = spans[s]!;
      const hi = spans[s + 1]!;
      if (hi - lo < 2) continue;
      const mid = (lo + hi) >> 1;
      out.push(members[mid]!);
      next.push(lo, mid, mid, hi);
    }
    spans = next;
  }
  return out;
}

/**
 * Indices in the order to drop them: lowest score first, and among equal
 * scores the reverse of `bisect`, so that what stays of a tie is spread
 * evenly over the text, its first and last members the last to go.
 */
export function evenDropOrder(indices: readonly number[], score: (i: number) => number): number[] {
  const scored = indices.map((i) => [score(i), i] as const);
  scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (let a = 0; a < scored.length; ) {
    let b = a;
    while (b < scored.length && scored[b]![0] === scored[a]![0]) b++;
    const tie = scored.slice(a, b).map((p) => p[1]);
    out.push(...bisect(tie).reverse());
    a = b;
  }
  return out;
}
