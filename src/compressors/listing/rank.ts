import { Kind, type Listing } from './parse.js';
import { extOf, isDotfile, isManifest } from './rules.js';

// Decides which lines of a listing come back first when it must shrink.
// Always kept: the first level (the names of what was listed, and of the
// directories its paths pass through), files no pattern covers (an extension
// no other file has), the deepest path, the shallowest file of each manifest
// name, and every line that is not an entry. The rest come back in order:
// manifests and dotfiles (they say what their directory is), then breadth
// first, directories before files, one child of each directory in turn, so
// that no single big directory takes the whole budget.

export interface Ranking {
  /** Depth of each item below the listing's root (its first level is 1; the root and above are <= 0). */
  readonly depth: Int32Array;
  /** Per line: 1 when the line stays whatever the budget. */
  readonly always: Uint8Array;
  /** The other lines that print items, most wanted first. */
  readonly order: Int32Array;
}

/** Where a path listing starts: the deepest directory all of it is under, past single-child chains. */
function pathRoot(listing: Listing): number {
  const { items } = listing;
  let topCount = 0;
  let topChild = -1;
  const onlyChild = new Int32Array(items.length).fill(-1);
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!.parent;
    if (p < 0) {
      topCount++;
      topChild = i;
    } else onlyChild[p] = i;
  }
  let root = -1;
  let count = topCount;
  let next = topChild;
  // Descend while the whole listing sits in one directory that holds more.
  while (count === 1 && next >= 0 && items[next]!.children > 0) {
    root = next;
    count = items[root]!.children;
    next = onlyChild[root]!;
  }
  return root;
}

export function depthsOf(listing: Listing): Int32Array {
  const { items } = listing;
  const roots = listing.format === 'paths' ? [pathRoot(listing)].filter((r) => r >= 0) : listing.roots;
  const isRoot = new Uint8Array(items.length);
  for (const r of roots) isRoot[r] = 1;
  const depth = new Int32Array(items.length);
  // Parents are always created before their children, so one forward pass sees each parent first.
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!.parent;
    depth[i] = isRoot[i] ? 0 : p < 0 ? items[i]!.level : depth[p]! + 1;
  }
  // What leads down to a root is above the first level.
  for (const r of roots) for (let p = items[r]!.parent; p >= 0 && depth[p]! > 0; p = items[p]!.parent) depth[p] = -1;
  return depth;
}

/**
 * Files of a kind no other file has: an extension seen once in the whole
 * listing. Where a directory has many of them and few typed files (in
 * `/usr/bin` a dot is part of a name, as in `vim.basic`, not a kind), they
 * are names like any other.
 */
function oddOnesOut(listing: Listing): Uint8Array {
  const { items } = listing;
  const top = items.length;
  const files = new Int32Array(top + 1);
  const typed = new Int32Array(top + 1);
  const unique = new Int32Array(top + 1);
  const extCount = new Map<string, number>();
  const ext: string[] = new Array<string>(top).fill('');
  const dirOf = (i: number) => (items[i]!.parent < 0 ? top : items[i]!.parent);
  for (let i = 0; i < top; i++) {
    const it = items[i]!;
    if (it.line < 0 || it.isDir) continue;
    files[dirOf(i)]!++;
    const x = extOf(it.name);
    if (!x) continue;
    ext[i] = x;
    typed[dirOf(i)]!++;
    extCount.set(x, (extCount.get(x) ?? 0) + 1);
  }
  const isUnique = (i: number) => ext[i] !== '' && extCount.get(ext[i]!) === 1;
  for (let i = 0; i < top; i++) if (isUnique(i)) unique[dirOf(i)]!++;
  const odd = new Uint8Array(top);
  for (let i = 0; i < top; i++) {
    const d = dirOf(i);
    if (isUnique(i) && (unique[d]! <= ODD_PER_DIR || typed[d]! * 3 >= files[d]!)) odd[i] = 1;
  }
  return odd;
}

/** More one-off extensions than this in a directory of mostly untyped names are not kinds. */
const ODD_PER_DIR = 3;

/** The shallowest line of each manifest name: which kinds of project, build and docs the tree holds. */
function firstManifests(listing: Listing, depth: Int32Array): number[] {
  const best = new Map<string, number>();
  listing.items.forEach((it, i) => {
    if (it.line < 0 || it.isDir || !isManifest(it.name)) return;
    const key = it.name.toLowerCase();
    const b = best.get(key);
    if (b === undefined || depth[i]! < depth[b]!) best.set(key, i);
  });
  return [...best.values()].map((i) => listing.items[i]!.line);
}

/** Order of entries of one depth: what tells what a directory is, then directories, then other files. */
const TIER_TELLING = 0;
const TIER_DIR = 1;
const TIER_FILE = 2;
const NONE = 0x7fffffff;

export function rank(listing: Listing, lineCount: number): Ranking {
  const { items, kinds } = listing;
  const depth = depthsOf(listing);
  const always = new Uint8Array(lineCount);
  for (let i = 0; i < lineCount; i++) if (kinds[i] === Kind.Other) always[i] = 1;

  const odd = oddOnesOut(listing);
  let deepest = -1;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.line >= 0 && !it.isDir && (deepest < 0 || depth[i]! > depth[deepest]!)) deepest = i;
  }
  if (deepest >= 0) always[items[deepest]!.line] = 1;
  for (const line of firstManifests(listing, depth)) always[line] = 1;

  // Best key per line: [depth, tier, ordinal]; the line number breaks ties.
  const keyDepth = new Int32Array(lineCount).fill(NONE);
  const keyTier = new Int32Array(lineCount);
  const keyOrd = new Int32Array(lineCount);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    // A directory without a line of its own is shown by the first line under it.
    const line = it.line >= 0 ? it.line : it.firstLine;
    if (line < 0 || line >= lineCount) continue;
    const d = depth[i]!;
    // The first level, and files no pattern covers, always stay.
    if (d <= 1 || odd[i]) {
      always[line] = 1;
      // Printed after what is under it (du): the first line under it is where a reader meets it.
      if (d === 1 && it.line > it.firstLine) always[it.firstLine] = 1;
      continue;
    }
    const tier = it.isDir ? TIER_DIR : isManifest(it.name) || isDotfile(it.name) ? TIER_TELLING : TIER_FILE;
    if (d < keyDepth[line]! || (d === keyDepth[line]! && (tier < keyTier[line]! || (tier === keyTier[line]! && it.ordinal < keyOrd[line]!)))) {
      keyDepth[line] = d;
      keyTier[line] = tier;
      keyOrd[line] = it.ordinal;
    }
  }
  const ranked: number[] = [];
  for (let i = 0; i < lineCount; i++) {
    if (always[i] || kinds[i] !== Kind.Entry) continue;
    if (keyDepth[i] === NONE) always[i] = 1; // an entry no item claims (printed twice) stays as it is
    else ranked.push(i);
  }
  // What tells what a directory is comes first at any depth; then breadth first.
  const telling = (i: number) => (keyTier[i] === TIER_TELLING ? 0 : 1);
  ranked.sort((a, b) => telling(a) - telling(b) || keyDepth[a]! - keyDepth[b]! || keyTier[a]! - keyTier[b]! || keyOrd[a]! - keyOrd[b]! || a - b);
  return { depth, always, order: Int32Array.from(ranked) };
}
