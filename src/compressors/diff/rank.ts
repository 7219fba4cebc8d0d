import { type Parsed, Role, isChange } from './roles.js';
import { bisect } from '../spread.js';

// The order in which lines of a diff are kept as the budget grows: a total
// order, so any budget maps to one cut and a bigger budget keeps a superset.
//   0. commits: hash lines, subjects, `N files changed`;
//   1. what each file and commit says, breadth first: every file's name, then
//      the first change of every file, then the first of each later block of
//      changes and the next two of each block, then the next four...; message
//      bodies and headers join at the same depths;
//   2. the changes of lock and generated files;
//   3. unchanged context, nearest to a change first;
//   4. lines that only repeat a header (index, ---/+++ under a `diff` line).
// Within a depth, commits and files are taken evenly spread (first, last,
// middle, quarters...), so a tight budget shows the whole range thinly rather
// than its head only.

/** Position of each line in the keep order; blank lines get NEVER (their neighbours decide). */
export const NEVER = 0x7fffffff;

function bucket(k: number): number {
  return 31 - Math.clz32(k + 1);
}

/** For n items, each item's place in an evenly spread visiting order (spread.ts bisect), as a fraction in [0, 1). */
export function spreadFractions(n: number): Float64Array {
  const frac = new Float64Array(n);
  bisect(Array.from({ length: n }, (_, i) => i)).forEach((i, k) => (frac[i] = k / n));
  return frac;
}

/** Non-space characters a changed line needs to say something on its own (`return {`, `import sys` and `#pragma once` do not). */
const SUBSTANCE_CHARS = 12;

/**
 * A changed line that says little on its own (`+`, `-  }`, `+});`, a short
 * one): it ranks one depth lower, so a file's first substantive change is
 * what a tight budget shows of it. Letters of any script count (a Japanese
 * heading says as much as an English one).
 */
export function isTrivial(line: string): boolean {
  const head = line.length > 200 ? line.slice(0, 200) : line;
  if (head.length * 2 < SUBSTANCE_CHARS || nonSpace(head) < SUBSTANCE_CHARS) return true;
  // ASCII first: the Unicode classes cost more, and most lines settle here.
  return !/\w.*\w/.test(head) && !(/[^\x00-\x7f]/.test(head) && /[\p{L}\p{N}_].*[\p{L}\p{N}_]/u.test(head));
}

/** A hunk header that names a function or section, not only line numbers. */
function namesSection(line: string): boolean {
  const at = line.indexOf('@@', 2);
  return at > 0 && /[\p{L}\p{N}_]/u.test(line.slice(at + 2, at + 200));
}

/**
 * A block that removes lines and adds others is one edit: its first removed
 * and first added lines (substantive ones) go at the shallower of their two
 * depths and then at one rank, so a kept line is seen with what replaced it,
 * or what it replaced.
 */
/** `trivial`: each changed line's isTrivial, as the depth pass found it. */
function pairReplacements(p: Parsed, trivial: Uint8Array, depth: Uint16Array): Array<[number, number]> {
  const n = p.role.length;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < n; ) {
    if (!isChange(p.role[i]!)) {
      i++;
      continue;
    }
    let add = -1;
    let del = -1;
    let j = i;
    for (; j < n && isChange(p.role[j]!); j++) {
      const r = p.role[j]!;
      if (r === Role.add ? add >= 0 : r === Role.del ? del >= 0 : true) continue;
      if (trivial[j]) continue;
      if (r === Role.add) add = j;
      else del = j;
    }
    if (add >= 0 && del >= 0) {
      depth[add] = depth[del] = Math.min(depth[add]!, depth[del]!);
      pairs.push([del, add]);
    }
    i = j;
  }
  return pairs;
}

/** Non-space characters, a wide one (CJK, Hangul, kana: a word's worth) counted twice. */
function nonSpace(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) k += c >= 0x1100 && c < 0xfe70 ? 2 : 1;
  }
  return k;
}

export interface Ranks {
  /** Position of each line in the keep order (NEVER for blank lines). */
  readonly rank: Int32Array;
  /** Lines ranked below this are the floor: what names commits, files and sections, and the first changes of each file. */
  readonly floor: number;
  /** Lines ranked below this are ranked at all. */
  readonly ranked: number;
}

/**
 * Spread fractions for the items of a list printed one per line (stat lines,
 * oneline commits): chunks of about √n items are spread, and items are taken
 * head first within a chunk, so a cut keeps contiguous runs with one marker
 * per gap instead of every other line.
 */
export function chunkedFractions(n: number): Float64Array {
  const size = Math.max(1, Math.round(Math.sqrt(n)));
  const chunks = Math.ceil(n / size);
  const chunkFrac = spreadFractions(chunks);
  const frac = new Float64Array(n);
  for (let i = 0; i < n; i++) frac[i] = chunkFrac[Math.floor(i / size)]! + (i % size) / (size * Math.max(1, chunks));
  return frac;
}

