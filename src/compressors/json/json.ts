import { type JNode, JsonShapeError, Kind, parseJson, type SourceStyle } from './parse.js';
import { parseLines, renderLines } from './jsonl.js';
import { Renderer } from './render.js';
import { analyse, headFor, select } from './select.js';
import { shortenRaw } from './strings.js';
import { splitLines } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';

// JSON documents, JSON lines and recorded HTTP exchanges. Lossless first: the
// tree is re-printed compactly in the source's own separators. Only when that
// is still over budget does a best-first selection (json-select.ts) keep
// errors, outliers, identities and the first and last elements, with markers
// counting the rest.

/** Characters kept from the head of a long string in a lossy rendering. */
const STRING_HEAD = 100;
/** Re-selection rounds when the first rendering misses the budget. */
const ROUNDS = 4;

const ARRAY_START = /^\[\s*(?:[{["\]]|-?\d+(?:\.\d+)?\s*[,\]]|(?:true|false|null)\s*[,\]])/;
const OBJECT_START = /^\{\s*(?:"|\})/;

function score(p: Probe): number {
  const f = p.firstChar;
  if (f !== '{' && f !== '[') return -1;
  const head = p.head.trimStart().slice(0, 256);
  if (head.startsWith('[headroom: ')) return -1;
  if (!(f === '{' ? OBJECT_START : ARRAY_START).test(head)) return -1;
  const body = p.lines.filter((l) => l.trim() !== '');
  const records = body.filter((l) => OBJECT_START.test(l.trimStart())).length;
  if (body.length >= 2 && records >= body.length * 0.8 && body.every((l) => !/^\s/.test(l))) return 0.92;
  const closes = (f === '{' && p.lastChar === '}') || (f === '[' && p.lastChar === ']');
  const keyed = p.head.includes('":');
  if (closes) return keyed ? 0.92 : 0.6;
  return keyed ? 0.5 : 0.2;
}

function passthrough(text: string): Compressed {
  return { text, elisions: [] };
}

/** Length of a scalar as a lossy rendering will print it; `seen` holds error lines already shown. */
function shownLength(n: JNode, seen: Set<string>): number {
  const r = n.raw;
  if (r.length <= STRING_HEAD + 2 || r.charCodeAt(0) !== 34) return r.length;
  const head = headFor(n, STRING_HEAD);
  return shortenRaw(r, { head, hot: n.hot || n.inHot, repeat: n.repeat }, seen, new Elisions()).length;
}

function costFn(style: SourceStyle, oneLine: boolean, seen: Set<string> = new Set()): (n: JNode) => number {
  const colon = style.colon.length;
  return (n) => {
    const key = n.key ? n.key.length + colon : 0;
    if (n.kind === Kind.Scalar) {
      return (key + shownLength(n, seen)) / 3.2 + (oneLine ? 0.3 : 1);
    }
    if (oneLine && n.parent && n.parent.parent === null) return 12;
    return key / 3.2 + (oneLine ? 1 : 2) + (n.kids.length ? 6 : 0);
  };
}

interface Sized {
  readonly out: Compressed;
  readonly tokens: number;
}

/**
 * Renders at a selection budget, then re-selects with a scaled budget while the
 * output misses the target (cost estimates are rough): the largest rendering
 * within budget wins, else the smallest.
 */
function fitToBudget(ctx: CompressContext, render: (budget: number) => Compressed): Sized | null {
  const target = ctx.budgetTokens;
  let budget = target;
  let best: Sized | null = null;
  let bestFits = false;
  for (let round = 0; round < ROUNDS; round++) {
    const out = render(budget);
    const tokens = ctx.estimateTokens(out.text);
    const fits = tokens <= target * 1.1;
    if (!best || (fits ? !bestFits || tokens > best.tokens : !bestFits && tokens < best.tokens)) {
      best = { out, tokens };
      bestFits = fits;
    }
    if (fits && tokens >= target * 0.8) break;
    budget *= (target / Math.max(tokens, 1)) * (fits ? 0.9 : 0.95);
  }
  return best;
}

/** Re-printing compactly cannot cut tokens by more than this, so bigger inputs skip the lossless try. */
const LOSSLESS_GAIN = 3;

function compressDoc(root: JNode, style: SourceStyle, ctx: CompressContext, inputTokens: number): Sized | null {
  const all = analyse(root);
  if (inputTokens <= ctx.budgetTokens * LOSSLESS_GAIN) {
    for (const n of all) n.keep = true;
    const lossless = new Renderer({ style, lossy: false, head: STRING_HEAD }, new Elisions()).doc(root).join('\n');
    const tokens = ctx.estimateTokens(lossless);
    if (tokens <= ctx.budgetTokens) return { out: { text: lossless, elisions: [] }, tokens };
  }
  const cost = costFn(style, false);
  return fitToBudget(ctx, (budget) => {
    select(all, budget, cost, false, costFn(style, false, new Set()));
    const el = new Elisions();
    const out = new Renderer({ style, lossy: true, head: STRING_HEAD }, el).doc(root).join('\n');
    return { text: out, elisions: el.list };
  });
}

function compressLines(text: string, ctx: CompressContext, inputTokens: number): Sized | null {
  const { lines, trailingNewline } = splitLines(text);
  const { root, style, all } = parseLines(lines);
  if (inputTokens <= ctx.budgetTokens) return null;
  const cost = costFn(style, true);
  return fitToBudget(ctx, (budget) => {
    select(all, budget, cost, true, costFn(style, true, new Set()));
    const el = new Elisions();
    const out = renderLines(root, new Renderer({ style, lossy: true, head: STRING_HEAD }, el), el);
    return { text: out.join('\n') + (trailingNewline ? '\n' : ''), elisions: el.list };
  });
}

function compress(text: string, ctx: CompressContext): Compressed {
  if (text.trim() === '' || hasMarker(text)) return passthrough(text);
  const inputTokens = ctx.estimateTokens(text);
  let best: Sized | null;
  try {
    const { root, style } = parseJson(text);
    best = compressDoc(root, style, ctx, inputTokens);
  } catch (e) {
    if (!(e instanceof JsonShapeError)) throw e;
    try {
      best = compressLines(text, ctx, inputTokens);
    } catch (e2) {
      if (!(e2 instanceof JsonShapeError)) throw e2;
      return passthrough(text);
    }
  }
  return best && best.tokens < inputTokens ? best.out : passthrough(text);
}

/** Structure-aware JSON / JSONL compression that keeps errors and outliers. */
export const jsonCompressor: Compressor = {
  name: 'json-outliers',
  type: 'json',
  score,
  compress,
};
