import { Elisions, hasMarker } from '../marker.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';
import { isRecordStream, markTemplates, renderRecords } from './jsonl.js';
import { type JNode, Kind } from './node.js';
import { JsonShapeError, parseJson, type SourceStyle } from './parse.js';
import { type RecordsInput, readRecords } from './records.js';
import { Renderer } from './render.js';
import { score, type SelectOptions } from './priority.js';
import { keepAll, select } from './select.js';
import { analyse } from './shape.js';

// JSON documents, JSON lines and streams of values. Lossless first: the tree
// is printed again compactly in the source's own separators, a member every
// record has with the same value is stated once, and repeats of a log
// template or of a long string go (known noise). Only a large input
// (ctx.lossy) still over budget loses more, best first (priority.ts,
// select.ts): columns of records before whole records, names and errors last.
// The output is JSON that parses once its marker lines are removed and
// projects the input (form 'json', or 'jsonl' for one value per line), or,
// where only whole source lines can be kept, lines of the input ('lines').

/** Characters kept from the head of a long string in a lossy rendering. */
const STRING_HEAD = 100;
/** Re-selection rounds when the first rendering misses the budget. */
const ROUNDS = 4;
/** Re-printing compactly cannot cut tokens by more than this, so bigger inputs skip the lossless try. */
const LOSSLESS_GAIN = 3;

