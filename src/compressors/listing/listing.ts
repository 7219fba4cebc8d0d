import { joinLines, splitLines } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';
import { keptLines, layout, render, sizeOf } from './fold.js';
import { parseListing } from './parse.js';
import { rank } from './rank.js';
import { largestFitting } from '../runs.js';
import { MAX_LISTING_SCORE, scoreListing } from './score.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';

// Directory listings in all their formats (ls -l/-la/-laR, find, fd, tree,
// exa, git ls-files/ls-tree, du, tar tv, unzip -l, npm ls). A model reads them
// to find its way: the names of the first level stay, with files no pattern
// covers and the deepest path; deeper entries come back breadth first as the
// budget allows, and what stays out is folded, run by run, into a marker that
// names its pattern. Lines are never rewritten.

export const listingCompressor: Compressor = {
  name: 'listing-fold-deep-runs',
  type: 'listing',

  score(probe: Probe): number {
    return scoreListing(probe.lines);
  },
  maxScore: MAX_LISTING_SCORE,

  compress(text: string, ctx: CompressContext): Compressed {
    // Every name is what the command exists to show: below the lossy size, nothing goes.
    if (ctx.lossy === false) return { text, elisions: [] };
    const inputTokens = ctx.estimateTokens(text);
    // Output of ours (it carries markers) is left as it is, as the engine leaves it.
    if (inputTokens <= ctx.budgetTokens || hasMarker(text)) return { text, elisions: [] };
    const { lines, trailingNewline } = splitLines(text);
    const listing = parseListing(lines);
    const ranking = rank(listing, lines.length);
    const lay = layout(lines, listing, ranking, ctx.estimateTokens);
    const size = (n: number, lean: boolean) => sizeOf(lay, keptLines(lay, n), lean, ctx.budgetTokens);
    // Markers name their pattern unless that alone would break the budget.
    const lean = size(0, false) > ctx.budgetTokens;
    // The most ranked lines that fit: the output grows (about monotonically) as more come back.
    const n = largestFitting(ranking.order.length, (k) => size(k, lean) <= ctx.budgetTokens);
    const el = new Elisions();
    const out = joinLines(render(lay, keptLines(lay, n), lean, el), trailingNewline);
    if (el.list.length === 0 || ctx.estimateTokens(out) >= inputTokens) return { text, elisions: [] };
    return { text: out, elisions: el.list };
  },
};
