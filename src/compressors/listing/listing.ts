import { fitLevels } from '../levels.js';
import { clip, splitLines } from '../lines.js';
import { Elisions } from '../marker.js';
import { type Entry, type Listing, LONG_RE, parseListing, TREE_RE } from './parse.js';
import { extOf, importance } from './rules.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';

// Directory listings: a model reads them to find its way around a project, so
// the shape (directories), the files that say what the project is (manifests,
// configs, dotfiles, odd extensions) and the depth survive, while runs of
// same-extension files in a directory fold into one counted marker.

interface ListingLevel {
  /** Drop ls -l mode/owner/date columns and `total`/`.`/`..` lines. */
  readonly reduce: boolean;
  /** Fold a directory's same-extension files when at least this many. */
  readonly minRun: number;
  /** File names quoted in each fold marker. */
  readonly names: number;
  /** yml/yaml/toml files are kept unfolded. */
  readonly configs: boolean;
  /** Fold by the top two directory levels (a whole subtree) instead of by directory. */
  readonly subtree: boolean;
  /** Fold by directory with all extensions together. */
  readonly byDir: boolean;
  /** Fold whole tree directories that hold nothing that must stay into one marker. */
  readonly foldDirs?: boolean;
}

const LEVELS: readonly ListingLevel[] = [
  { reduce: true, minRun: Infinity, names: 0, configs: true, byDir: false, subtree: false },
  { reduce: true, minRun: 6, names: 3, configs: true, byDir: false, subtree: false },
  { reduce: true, minRun: 3, names: 2, configs: true, byDir: false, subtree: false },
  { reduce: true, minRun: 2, names: 1, configs: true, byDir: false, subtree: false },
  { reduce: true, minRun: 2, names: 0, configs: false, byDir: true, subtree: false },
  { reduce: true, minRun: 2, names: 0, configs: false, byDir: true, subtree: true },
  { reduce: true, minRun: 2, names: 0, configs: false, byDir: true, subtree: true, foldDirs: true },
];

const BIG_FILE = 64 * 1024;