const ARRAY_START = /^\[\s*(?:[{["\]]|-?\d+(?:\.\d+)?\s*[,\]]|(?:true|false|null)\s*[,\]])/;
const OBJECT_START = /^\{\s*(?:"|\})/;

/** The most `scoreJson` gives: a whole document or JSON lines. */
const SURE = 0.92;

function scoreJson(p: Probe): number {
  const f = p.firstChar;
  if (f !== '{' && f !== '[') return -1;
  const head = p.head.trimStart().slice(0, 256);
  if (head.startsWith('[headroom: ')) return -1;
  if (!(f === '{' ? OBJECT_START : ARRAY_START).test(head)) return -1;
  const body = p.lines.filter((l) => l.trim() !== '');
  const records = body.filter((l) => OBJECT_START.test(l.trimStart())).length;
  if (body.length >= 2 && records >= body.length * 0.8 && body.every((l) => !/^\s/.test(l))) return SURE;
  const closes = (f === '{' && p.lastChar === '}') || (f === '[' && p.lastChar === ']');
  const keyed = p.head.includes('":');
  if (closes) return keyed ? SURE : 0.6;
  return keyed ? 0.5 : 0.2;
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
    budget *= (target / Math.max(tokens, 1)) * (fits ? 0.95 : 0.9);
  }
  return best;
}

/** A long string's share of a lossy rendering: its head and a marker. */
function cutCost(head: number): (n: JNode) => number {
  return (n) => {
    const len = n.raw.length;
    if (n.kind !== Kind.Scalar || len <= head + 62 || n.raw.charCodeAt(0) !== 34) return n.cost;
    return n.cost * Math.min(1, (head * (n.hot ? 3 : 1) + 40) / len) + 9;
  };
}

/** As the engine's guard reads it: content may go unless the caller says it may not. */
function lossy(ctx: CompressContext): boolean {
  return ctx.lossy !== false;
}

function compressDoc(root: JNode, style: SourceStyle, ctx: CompressContext, inputTokens: number): Sized | null {
  const shape = analyse(root, ctx.estimateTokens);
  if (!lossy(ctx) || inputTokens <= ctx.budgetTokens * LOSSLESS_GAIN) {
    keepAll(root, false);
    const el = new Elisions();
    const text = new Renderer({ style, lossy: false, head: STRING_HEAD }, el).doc(root).join('\n');
    const tokens = ctx.estimateTokens(text);
    if (!lossy(ctx) || tokens <= ctx.budgetTokens) return { out: { text, elisions: el.list, form: 'json' }, tokens };
  }
  const opts: SelectOptions = { wholeRecords: 0, lines: false };
  const cost = cutCost(STRING_HEAD);
  score(shape, opts, cost);
  return fitToBudget(ctx, (budget) => {
    select(shape, budget, cost, opts);
    const el = new Elisions();
    const text = new Renderer({ style, lossy: true, head: STRING_HEAD }, el).doc(root).join('\n');
    return { text, elisions: el.list, form: 'json' };
  });
}

/** Records up to this many tokens are a log's lines: kept whole or not at all. */
function wholeRecordMax(budget: number): number {
  return Math.max(60, budget / 8);
}

/** Every record but the noise, whole: the rendering of a small input. */
function renderAll(input: RecordsInput, ctx: CompressContext, noise: Uint8Array): Sized {
  for (const rec of input.root.kids) {
    if (noise[rec.idx]) rec.keep = false;
    else keepAll(rec, true);
  }
  input.root.keep = true;
  return renderOut(input, ctx, false);
}

function renderOut(input: RecordsInput, ctx: CompressContext, lossy: boolean): Sized {
  const el = new Elisions();
  const r = new Renderer({ style: input.style, lossy, head: STRING_HEAD }, el);
  const lines = renderRecords(input, r, el, lossy ? STRING_HEAD + 62 : Number.MAX_SAFE_INTEGER);
  const text = lines.join('\n') + (input.trailingNewline ? '\n' : '');
  return { out: { text, elisions: el.list, form: input.verbatim ? 'lines' : 'jsonl' }, tokens: ctx.estimateTokens(text) };
}

function compressRecords(input: RecordsInput, ctx: CompressContext): Sized | null {
  const shape = analyse(input.root, ctx.estimateTokens);
  // Templates and repeats are a log's: a stream of pretty values, or JSON lines that are a
  // table's rows, is a list of records.
  const log = input.jsonl && !isRecordStream(input.root);
  const noise = log ? markTemplates(input, shape.all) : new Uint8Array(input.root.kids.length);
  // Repeats of a log template are noise at any size: the small-input rendering drops only them.
  const gentle = renderAll(input, ctx, noise);
  if (!lossy(ctx) || gentle.tokens <= ctx.budgetTokens) return gentle;
  // Verbatim input keeps whole lines only: no string is cut, no record projected.
  const cuts = !input.verbatim;
  // A log's lines are kept whole or projected to one line; the values of a stream (`go list
  // -json`) are a list's records: each named, its columns projected before whole records go.
  const opts: SelectOptions = log
    ? { wholeRecords: cuts ? wholeRecordMax(ctx.budgetTokens) : Number.MAX_SAFE_INTEGER, lines: true }
    : { wholeRecords: 0, lines: false };
  const cost = cuts ? cutCost(STRING_HEAD) : (n: JNode) => n.cost;
  score(shape, opts, cost);
  return fitToBudget(ctx, (budget) => {
    select(shape, budget, cost, opts);
    return renderOut(input, ctx, cuts).out;
  });
}

/**
 * A collection is condensed to this many default budgets: each record kept
 * costs a line or more, and a sample of a thousand records names few of them.
 * A budget the caller set is taken as it stands.
 */
const COLLECTION_BUDGETS = 3;

function compress(text: string, given: CompressContext): Compressed {
  const ctx = given.budgetGiven ? given : { ...given, budgetTokens: given.budgetTokens * COLLECTION_BUDGETS };
  const passthrough = { text, elisions: [] };
  if (text.trim() === '' || hasMarker(text)) return passthrough;
  const inputTokens = ctx.estimateTokens(text);
  let best: Sized | null;
  try {
    const { root, style } = parseJson(text);
    best = compressDoc(root, style, ctx, inputTokens);
  } catch (e) {
    if (!(e instanceof JsonShapeError)) throw e;
    try {
      best = compressRecords(readRecords(text), ctx);
    } catch (e2) {
      if (!(e2 instanceof JsonShapeError)) throw e2;
      return passthrough;
    }
  }
  return best && best.tokens < inputTokens ? { ...best.out, tokens: best.tokens } : passthrough;
}

/** JSON documents and JSON lines: lossless re-printing, then column projection before whole records. */
export const jsonCompressor: Compressor = {
  name: 'json-projection',
  type: 'json',
  score: scoreJson,
  maxScore: SURE,
  compress,
};
