import { clip } from '../lines.js';

// The line shapes of real directory listings, one pattern each, and where the
// path (or name) sits in them. Every pattern is anchored and has no nested
// quantifiers; callers run them on clipped lines, so each is linear.

/** `ls -l` / `ls -la` / `exa -l`: mode, links, owner group, size, date, name. */
const LONG_RE =
  /^([-dlcbpsD.][-rwxsStTlL@]{9}[.+@]?) +(?:\d+ +)?(\S+ +\S+|\S+) +(\d[\d.,]*[KMGTPkB]?|\d+, +\d+|-) +(\d{4}-\d\d-\d\d +\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?: [+-]\d{4})?|[A-Z][a-z]{2} +\d{1,2} +(?:\d\d:\d\d|\d{4})|\d{1,2} [A-Z][a-z]{2} +(?:\d\d:\d\d|\d{4})) (.*)$/;
/** `exa -l` / `eza -l`: mode, size, user, day-month date, name. */
const EXA_RE = /^[-dlcbps.][-rwxsStT@]{9}[.+@]? +(?:\d[\d.,]*[kKMGTPB]?|-) +\S+ +\d{1,2} [A-Z][a-z]{2} +(?:\d\d:\d\d|\d{4}) (.*)$/;
/** `find -ls`: inode and blocks, then an `ls -l` line. */
const FIND_LS_RE = /^ *\d+ +\d+ +[-dlcbps][-rwxsStT]{9}[.+@]? +\d+ +\S+ +\S+ +\d+ +[A-Z][a-z]{2} +\d{1,2} +(?:\d\d:\d\d|\d{4}) (.*)$/;
/** `tar tv`, `dpkg-deb -c`: mode, owner/group, size, date, path. */
const TAR_TV_RE = /^[-dlhcbp][-rwxsStT]{9} +\S+\/\S+ +\d+ +\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)? (.*)$/;
/** `unzip -l`: length, date, time, name. */
const UNZIP_RE = /^ *\d+ +\d{2,4}-\d\d-\d{2,4} +\d\d:\d\d +(.*)$/;
/** `zipinfo`: mode, version, os, size, type, method, date, time, name. */
const ZIPINFO_RE = /^[-dl?][-rwxsStT?]{6,9} +\S+ +\S+ +\d+ +\S+ +\S+ +\d\d-[A-Za-z]{3}-\d\d +\d\d:\d\d (.*)$/;
/** `npm pack --dry-run` / `npm publish`: `npm notice 2.5kB dist/vue.cjs.js`. */
const NPM_NOTICE_RE = /^npm notice +\d[\d.]*[kMG]?B +(.*)$/;
/** Columns that end in a tab before the path: `git ls-files -s`, `git ls-tree [-l]`, `du`, `find -printf '%s\t%p'`, `lsdiff -n`. */
const TAB_PREFIX_RE =
  /^(?:[0-7]{6} (?:(?:blob|tree|commit) )?[0-9a-f]{40,64}(?: +(?:\d+|-)| \d)?|\d[\d.,]*[KMGTPkB]?| *\d+)\t(.*)$/;

/**
 * Tree glyphs: `├── `, `└── ` (tree, exa --tree), `├─┬ `, `└─┬ ` (npm ls),
 * and the ASCII forms `|-- `, `` `-- ``. Guides before them are `│`, `|` and spaces.
 */
const CONNECTOR_RE = /(?:├──|└──|├─┬|└─┬|\|--|`--)[\u00a0 ]/;
const GUIDES_RE = /^[│|\u00a0 ]*$/;

/** `dir:` header of `ls -R` / `ls` with several operands (the line before is blank or none). */
export function isHeader(line: string, prev: string | undefined): boolean {
  return line.length > 1 && line.endsWith(':') && (prev === undefined || prev === '') && !line.includes('\t') && !LONG_RE.test(clip(line));
}

export const TOTAL_RE = /^total \d[\d.,]*[KMGTPk]?$/;
export const TREE_SUMMARY_RE = /^\d+ director(?:y|ies)(?:, \d+ files?)?$/;

export interface TreeCut {
  /** Column where the connector starts: deeper entries start further right. */
  readonly column: number;
  /** Column where the guides start (after the columns of `exa -l --tree`; 0 for tree). */
  readonly guides: number;
  /** The printed name after the connector (tree -h/-s/-p brackets removed). */
  readonly shown: string;
}

/** The connector and name of a tree line, or null. Columns before the guides (exa -l) are allowed. */
export function treeCut(line: string): TreeCut | null {
  const c = clip(line);
  const m = CONNECTOR_RE.exec(c);
  if (!m) return null;
  // Before the connector: guides only, or the columns of `exa -l --tree` and then guides.
  const before = c.slice(0, m.index);
  let guides = 0;
  if (!GUIDES_RE.test(before)) {
    guides = before.length;
    while (guides > 0 && '│|\u00a0 '.includes(before[guides - 1]!)) guides--;
    const cols = before.slice(0, guides);
    if (!LONG_RE.test(`${cols} x`) && !EXA_RE.test(`${cols} x`)) return null;
  }
  let shown = line.slice(m.index + m[0].length);
  const bracket = /^\[[^\]]{0,60}\] +/.exec(shown);
  if (bracket) shown = shown.slice(bracket[0].length);
  return { column: m.index, guides, shown };
}

/** The name `ls -l` printed (with any ` -> target`), or null. */
export function longName(line: string): string | null {
  const c = clip(line);
  const m = LONG_RE.exec(c);
  const tail = m ? m[5] : EXA_RE.exec(c)?.[1];
  // The name starts where the clipped match put it; it runs to the end of the real line.
  return tail === undefined ? null : line.slice(c.length - tail.length);
}

/** The path a column format prints at the end of the line, or null when the line is no such format. */
export function columnPath(line: string): string | null {
  const c = clip(line);
  const m = TAB_PREFIX_RE.exec(c) ?? FIND_LS_RE.exec(c) ?? TAR_TV_RE.exec(c) ?? ZIPINFO_RE.exec(c) ?? UNZIP_RE.exec(c) ?? NPM_NOTICE_RE.exec(c);
  if (!m) return null;
  const tail = m[m.length - 1] ?? '';
  // `1001\t.097` is a row of figures, not a size and a path.
  if (!/[A-Za-z/_]/.test(tail)) return null;
  return line.slice(c.length - tail.length);
}

/** A line that is a bare path or name: no blanks inside, not an obvious sentence or code. */
export function barePath(line: string): string | null {
  const t = line.trim();
  if (t === '' || t.length > 4000) return null;
  if (/\s/.test(t) || /^[-+*#>[{("'<@=]|[;{}()<>"'`=]/.test(t.slice(0, 400))) return null;
  return t;
}

/** Splits `name -> target` and `ls -F` / `tree -F` type suffixes off a printed name. */
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
