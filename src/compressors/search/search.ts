import { fitLevels } from '../levels.js';
import { splitLines } from '../lines.js';
import { Elisions } from '../marker.js';
import { parseSearch, type SearchLine } from './parse.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';

// grep / rg / git grep hits. The model uses them to decide which files to open,
// so every file path survives, with the first hit of each file in its original
// `path:line:text` form; the rest of a file's hits shrink to `line:text` and then
// to a list of line numbers.

interface SearchLevel {
  /** Matches shown per file; the rest become line numbers in a marker. */
  readonly hits: number;
  /** Characters of hit text kept (long, often minified, lines are cut with '…'). */
  readonly clip: number;
  /** Keep -A/-B/-C context lines and `--` separators. */
  readonly context: boolean;
  /** Keep `path:0` lines of `grep -c`. */
  readonly zeroCounts: boolean;
}

const LEVELS: readonly SearchLevel[] = [
  { hits: Infinity, clip: 400, context: true, zeroCounts: true },
  { hits: Infinity, clip: 200, context: false, zeroCounts: false },
  { hits: 8, clip: 160, context: false, zeroCounts: false },
  { hits: 4, clip: 120, context: false, zeroCounts: false },
  { hits: 2, clip: 100, context: false, zeroCounts: false },
  { hits: 1, clip: 80, context: false, zeroCounts: false },
  { hits: 1, clip: 60, context: false, zeroCounts: false },
];

type Hit = Extract<SearchLine, { kind: 'match' | 'context' }>;
interface Group {
  readonly path: string;
  heading: boolean;
  readonly items: (Hit | { kind: 'sep' })[];
}
type Piece = Group | Extract<SearchLine, { kind: 'count' }> | Extract<SearchLine, { kind: 'other' }>;

/** Cuts long hit text; a cut that saves less than a marker costs is not made. */
function cut(text: string, max: number): string {
  return text.length > max + 40 ? `${text.slice(0, max)}…` : text;
}

/** `12, 40, 88-91, …` kept short enough for a marker. */
function lineList(nums: readonly number[], max: number): string {
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    const part = j > i ? `${nums[i]}-${nums[j]}` : `${nums[i]}`;
    if (len + part.length > max) {
      parts.push('…');
      break;
    }
    parts.push(part);
    len += part.length + 2;
    i = j + 1;
  }
  return parts.join(', ');
}

function group(parsed: readonly SearchLine[]): Piece[] {
  const pieces: Piece[] = [];
  let g: Group | undefined;
  for (const l of parsed) {
    if (l.kind === 'match' || l.kind === 'context') {
      if (!g || g.path !== l.path) {
        g = { path: l.path, heading: false, items: [] };
        pieces.push(g);
      }
      g.items.push(l);
    } else if (l.kind === 'heading') {
      g = { path: l.path, heading: true, items: [] };
      pieces.push(g);
    } else if (l.kind === 'sep') {
      if (g) g.items.push(l);
    } else if (l.kind === 'count') pieces.push(l);
    else {
      if (l.line === '' && g?.heading) g = undefined;
      pieces.push(l);
    }
  }
  return pieces;
}

