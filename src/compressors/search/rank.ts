import type { SearchLine } from './parse.js';
import { bisect } from '../spread.js';

// Decides which hits of a search go first when it must shrink. A model reads
// hits to choose files to open: the output's first, last and middle hits come
// first, then the first hit of every file (the files with most hits first),
// then each file's last hit, then the other hits spread evenly over the output; context
// lines (-A/-B/-C) come after every hit, nearest first, and `path:0` counts last.

export interface SearchFile {
  readonly path: string;
  /** Input lines of its hits (matches, or its `-c` count line), in order. */
  readonly hits: number[];
  /** The line numbers the tool printed for those hits (-1 when none). */
  readonly nums: number[];
}

export interface Ranked {
  readonly files: SearchFile[];
  /** Per line: its file, or -1. */
  readonly fileOf: Int32Array;
  /** Lines that come back as the budget allows, most wanted first. */
  readonly order: Int32Array;
}

export function rankSearch(parsed: readonly SearchLine[]): Ranked {
  const n = parsed.length;
  const byPath = new Map<string, number>();
  const files: SearchFile[] = [];
  const fileOf = new Int32Array(n).fill(-1);
  const zeros: number[] = [];
  const context: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parsed[i]!;
    if (p.kind === 'sep' || p.kind === 'other') continue;
    if (p.kind === 'count' && p.count === 0) {
      zeros.push(i);
      continue;
    }
    let f = byPath.get(p.path);
    if (f === undefined) {
      byPath.set(p.path, (f = files.length));
      files.push({ path: p.path, hits: [], nums: [] });
    }
    fileOf[i] = f;
    if (p.kind === 'match' || p.kind === 'count') {
      files[f]!.hits.push(i);
      files[f]!.nums.push(p.kind === 'match' ? p.num : -1);
    } else if (p.kind === 'context') context.push(i);
  }

  const order: number[] = [];
  const withHits = files.map((_, f) => f).filter((f) => files[f]!.hits.length > 0);
  // After the output's first, last and middle hits, a hit of every other file: files with more
  // hits first (the search is about them), others spread evenly over the output.
  const placed = new Uint8Array(n);
  const put = (i: number) => {
    if (placed[i]) return;
    placed[i] = 1;
    order.push(i);
  };
  const hitLines: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = parsed[i]!.kind;
    if (fileOf[i]! >= 0 && (k === 'match' || k === 'count')) hitLines.push(i);
  }
  // The output's first, last and middle hits: its head, its tail and where it turns.
  const spreadHits = bisect(hitLines);
  for (const i of spreadHits.slice(0, 3)) put(i);
  const place = new Int32Array(files.length);
  bisect(withHits).forEach((f, rank) => (place[f] = rank));
  const rest = withHits.slice(1).sort((a, b) => files[b]!.hits.length - files[a]!.hits.length || place[a]! - place[b]!);
  for (const f of rest) put(files[f]!.hits[0]!);
  const tail = withHits[withHits.length - 1];
  for (const f of withHits) if (f !== tail) put(files[f]!.hits[files[f]!.hits.length - 1]!);
  // Then the other hits spread evenly over the whole output (the middles of each half, and so
  // on), so that any prefix samples every part of it, not each file's top.
  for (const i of spreadHits) put(i);

  // Context nearest a hit first: distance to the closest hit line (forward and backward passes).
  const dist = new Int32Array(n).fill(0x3fffffff);
  for (let i = 0, d = 0x3fffffff; i < n; i++) {
    const k = parsed[i]!.kind;
    d = k === 'match' ? 0 : k === 'context' ? d + 1 : 0x3fffffff;
    dist[i] = d;
  }
  for (let i = n - 1, d = 0x3fffffff; i >= 0; i--) {
    const k = parsed[i]!.kind;
    d = k === 'match' ? 0 : k === 'context' ? d + 1 : 0x3fffffff;
    if (d < dist[i]!) dist[i] = d;
  }
  context.sort((a, b) => dist[a]! - dist[b]! || a - b);
  for (const i of context) order.push(i);
  for (const i of zeros) order.push(i);
  return { files, fileOf, order: Int32Array.from(order) };
}
