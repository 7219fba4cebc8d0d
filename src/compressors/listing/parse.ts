import { clip } from '../lines.js';
import { MARKER_PREFIX } from '../marker.js';

// Reads the directory listings agents see (find / du paths, ls -l / -la / -laR /
// -R, tree) into one entry per file line: which directory it is in, its name,
// depth, whether it is a directory, and its size when printed. Lines that are
// not entries (headers, `total N`, blank, tree summary) stay structural.

export type ListingFormat = 'tree' | 'ls' | 'paths';

export interface Entry {
  readonly dir: string;
  readonly name: string;
  readonly depth: number;
  isDir: boolean;
  readonly size?: number;
  /** Glyph prefix of a tree line (`│   ├── `), so markers can sit at the same place. */
  readonly prefix: string;
  /** Parsed `ls -l` columns, for the reduced form. */
  readonly long?: LongFields;
}

export interface LongFields {
  readonly mode: string;
  readonly owner: string;
  readonly date: string;
  /** Name as printed, with any ` -> target`. */
  readonly shown: string;
}

export interface Listing {
  readonly format: ListingFormat;
  /** One slot per input line; undefined for structural lines. */
  readonly entries: (Entry | undefined)[];
  /** Structural lines that carry nothing once `ls -l` columns are reduced: `total N`, `.`, `..`. */
  readonly noise: boolean[];
}

export const LONG_RE =
  /^([-dlcbpsD][-rwxsStTlL]{9}[.+@]?) +\d+ +(\S+ +\S+) +(\d[\d.,]*[KMGTPkB]?|\d+, +\d+) +(\d{4}-\d\d-\d\d +\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?: [+-]\d{4})?|[A-Z][a-z]{2} +\d{1,2} +(?:\d\d:\d\d|\d{4})) (.*)$/;
