import { clip } from '../lines.js';
import { isMarkerLine } from '../marker.js';
import {
  TOTAL_RE,
  bareName,
  barePath,
  columnPath,
  isHeader,
  longName,
  treeCut,
} from './formats.js';

// Reads any directory listing into one tree of items (files and directories),
// each tied to the input line that prints it. Directories that only show up in
// the paths below them (git ls-files, fd, find -type f) are items without a
// line of their own. Lines that are not entries are structure: `ls -R`
// headers open a section that `total N`, `.` and `..` belong to; anything
// else is kept as it is. Three parsers (tree glyphs, ls sections, one path a
// line with or without columns) fill the same arrays.

export type ListingFormat = 'tree' | 'ls' | 'paths';

/** What a line is. */
export const Kind = {
  Entry: 0,
  /** `dir:` of `ls -R`, or of `ls` given several folders: opens a section. */
  Header: 1,
  /** `total N`, `.` and `..`: lines of a section that go with its header. */
  Total: 2,
  Blank: 3,
  /** Anything else (a tool's notes, summaries, names in columns): kept as it is. */
  Other: 4,
} as const;

export interface Item {
  /** Parent item, or -1 at the top. */
  readonly parent: number;
  readonly name: string;
  /** The line that prints this item, or -1 for a directory only seen in its children's paths. */
  line: number;
  /** The first line of the item or of anything below it. */
  readonly firstLine: number;
  isDir: boolean;
  /** Levels below the top (the top's children are 1). */
  readonly level: number;
  /** Index among its parent's children, in the order they were first seen. */
  readonly ordinal: number;
  children: number;
}

export interface Listing {
  readonly format: ListingFormat;
  readonly kinds: Uint8Array;
  /** Per line: the item it prints, or -1. */
  readonly itemOf: Int32Array;
  /** Per header/total line: the directory item whose section it opens (or is in), or -1 before any header. */
  readonly sectionOf: Int32Array;
  readonly items: Item[];
  /** Per tree line: the width of its guides, where a marker folding it sits. */
  readonly indent: Int32Array;
  /** Items that are roots of what was listed (ls operands, tree roots): their children are the first level. */
  readonly roots: readonly number[];
}

class Builder {
  readonly items: Item[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly childCount: number[] = [];
  private topCount = 0;

  /** The item named `name` under `parent`, created (as a directory without a line) if new. */
  child(parent: number, name: string, line: number, unique = false): number {
    const key = `${parent}\u0000${name}`;
    const found = unique ? undefined : this.byKey.get(key);
    if (found !== undefined) return found;
    const ordinal = parent < 0 ? this.topCount++ : this.childCount[parent]!++;
    const level = parent < 0 ? 1 : this.items[parent]!.level + 1;
    const id = this.items.length;
    this.items.push({ parent, name, line: -1, firstLine: line, isDir: false, level, ordinal, children: 0 });
    this.childCount.push(0);
    if (parent >= 0) {
      this.items[parent]!.children++;
      this.items[parent]!.isDir = true;
    }
    if (!unique) this.byKey.set(key, id);
    return id;
  }

  /** The item of a path (segments), creating its directories on the way. */
  path(segments: readonly string[], line: number): number {
    let id = -1;
    for (const s of segments) id = this.child(id, s, line);
    return id;
  }
}

/** Splits a printed path into segments: `./a/b/` -> ['.', 'a', 'b'], `/etc` -> ['', 'etc'], `/` -> ['']. */
function segmentsOf(path: string): string[] {
  let p = path;
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  if (p === '/') return [''];
  return p.split('/');
}

/** What a format's parser finds, beside what it writes into the per-line arrays. */
interface Parsed {
  readonly items: Item[];
  readonly roots: number[];
}

function parseTree(lines: readonly string[], kinds: Uint8Array, itemOf: Int32Array, indent: Int32Array): Parsed {
  const b = new Builder();
  const roots: number[] = [];
  // Stack of [connector column, item]; a line's parent is the nearest entry left of its connector.
  const stack: Array<[number, number]> = [];
  let root = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = treeCut(line);
    if (!t) {
      if (line.trim() === '') {
        kinds[i] = Kind.Blank;
        continue;
      }
      // A line without a connector right before tree lines is their root (`.`, `node_modules`, `pkg@1.0 /path`).
      const next = lines[i + 1];
      if (next !== undefined && treeCut(next) && !isMarkerLine(line)) {
        root = b.child(-1, line, i, true);
        b.items[root]!.line = i;
        roots.push(root);
        kinds[i] = Kind.Entry;
        itemOf[i] = root;
        stack.length = 0;
      } else kinds[i] = Kind.Other;
      continue;
    }
    while (stack.length && stack[stack.length - 1]![0] >= t.column) stack.pop();
    const parent = stack.length ? stack[stack.length - 1]![1] : root;
    const { name, isDir } = bareName(t.shown);
    const id = b.child(parent, name, i, true);
    const item = b.items[id]!;
    item.line = i;
    if (isDir) item.isDir = true;
    stack.push([t.column, id]);
    kinds[i] = Kind.Entry;
    itemOf[i] = id;
    indent[i] = t.column - t.guides;
  }
  return { items: b.items, roots };
}