function human(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)}${units[u]}`;
}

/** An ls -l line cut to what a model uses: the name, `/` for directories, big sizes. */
function reducedLine(e: Entry): string {
  const l = e.long!;
  if (e.isDir) return l.shown.endsWith('/') ? l.shown : `${l.shown}/`;
  if (e.size !== undefined && e.size >= BIG_FILE && l.mode[0] === '-') return `${l.shown} (${human(e.size)})`;
  return l.shown;
}

function hoistMarker(listing: Listing, el: Elisions): string | undefined {
  const owners = new Set<string>();
  let lo = '';
  let hi = '';
  let n = 0;
  for (const e of listing.entries) {
    if (!e?.long) continue;
    n++;
    owners.add(e.long.owner);
    if (!lo || e.long.date < lo) lo = e.long.date;
    if (!hi || e.long.date > hi) hi = e.long.date;
  }
  if (n === 0) return undefined;
  const noise = listing.noise.filter(Boolean).length;
  const owner = owners.size === 1 ? `owner ${[...owners][0]}` : 'owner';
  const dates = /^\d{4}-/.test(lo) ? `date ${lo.slice(0, 10)}..${hi.slice(0, 10)}` : 'date';
  const extra = noise ? `; ${noise} total/./.. lines` : '';
  return el.omit(4, 'columns', `mode, links, ${owner}, ${dates}${extra}`);
}

/** Per-entry facts that do not change between levels, computed once. */
interface Prepared {
  readonly must: boolean[];
  readonly config: boolean[];
  readonly ext: string[];
  /** Ids of (dir, ext), dir, and top-2 subtree, for grouping without string keys per level. */
  readonly dirExtId: Int32Array;
  readonly dirId: Int32Array;
  readonly subtreeId: Int32Array;
}

function prepare(listing: Listing): Prepared {
  const { must, config } = importance(listing.entries);
  const n = listing.entries.length;
  const ext = new Array<string>(n).fill('');
  const dirExtId = new Int32Array(n).fill(-1);
  const dirId = new Int32Array(n).fill(-1);
  const subtreeId = new Int32Array(n).fill(-1);
  const ids = new Map<string, number>();
  const idOf = (k: string) => {
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    return id;
  };
  for (let i = 0; i < n; i++) {
    const e = listing.entries[i];
    if (!e) continue;
    ext[i] = extOf(e.name);
    dirId[i] = idOf(`d\u0000${e.dir}`);
    dirExtId[i] = idOf(`x\u0000${e.dir}\u0000${ext[i]}`);
    subtreeId[i] = idOf(`s\u0000${subtreeOf(e.dir)}`);
  }
  return { must, config, ext, dirExtId, dirId, subtreeId };
}

function subtreeOf(dir: string): string {
  const a = dir.indexOf('/');
  const b = a < 0 ? -1 : dir.indexOf('/', a + 1);
  return b < 0 ? dir : dir.slice(0, b);
}

function foldWhat(idx: readonly number[], lv: ListingLevel, listing: Listing, prep: Prepared): string {
  const exts = new Map<string, number>();
  let size = 0;
  let sized = true;
  for (const i of idx) {
    const x = prep.ext[i]!;
    exts.set(x, (exts.get(x) ?? 0) + 1);
    const sz = listing.entries[i]!.size;
    if (sz === undefined) sized = false;
    else size += sz;
  }
  const kinds = [...exts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([x, c]) => (exts.size === 1 ? (x ? `*.${x}` : 'no extension') : `${c} ${x ? `*.${x}` : 'no ext'}`));
  let what = kinds.slice(0, 3).join(', ') + (kinds.length > 3 ? ', …' : '');
  const first = listing.entries[idx[0]!]!;
  const where = lv.subtree ? subtreeOf(first.dir) : first.dir;
  // find output has no directory headers, so the marker names its directory.
  if (listing.format === 'paths' && where) what = `${where}/: ${what}`;
  if (lv.names > 0) {
    const names = idx.slice(0, lv.names).map((i) => listing.entries[i]!.name);
    what += `: ${names.join(', ')}${idx.length > lv.names ? ', …' : ''}`;
  }
  if (sized && size > 0) what += `; ${human(size)}`;
  return what;
}

const fullPath = (e: Entry): string => (e.dir ? `${e.dir}/${e.name}` : e.name);

/** Tree directories with nothing that must stay: index of the dir line -> entries under it. */
function foldableDirs(listing: Listing, keep: (i: number) => boolean): Map<number, number[]> {
  const { entries } = listing;
  const kept = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e || e.isDir || !keep(i)) continue;
    for (let d = e.dir; d !== '' && !kept.has(d); d = d.slice(0, Math.max(0, d.lastIndexOf('/')))) kept.add(d);
  }
  const out = new Map<number, number[]>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e?.isDir || kept.has(fullPath(e))) continue;
    const inside: number[] = [];
    let j = i + 1;
    for (; j < entries.length; j++) {
      const f = entries[j];
      if (!f) continue;
      if (f.depth <= e.depth) break;
      inside.push(j);
    }
    out.set(i, inside);
    i = j - 1;
  }
  return out;
}

function render(lines: readonly string[], listing: Listing, prep: Prepared, lv: ListingLevel, el: Elisions): string[] {
  const { entries } = listing;
  const n = entries.length;
  const keepOne = (i: number) => prep.must[i]! || (lv.configs && prep.config[i]!);
  const dirFolds = lv.foldDirs && listing.format === 'tree' ? foldableDirs(listing, keepOne) : new Map<number, number[]>();
  const inFold = new Uint8Array(n);
  for (const inside of dirFolds.values()) for (const j of inside) inFold[j] = 1;
  const key = lv.subtree ? prep.subtreeId : lv.byDir ? prep.dirId : prep.dirExtId;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    if (!e || e.isDir || keepOne(i) || inFold[i]) continue;
    const g = groups.get(key[i]!);
    if (g) g.push(i);
    else groups.set(key[i]!, [i]);
  }
  // 1 = folded into a marker, 2 = the marker goes here.
  const fold = new Uint8Array(n);
  const markerAt = new Map<number, number[]>();
  for (const idx of groups.values()) {
    if (idx.length < lv.minRun) continue;
    markerAt.set(idx[0]!, idx);
    for (const i of idx) fold[i] = 1;
  }
  const out: string[] = [];
  const hoist = lv.reduce ? hoistMarker(listing, el) : undefined;
  if (hoist) out.push(hoist);
  for (let i = 0; i < lines.length; i++) {
    const e = entries[i];
    if (!e) {
      if (!(hoist && listing.noise[i])) out.push(lines[i]!);
      continue;
    }
    const inside = dirFolds.get(i);
    if (inside) {
      const files = inside.filter((m) => !entries[m]!.isDir);
      const what = `${e.name}/${files.length ? `: ${foldWhat(files, { ...lv, names: 0, subtree: false }, { ...listing, format: 'tree' }, prep)}` : ''}`;
      out.push(e.prefix + el.omit(files.length, 'files', what));
      continue;
    }
    if (inFold[i]) continue;
    if (fold[i]) {
      const members = markerAt.get(i);
      if (members) out.push(e.prefix + el.omit(members.length, 'files', foldWhat(members, lv, listing, prep)));
      continue;
    }
    out.push(hoist && e.long ? reducedLine(e) : lines[i]!);
  }
  return out;
}

function scoreLines(lines: readonly string[]): number {
  let nonBlank = 0;
  let tree = 0;
  let long = 0;
  let totals = 0;
  let headers = 0;
  let paths = 0;
  let rooted = 0;
  // `size<TAB>./path` (du, find -printf) is a two-column table only in form.
  let sized = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    nonBlank++;
    if (TREE_RE.test(l)) tree++;
    else if (LONG_RE.test(l)) long++;
    else if (/^total \d/.test(l)) totals++;
    else if (l.endsWith(':') && !l.includes(' ') && (i === 0 || lines[i - 1] === '')) headers++;
    else if (/^(?:\d[\d.,]*[KMGTP]?\t)?[^\s:"'{}<>|;=()]+$/.test(l)) {
      paths++;
      if (l.includes('/')) rooted++;
      if (/^\d[\d.,]*[KMGTP]?\t\.?\//.test(l)) sized++;
    }
  }
  if (nonBlank < 3) return -1;
  if (tree >= 3 && tree / nonBlank >= 0.5) return 0.9;
  if (long >= 3 && (long + totals + headers) / nonBlank >= 0.6) return 0.9;
  if (headers >= 2 && (headers + paths + totals) / nonBlank >= 0.8) return 0.6;
  if (sized >= 3 && sized / nonBlank >= 0.8) return 0.88;
  if (rooted >= 3 && paths / nonBlank >= 0.9 && rooted / nonBlank >= 0.5) return 0.7;
  if (paths / nonBlank >= 0.9 && paths >= 5) return 0.3;
  return -1;
}

export const listingCompressor: Compressor = {
  name: 'listing-fold-by-dir',
  type: 'listing',

  score(probe: Probe): number {
    return scoreLines(probe.lines);
  },

  compress(text: string, ctx: CompressContext): Compressed {
    const inputTokens = ctx.estimateTokens(text);
    if (inputTokens <= ctx.budgetTokens) return { text, elisions: [] };
    const { lines, trailingNewline } = splitLines(text);
    const listing = parseListing(lines.map((l) => clip(l, 4000)));
    const prep = prepare(listing);
    return fitLevels(text, inputTokens, ctx, trailingNewline, LEVELS.length, (lv, el) =>
      render(lines, listing, prep, LEVELS[lv]!, el),
    );
  },
};
