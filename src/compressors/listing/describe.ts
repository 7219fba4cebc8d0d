import { Kind, type Listing } from './parse.js';
import type { Layout } from './fold.js';
import { extOf } from './rules.js';

// What a fold marker says about the run it replaces: how many entries, the
// file kinds several of them share, the directory they are under, and the
// subdirectories the run spans: `77 files omitted (*.ts under src/compressors/: build/, code/, …)`.

/** Path of an item from the top, stopping (exclusive) at the first ancestor `stop` accepts. */
function pathOf(listing: Listing, item: number, stop: (id: number) => boolean): string {
  const names: string[] = [];
  for (let p = item; p >= 0 && !stop(p); p = listing.items[p]!.parent) names.push(listing.items[p]!.name);
  return names.reverse().join('/');
}

/** The deepest item that is an ancestor of (or equal to) both, or -1 for the top. */
function commonAncestor(listing: Listing, a: number, b: number): number {
  const { items } = listing;
  let x = a;
  let y = b;
  while (x >= 0 && y >= 0 && x !== y) {
    if (items[x]!.level >= items[y]!.level) x = items[x]!.parent;
    else y = items[y]!.parent;
  }
  return x === y ? x : -1;
}

/** The ancestor of `item` (or itself) whose parent is `top`. */
function childOf(listing: Listing, top: number, item: number): number {
  let x = item;
  while (x >= 0 && listing.items[x]!.parent !== top) x = listing.items[x]!.parent;
  return x;
}

/** File kind for patterns: `d.ts`, `min.js` and other double extensions count as one. */
export function kindOf(name: string): string {
  const x = extOf(name);
  if (!x) return '';
  const y = extOf(name.slice(0, name.length - x.length - 1));
  return /^(?:d|min|test|spec|module|config|esm|cjs|umd|prod|dev)$/.test(y) ? `${y}.${x}` : x;
}

const SPAN_NAMES = 3;

export interface RunDescription {
  readonly count: number;
  readonly unit: string;
  readonly what: string;
}

/** The run's count and unit, and unless `lean`, its pattern. */
export function describe(lay: Layout, from: number, to: number, lean = false): RunDescription {
  const { listing, ranking, fileKind } = lay;
  const { kinds, itemOf, items } = listing;
  const exts = new Map<string, number>();
  let files = 0;
  let dirs = 0;
  let common = -2;
  for (let i = from; i < to; i++) {
    if (kinds[i] !== Kind.Entry) continue;
    const id = itemOf[i]!;
    const it = items[id]!;
    if (it.isDir) dirs++;
    else {
      files++;
      const k = fileKind[id]!;
      exts.set(k, (exts.get(k) ?? 0) + 1);
    }
    common = common === -2 ? it.parent : commonAncestor(listing, common, it.parent);
  }
  // Without -F or children shown, a tree cannot tell a file without an extension from an empty directory.
  const unit = dirs === 0 ? (listing.format === 'tree' && exts.size <= 1 && exts.has('') ? 'entries' : 'files') : files === 0 ? 'dirs' : 'entries';
  if (lean) return { count: dirs + files, unit, what: '' };
  // A kind is a pattern when several files share it; files without an extension say nothing as a kind.
  const sorted = [...exts].filter(([k, c]) => k !== '' && (c > 1 || exts.size === 1)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const parts: string[] = [];
  if (sorted.length === 1 && dirs === 0 && sorted[0]![1] === files) parts.push(`*.${sorted[0]![0]}`);
  else {
    for (const [k, c] of sorted.slice(0, 3)) parts.push(`${c} *.${k}`);
    if (sorted.length > 3) parts.push('…');
    if (dirs && files && parts.length) parts.push(`${dirs} ${dirs === 1 ? 'dir' : 'dirs'}`);
  }
  // Paths and ls sections name their directory on the lines left out; a tree shows it by position.
  let where = '';
  if (listing.format !== 'tree' && common >= 0 && ranking.depth[common]! > 0) {
    where = listing.format === 'paths' ? pathOf(listing, common, () => false) : pathOf(listing, common, (p) => ranking.depth[p]! <= 0);
    where = where === '' ? '/' : `${where}/`;
  }
  // The subdirectories the run spans, when it spans several.
  const spans: string[] = [];
  let more = false;
  for (let i = from; i < to && common >= -1; i++) {
    if (kinds[i] !== Kind.Entry) continue;
    const c = childOf(listing, common, itemOf[i]!);
    if (c < 0 || !items[c]!.isDir) continue;
    const name = `${items[c]!.name}/`;
    if (spans.includes(name)) continue;
    if (spans.length === SPAN_NAMES) {
      more = true;
      break;
    }
    spans.push(name);
  }
  let what = [parts.join(', '), where ? `under ${where}` : ''].filter(Boolean).join(' ');
  if (spans.length > 1) what += `${what ? ': ' : 'in '}${spans.join(', ')}${more ? ', …' : ''}`;
  return { count: dirs + files, unit, what };
}
