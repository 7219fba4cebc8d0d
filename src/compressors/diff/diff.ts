import { firstFitting } from '../levels.js';
import { joinLines, splitLines } from '../lines.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';
import { isOnelineLog } from './formats.js';
import { parseDiff } from './parse.js';
import { keepRanks } from './rank.js';
import { renderCut } from './render.js';
import { scoreDiff } from './score.js';

// Diffs and history. What a diff exists to show is its changed lines, so they
// are the last to go: below the lossy size nothing unique is dropped, and
// above it lines go in the order rank.ts gives (redundant headers, context,
// lock and generated files, then changes from the deepest of each file) until
// the output fits the budget. Commit lines, subjects and file names stay
// longest; whatever goes is counted in a marker where it was.

/**
 * The floor (names of commits, files and sections, each file's first changes)
 * stays past a tight budget up to this many times the budget: it is what a
 * reader of a diff looks for first, and faithful comes before small. Past
 * that, and above the floor, the budget steers.
 */
const FLOOR_MAX = 6;

/** A marker line as this compressor writes them: at the start of a line, or under a message's indentation. */
const OWN_MARKER = /^(?: {4})?\[headroom: \d+ \S+ omitted/;

export const diffCompressor: Compressor = {
  name: 'diff-changes-first',
  type: 'diff',

  score(probe: Probe): number {
    return scoreDiff(probe);
  },

  compress(text: string, ctx: CompressContext): Compressed {
    const same = { text, elisions: [] };
    // Small outputs are shown whole: every line of a diff is content.
    if (ctx.lossy === false) return same;
    const inputTokens = ctx.estimateTokens(text);
    if (inputTokens <= ctx.budgetTokens) return same;
    const { lines, trailingNewline } = splitLines(text);
    // Our own output: its markers break the hunk counts, and what is left is the floor already.
    // (A diff that quotes markers in its lines is not: those lines start with a sign.)
    if (lines.some((l) => OWN_MARKER.test(l))) return same;
    const parsed = parseDiff(lines);
    const oneline = isOnelineLog(lines);
    const { rank, floor, ranked } = keepRanks(parsed, lines, oneline);
    const cost = new Float64Array(lines.length);
    for (let i = 0; i < lines.length; i++) cost[i] = ctx.estimateTokens(lines[i]!) + 1;
    const inp = { lines, parsed, rank, cost, estimateTokens: ctx.estimateTokens, oneline };
    const floorTokens = renderCut(inp, floor).tokens;
    const target = Math.max(ctx.budgetTokens, Math.min(floorTokens, FLOOR_MAX * ctx.budgetTokens));
    // Level 0 keeps every ranked line, each level one line fewer: the gentlest that fits wins.
    const best = firstFitting(ranked + 1, { ...ctx, budgetTokens: target }, (lv) => {
      const r = renderCut(inp, ranked - lv);
      return { ...r, text: joinLines(r.lines, trailingNewline) };
    });
    if (best.elisions.length === 0) return same;
    if (ctx.estimateTokens(best.text) >= inputTokens) return same;
    return { text: best.text, elisions: best.elisions };
  },
};