export function keepRanks(p: Parsed, lines: readonly string[], oneline: boolean): Ranks {
  const n = p.role.length;
  const cls = new Uint8Array(n);
  const depth = new Uint16Array(n);
  const spread = new Float64Array(n);
  const fileFrac = spreadFractions(p.files.length);
  const commitFrac = oneline ? chunkedFractions(p.commits) : spreadFractions(p.commits);

  // Depth of each changed line: its rank among the substantive lines of the
  // same sign in its block (a run of changed lines), bucketed (first, next
  // two, next four...); blocks after a file's first one start a level lower
  // (the file's first line of each sign aside), so every block shows its
  // first lines before any block shows many.
  const sides = [0, 0, 0];
  const fileSides = new Int32Array((p.files.length + 1) * 3);
  const blocks = new Int32Array(p.files.length + 1);
  const perCommit = new Int32Array(p.commits + 1);
  let stats = 0;
  const statIndex = new Int32Array(n);
  const trivialAt = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = p.role[i]!;
    if (isChange(r)) {
      const f = p.file[i]! + 1;
      if (i === 0 || !isChange(p.role[i - 1]!)) {
        sides.fill(0);
        blocks[f]!++;
      }
      const side = r === Role.add ? 0 : r === Role.del ? 1 : 2;
      const trivial = isTrivial(lines[i]!.slice(1));
      trivialAt[i] = trivial ? 1 : 0;
      // The file's first line of each sign is as deep as a first block's.
      const inFile = bucket(fileSides[f * 3 + side]!) + 1;
      depth[i] = Math.min(inFile, bucket(sides[side]!) + (blocks[f]! > 1 ? 2 : 1)) + (trivial ? 1 : 0);
      if (!trivial) {
        sides[side]!++;
        fileSides[f * 3 + side]!++;
      }
    } else if (r === Role.body) depth[i] = bucket(perCommit[p.commit[i]! + 1]!++) + 2;
    else if (r === Role.stat) statIndex[i] = stats++;
  }
  const pairs = pairReplacements(p, trivialAt, depth);
  // A hunk header goes with the shallowest change under it, or sooner when it names a section.
  for (let i = n - 1, shallowest = 0xffff; i >= 0; i--) {
    const r = p.role[i]!;
    if (isChange(r)) shallowest = Math.min(shallowest, depth[i]!);
    else if (r === Role.hunk) {
      depth[i] = namesSection(lines[i]!) ? 1 : Math.min(shallowest, 0xfffe);
      // Normal and context formats split one hunk over several header lines.
      if (i === 0 || p.role[i - 1] !== Role.hunk) shallowest = 0xffff;
    } else if (r === Role.file || r === Role.commit) shallowest = 0xffff;
  }
  const statFrac = chunkedFractions(stats);

  // Distance of each context line to the nearest change of its hunk.
  const dist = new Uint16Array(n).fill(0xffff);
  const inBody = (r: number) => isChange(r) || r === Role.context || r === Role.noEol;
  for (let i = 0, d = 0xffff; i < n; i++) {
    const r = p.role[i]!;
    d = isChange(r) ? 0 : inBody(r) ? Math.min(0xffff, d + 1) : 0xffff;
    dist[i] = d;
  }
  for (let i = n - 1, d = 0xffff; i >= 0; i--) {
    const r = p.role[i]!;
    d = isChange(r) ? 0 : inBody(r) ? Math.min(0xffff, d + 1) : 0xffff;
    dist[i] = Math.min(dist[i]!, d);
  }

  for (let i = 0; i < n; i++) {
    const r = p.role[i]!;
    const f = p.file[i]!;
    const ff = f >= 0 ? fileFrac[f]! : 0;
    const cf = p.commit[i]! >= 0 ? commitFrac[p.commit[i]!]! : 0;
    const generated = f >= 0 && p.files[f]!.kind !== '';
    switch (r) {
      case Role.commit:
      case Role.subject:
      case Role.total:
        cls[i] = 0;
        spread[i] = cf;
        break;
      case Role.file:
        cls[i] = 1;
        spread[i] = ff;
        break;
      case Role.stat:
        cls[i] = 1;
        spread[i] = statFrac[statIndex[i]!]!;
        break;
      case Role.hunk:
      case Role.add:
      case Role.del:
      case Role.change:
        cls[i] = generated ? 2 : 1;
        spread[i] = ff;
        break;
      case Role.body:
        cls[i] = 1;
        spread[i] = cf;
        break;
      case Role.meta:
      case Role.fileInfo:
      case Role.other:
        cls[i] = 1;
        depth[i] = 2;
        spread[i] = f >= 0 ? ff : cf;
        break;
      case Role.context:
      case Role.noEol:
        cls[i] = 3;
        depth[i] = dist[i]!;
        spread[i] = ff;
        break;
      default: // redundant headers
        cls[i] = 4;
    }
  }

  const order: number[] = [];
  let floor = 0;
  for (let i = 0; i < n; i++) {
    if (p.role[i] === Role.blank) continue;
    order.push(i);
    if (cls[i] === 0 || (cls[i] === 1 && depth[i]! <= 1)) floor++;
  }
  order.sort((a, b) => cls[a]! - cls[b]! || depth[a]! - depth[b]! || spread[a]! - spread[b]! || a - b);
  const rank = new Int32Array(n).fill(NEVER);
  for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
  // The two lines of an edit go and stay together.
  for (const [del, add] of pairs) rank[del] = rank[add] = Math.min(rank[del]!, rank[add]!);
  // `\ No newline` goes and stays with the line it qualifies.
  for (let i = 1; i < n; i++) if (p.role[i] === Role.noEol && p.role[i - 1] !== Role.blank) rank[i] = rank[i - 1]!;
  return { rank, floor, ranked: order.length };
}
