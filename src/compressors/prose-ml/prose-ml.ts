import { checkWords, pruneLine } from '../guard/index.js';
import { joinLines, splitLines } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';
import { makeProbe } from '../probe.js';
import { DOCUMENT_SHARE, condenseLines, documentShare, proseCompressor, proseScore, readsAsDocument } from '../prose/index.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';
import { type Sequence, sequenceOf } from './features.js';
import { keptLines } from './keep.js';
import { type ModelState, loadModel } from './model.js';

// Documents above a size lose filler words first, as the shipped model marks
// them (must-keep units never go: guard/words.ts); only if the text is still
// over its budget are whole lines condensed, as the deterministic prose
// compressor does, but only plain lines: a line with a heading, a section's
// first sentence, inline code, a number or an identifier stays (keep.ts), and
// what goes is in the store, named by the marker that replaces it. Without the
// model (not installed, missing, damaged), every input gets exactly what
// prose-structure gives it.

/** From about 1,000 tokens: below, a document is read whole. */
export const MIN_CHARS = 4000;
/** Up to about 500,000 tokens (a second or two of inference); beyond, prose-structure alone. */
const MAX_CHARS = 2_000_000;
/** The engine's own floor (engine.ts DEFAULTS.minSavings): an output saving less passes whole. */
const MIN_SAVING = 0.1;
/** As the prose compressor: a document gets this many default budgets unless the caller set one. */
const DOCUMENT_BUDGETS = 2.5;

/** Drop scores for a text's units: a unit may go when its score is above the threshold. */
export interface Scored {
  readonly seq: Sequence;
  readonly logits: Float32Array;
  readonly threshold: number;
}

interface Prepared extends Scored {
  readonly text: string;
}

/** The last text prepared: the engine calls prepare then compress on the same text. */
let prepared: Prepared | undefined;
/** Known once the first load settles: a model that failed routes prose to prose-structure directly. */
let state: ModelState | undefined;

/**
 * prose-ml runs unless HEADROOM_PROSE_ML=0 turns it off: on documents nobody
 * tuned for it keeps every inline code span, number and needle while saving
 * over a quarter (README). Read on each call, so a worker thread follows the
 * environment it was started with.
 */
export function proseMlEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.HEADROOM_PROSE_ML !== '0';
}

/**
 * A document above the size, not compressed already (a second pass would
 * prune the pruned). Its head says it is a document, or windows spread
 * through it do, as the prose compressor judges: a manual may open with code.
 */
function fits(text: string, probe?: Probe): boolean {
  if (text.length < MIN_CHARS || text.length > MAX_CHARS || hasMarker(text)) return false;
  return documentShare((probe ?? makeProbe(text)).lines) >= DOCUMENT_SHARE || readsAsDocument(splitLines(text).lines);
}

export const proseMlCompressor: Compressor = {
  name: 'prose-ml',
  type: 'prose',
  score(probe: Probe, toBeat = 0): number {
    if (!proseMlEnabled() || state?.ok === false) return -1;
    // Its score is the prose score; whether the text is a document at all reads the whole text, so it is asked only when that score could win.
    const score = proseScore(probe, toBeat);
    if (score <= toBeat || !fits(probe.text, probe)) return -1;
    return score;
  },
  async prepare(text: string): Promise<void> {
    // The engine also calls the type's first compressor directly (--type prose): off means off there too.
    if (!proseMlEnabled() || prepared?.text === text || !fits(text)) return;
    state = await loadModel();
    if (!state.ok) return;
    const seq = sequenceOf(splitLines(text).lines);
    const logits = await state.model.logits(seq.ids, seq.feats);
    prepared = { text, seq, logits, threshold: state.model.manifest.threshold };
  },
  compress(text: string, ctx: CompressContext): Compressed {
    const p = prepared?.text === text ? prepared : undefined;
    return p ? prune(text, p, ctx) : proseCompressor.compress(text, ctx);
  },
};

/**
 * The text with the words scored to go gone, then condensed by lines if still
 * over budget (exported for the bench, which renders the teacher's labels the same way).
 */
export function prune(text: string, p: Scored, ctx: CompressContext): Compressed {
  const { lines, trailingNewline } = splitLines(text);
  const pruned = lines.slice();
  let words = 0;
  for (const l of p.seq.lines) {
    const drop = new Set<number>();
    l.units.forEach((_, k) => {
      const at = l.offset + k;
      if (p.seq.droppable[at] && p.logits[at]! > p.threshold) drop.add(k);
    });
    if (drop.size === 0 || drop.size === l.units.length) continue;
    pruned[l.line] = pruneLine(lines[l.line]!, l.units, drop);
    words += drop.size;
  }
  const basis = joinLines(pruned, trailingNewline);
  // The guard checks this again; a line the rule would refuse sends the text to the deterministic compressor whole.
  if (words === 0 || checkWords(text, basis) !== null) return proseCompressor.compress(text, ctx);
  const el = new Elisions();
  const head = el.omit(words, 'words', 'filler words, by prose-ml');
  const lossy = ctx.lossy !== false;
  const condensed = condenseLines(pruned, {
    budgetTokens: ctx.budgetTokens,
    estimateTokens: ctx.estimateTokens,
    lossy,
    documentBudgets: ctx.budgetGiven ? 1 : DOCUMENT_BUDGETS,
    pinned: keptLines(lines),
  });
  const out = joinLines([head, ...condensed.lines], trailingNewline);
  // What must stay can outweigh the budget: a changelog or a reference page
  // (a man page, an API reference) has a number, an option or a code span on
  // most lines. A budget the caller set is kept; without one, a document may
  // run over its own (it is what it was read for), but never to where the
  // engine would pass it whole: then the deterministic compressor condenses it
  // as it does any text, its markers naming the code spans they replace. The
  // price is in the README (prose-ml): on reference pages this keeps much
  // more than prose-structure does.
  if (lossy) {
    const after = ctx.estimateTokens(out);
    const limit = ctx.budgetGiven ? ctx.budgetTokens : ctx.estimateTokens(text) * (1 - MIN_SAVING);
    if (after > limit) return proseCompressor.compress(text, ctx);
  }
  return {
    text: out,
    elisions: [...el.list, ...condensed.elisions.list],
    form: 'words',
    basis,
  };
}
