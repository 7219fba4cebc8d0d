// Orders that keep a selection evenly spread: whatever prefix of the order is
// kept, it covers the whole text (its start, its middle, its end) rather than
// its beginning only. Shared by the prose plans and the log selection.

/** Position `i` with its `bits` low bits reversed: sorting by it spreads any prefix evenly. */
function spreadKey(i: number, bits: number): number {
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
 * Indices in the order to drop them: lowest score first, and among equal
 * scores the reverse of `spread`, so that what stays of a tie is spread
 * evenly over the text.
 */
export function evenDropOrder(indices: readonly number[], score: (i: number) => number): number[] {
  const scored = indices.map((i) => [score(i), i] as const);
  scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (let a = 0; a < scored.length; ) {
    let b = a;
    while (b < scored.length && scored[b]![0] === scored[a]![0]) b++;
    const tie = scored.slice(a, b).map((p) => p[1]);
    out.push(...spread(tie).reverse());
    a = b;
  }
  return out;
}