// Each indent level is exactly four columns (tree pads with NBSP), so the match is deterministic.
export const TREE_RE = /^((?:[│|][\u00a0 ]{3}|[\u00a0 ]{4})*)((?:├──|└──|\|--|`--)[\u00a0 ])(.*)$/;
const TOTAL_RE = /^total \d[\d.,]*[KMGTPk]?$/;
const TREE_SUMMARY_RE = /^\d+ director(?:y|ies)(?:, \d+ files?)?$/;

function parseSize(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGTP]?)/.exec(s.replace(/,/g, ''));
  if (!m) return undefined;
  const mult = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 }[m[2] as '' | 'K'] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

function stripDot(p: string): string {
  return p.startsWith('./') ? p.slice(2) : p === '.' ? '' : p;
}

function depthOf(dir: string): number {
  if (dir === '') return 0;
  let n = 1;
  for (let i = dir.indexOf('/'); i !== -1; i = dir.indexOf('/', i + 1)) n++;
  return n;
}

/** Splits `name -> target` and tree -F type suffixes off a printed name. */
export function bareName(shown: string): { name: string; isDir: boolean } {
  const arrow = shown.indexOf(' -> ');
  let name = arrow >= 0 ? shown.slice(0, arrow) : shown;
  let isDir = false;
  if (name.endsWith('/') && name.length > 1) {
    name = name.slice(0, -1);
    isDir = arrow < 0;
  } else if (/[*@|=]$/.test(name) && name.length > 1) name = name.slice(0, -1);
  return { name, isDir };
}

function parseTree(lines: readonly string[]): Listing {
  const entries: (Entry | undefined)[] = new Array(lines.length).fill(undefined);
  const stack: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = TREE_RE.exec(clip(lines[i]!));
    if (!m) continue;
    const depth = Math.floor((m[1] ?? '').length / 4) + 1;
    let shown = m[3] ?? '';
    // Our own fold markers (a second pass) are structure, not files.
    if (shown.startsWith(MARKER_PREFIX)) continue;
    // tree -s / -h / -p print `[...]  ` before the name.
    const bracket = /^\[[^\]]{0,60}\] +/.exec(shown);
    const size = bracket ? parseSize(bracket[0].slice(1).trim()) : undefined;
    if (bracket) shown = shown.slice(bracket[0].length);
    const { name, isDir } = bareName(shown);
    stack.length = depth - 1;
    const dir = stack.join('/');
    stack.push(name);
    entries[i] = { dir, name, depth, isDir, size, prefix: (m[1] ?? '') + (m[2] ?? '') };
  }
  // Without -F, a directory is a line whose next entry is deeper.
  let prev: Entry | undefined;
  for (const e of entries) {
    if (!e) continue;
    if (prev && e.depth > prev.depth) prev.isDir = true;
    prev = e;
  }
  return { format: 'tree', entries, noise: new Array<boolean>(lines.length).fill(false) };
}

function parseLs(lines: readonly string[]): Listing {
  const entries: (Entry | undefined)[] = new Array(lines.length).fill(undefined);
  const noise = new Array<boolean>(lines.length).fill(false);
  const headers = new Set<string>();
  let dir = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const c = clip(line);
    if (line.endsWith(':') && (i === 0 || lines[i - 1] === '') && !LONG_RE.test(c)) {
      dir = stripDot(line.slice(0, -1));
      headers.add(dir);
      continue;
    }
    if (TOTAL_RE.test(c)) {
      noise[i] = true;
      continue;
    }
    if (line === '' || line.startsWith(MARKER_PREFIX)) continue;
    const m = LONG_RE.exec(c);
    if (m) {
      const shown = line.slice(line.length - (m[5] ?? '').length);
      const { name } = bareName(shown);
      if (name === '.' || name === '..') {
        noise[i] = true;
        continue;
      }
      const mode = m[1] ?? '';
      const long = { mode, owner: (m[2] ?? '').replace(/ +/, ' '), date: m[4] ?? '', shown };
      const size = mode[0] === 'd' ? undefined : parseSize(m[3] ?? '');
      entries[i] = { dir, name, depth: depthOf(dir) + 1, isDir: mode[0] === 'd', size, prefix: '', long };
      continue;
    }
    // `ls -R` without -l: bare names under the current header.
    const { name, isDir } = bareName(line);
    entries[i] = { dir, name, depth: depthOf(dir) + 1, isDir, prefix: '' };
  }
  for (const e of entries) if (e && !e.isDir && headers.has(e.dir ? `${e.dir}/${e.name}` : e.name)) e.isDir = true;
  return { format: 'ls', entries, noise };
}

function parsePaths(lines: readonly string[]): Listing {
  const entries: (Entry | undefined)[] = new Array(lines.length).fill(undefined);
  const dirs = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith(MARKER_PREFIX)) continue;
    // find -printf '%s\t%p' and du print `size<TAB>path`.
    const tab = line.indexOf('\t');
    const size = tab > 0 ? parseSize(line.slice(0, tab)) : undefined;
    let path = stripDot(tab > 0 ? line.slice(tab + 1) : line.trimEnd());
    const trailing = path.endsWith('/');
    if (trailing) path = path.slice(0, -1);
    if (path === '' || path === '.') continue;
    const slash = path.lastIndexOf('/');
    const dir = slash >= 0 ? path.slice(0, slash) : '';
    for (let d = dir; d !== ''; d = d.slice(0, Math.max(0, d.lastIndexOf('/')))) {
      if (dirs.has(d)) break;
      dirs.add(d);
    }
    entries[i] = { dir, name: path.slice(slash + 1), depth: depthOf(path), isDir: trailing, size, prefix: '' };
  }
  for (const e of entries) if (e && !e.isDir && dirs.has(e.dir ? `${e.dir}/${e.name}` : e.name)) e.isDir = true;
  return { format: 'paths', entries, noise: new Array<boolean>(lines.length).fill(false) };
}

/** Picks the format from a sample of lines and parses the whole listing. */
export function parseListing(lines: readonly string[]): Listing {
  let tree = 0;
  let long = 0;
  let headers = 0;
  const n = Math.min(lines.length, 200);
  for (let i = 0; i < n; i++) {
    const c = clip(lines[i]!, 400);
    if (TREE_RE.test(c)) tree++;
    else if (LONG_RE.test(c)) long++;
    else if (c.endsWith(':') && (i === 0 || lines[i - 1] === '')) headers++;
  }
  if (tree > 0 && tree >= long) return parseTree(lines);
  if (long > 0 || headers > 0) return parseLs(lines);
  return parsePaths(lines);
}

export const isTreeSummary = (line: string): boolean => TREE_SUMMARY_RE.test(line);