function renderGroup(g: Group, lv: SearchLevel, el: Elisions, out: string[]): void {
  if (g.heading) out.push(g.path);
  let shown = 0;
  let fullDone = g.heading;
  const moreNums: number[] = [];
  let dropped = 0;
  let droppedContext = 0;
  // A marker for a single hidden match costs as much as the match.
  let total = 0;
  for (const it of g.items) if (it.kind === 'match') total++;
  const limit = total === lv.hits + 1 ? total : lv.hits;
  let cutChars = 0;
  let cutLines = 0;
  // Past the first match that is not shown, only line numbers are kept.
  let cutReached = false;
  let pendingSep = false;
  for (const it of g.items) {
    if (it.kind === 'sep') {
      if (lv.context && shown > 0 && !cutReached) pendingSep = true;
      continue;
    }
    if (it.kind === 'match' && shown >= limit) cutReached = true;
    const keep = !cutReached && (it.kind === 'match' || lv.context);
    if (!keep) {
      dropped++;
      if (it.kind === 'match') moreNums.push(Number(it.num));
      else droppedContext++;
      continue;
    }
    if (pendingSep) out.push('--');
    pendingSep = false;
    const text = cut(it.text, lv.clip);
    if (text.length !== it.text.length) {
      cutChars += it.text.length - lv.clip;
      cutLines++;
    }
    const sep = it.kind === 'match' ? ':' : '-';
    // The first hit keeps its `path:line` form so the pair stays greppable.
    if (!fullDone && it.flat) out.push(`${g.path}${sep}${it.num}${sep}${text}`);
    else out.push(`${it.num}${sep}${text}`);
    if (it.kind === 'match') {
      shown++;
      fullDone = true;
    }
  }
  const cutNote = cutLines > 0 ? `${cutLines} long ${cutLines === 1 ? 'line' : 'lines'} cut at …` : '';
  if (dropped === 0) {
    if (cutNote) out.push(el.omit(cutChars, 'chars', cutNote));
    return;
  }
  // One marker per file: the cut lines are mentioned in it rather than in one more line.
  const what: string[] = [];
  if (cutNote) what.push(cutNote);
  if (moreNums.length) what.push(`also at lines ${lineList(moreNums, cutNote ? 50 : 70)}`);
  if (droppedContext) what.push(moreNums.length ? `${droppedContext} context` : 'context');
  const unit = moreNums.length === dropped ? (dropped === 1 ? 'match' : 'matches') : dropped === 1 ? 'line' : 'lines';
  out.push(el.omit(dropped, unit, what.join('; ')));
}

function render(pieces: readonly Piece[], lv: SearchLevel, el: Elisions): string[] {
  const out: string[] = [];
  let zeros: string[] = [];
  const flushZeros = () => {
    if (zeros.length === 1) out.push(zeros[0]!);
    else if (zeros.length > 1) out.push(el.omit(zeros.length, 'files', 'with 0 matches'));
    zeros = [];
  };
  for (const p of pieces) {
    if ('items' in p) {
      flushZeros();
      renderGroup(p, lv, el, out);
    } else if (p.kind === 'count') {
      if (p.count === 0 && !lv.zeroCounts) zeros.push(`${p.path}:0`);
      else {
        flushZeros();
        out.push(`${p.path}:${p.count}`);
      }
    } else {
      flushZeros();
      out.push(p.line);
    }
  }
  flushZeros();
  return out;
}

function scoreLines(lines: readonly string[]): number {
  const parsed = parseSearch(lines);
  let nonBlank = 0;
  let hits = 0;
  let matches = 0;
  let counts = 0;
  let compilerish = 0;
  const paths = new Set<string>();
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i]!;
    if (p.kind === 'other') {
      if (p.line.trim() !== '') nonBlank++;
      continue;
    }
    nonBlank++;
    if (p.kind === 'match') {
      matches++;
      paths.add(p.path);
      // `file:12:5: error: ...` is a compiler or linter talking, not a search.
      if (/^\d+: ?(?:error|warning|note|fatal|info|[A-Z]\d{2,4}\b)/i.test(p.text.slice(0, 40))) compilerish++;
    }
    if (p.kind === 'count') counts++;
    hits++;
  }
  if (nonBlank < 2 || hits / nonBlank < 0.5) return -1;
  if (matches > 0 && compilerish / matches > 0.3) return 0.15;
  const ratio = hits / nonBlank;
  if (matches >= 2) {
    const repeated = paths.size <= Math.max(1, matches * 0.7);
    if (ratio >= 0.8) return repeated ? 0.9 : 0.75;
    return 0.55;
  }
  if (counts >= 3 && counts / nonBlank >= 0.8) return 0.6;
  return 0.3;
}

export const searchCompressor: Compressor = {
  name: 'search-group-by-file',
  type: 'search',

  score(probe: Probe): number {
    return scoreLines(probe.lines);
  },

  compress(text: string, ctx: CompressContext): Compressed {
    const inputTokens = ctx.estimateTokens(text);
    if (inputTokens <= ctx.budgetTokens) return { text, elisions: [] };
    const { lines, trailingNewline } = splitLines(text);
    const pieces = group(parseSearch(lines));
    return fitLevels(text, inputTokens, ctx, trailingNewline, LEVELS.length, (lv, el) => render(pieces, LEVELS[lv]!, el));
  },
};