function parseLs(lines: readonly string[], kinds: Uint8Array, itemOf: Int32Array, sectionOf: Int32Array): Parsed {
  const b = new Builder();
  const headers: number[] = [];
  let section = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      kinds[i] = Kind.Blank;
      continue;
    }
    if (isHeader(line, i === 0 ? undefined : lines[i - 1])) {
      section = b.path(segmentsOf(line.slice(0, -1)), i);
      b.items[section]!.isDir = true;
      headers.push(section);
      kinds[i] = Kind.Header;
      sectionOf[i] = section;
      continue;
    }
    if (TOTAL_RE.test(clip(line, 40))) {
      kinds[i] = Kind.Total;
      sectionOf[i] = section;
      continue;
    }
    const long = longName(line);
    const shown = long ?? (isMarkerLine(line) ? null : barePath(line));
    if (shown === null) {
      kinds[i] = Kind.Other;
      continue;
    }
    const { name, isDir } = bareName(shown);
    if (name === '.' || name === '..') {
      // `ls -a` prints the section's own directory and its parent: they go with the section.
      kinds[i] = Kind.Total;
      sectionOf[i] = section;
      continue;
    }
    const id = b.child(section, name, i);
    const item = b.items[id]!;
    if (item.line < 0) item.line = i;
    if (isDir || (long !== null && line[0] === 'd')) item.isDir = true;
    kinds[i] = Kind.Entry;
    itemOf[i] = id;
  }
  // The operands that were listed: headers no other header contains.
  const isHeaderItem = new Set(headers);
  const roots = headers.filter((h) => {
    for (let p = b.items[h]!.parent; p >= 0; p = b.items[p]!.parent) if (isHeaderItem.has(p)) return false;
    return true;
  });
  return { items: b.items, roots };
}

function parsePaths(lines: readonly string[], kinds: Uint8Array, itemOf: Int32Array): Parsed {
  const b = new Builder();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      kinds[i] = Kind.Blank;
      continue;
    }
    const printed = isMarkerLine(line) ? null : (columnPath(line) ?? barePath(line));
    if (printed === null || printed.trim() === '' || printed.trim() === '.') {
      kinds[i] = Kind.Other;
      continue;
    }
    const { name, isDir } = bareName(printed.trim());
    const id = b.path(segmentsOf(name), i);
    const item = b.items[id]!;
    if (item.line >= 0) {
      kinds[i] = Kind.Other; // printed twice: the first print is the entry
      continue;
    }
    item.line = i;
    if (isDir || printed.trimEnd().endsWith('/')) item.isDir = true;
    kinds[i] = Kind.Entry;
    itemOf[i] = id;
  }
  // The root of a path listing is found from all its paths (rank.ts).
  return { items: b.items, roots: [] };
}

/** Picks the format from a sample of lines. */
function formatOf(lines: readonly string[]): ListingFormat {
  let tree = 0;
  let long = 0;
  let headers = 0;
  const n = Math.min(lines.length, 200);
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (treeCut(l)) tree++;
    else if (longName(l) !== null && columnPath(l) === null) long++;
    else if (isHeader(l, i === 0 ? undefined : lines[i - 1])) headers++;
  }
  if (tree > 0 && tree >= long) return 'tree';
  if (long > 0 || headers > 0) return 'ls';
  return 'paths';
}

/** Parses a whole listing (lines already split). Linear in the input. */
export function parseListing(lines: readonly string[]): Listing {
  const n = lines.length;
  const kinds = new Uint8Array(n).fill(Kind.Other);
  const itemOf = new Int32Array(n).fill(-1);
  const sectionOf = new Int32Array(n).fill(-1);
  const indent = new Int32Array(n);
  const format = formatOf(lines);
  const { items, roots } =
    format === 'tree'
      ? parseTree(lines, kinds, itemOf, indent)
      : format === 'ls'
        ? parseLs(lines, kinds, itemOf, sectionOf)
        : parsePaths(lines, kinds, itemOf);
  return { format, kinds, itemOf, sectionOf, items, indent, roots };
}
