import { largestFitting } from '../runs.js';
import { joinLines, splitLines } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';
import { type Layout, base, keptLines, layout, render, sizeOf } from './fold.js';
import { parseSearch } from './parse.js';
import { rankSearch } from './rank.js';
import { scoreSearch } from './score.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';

// grep / rg / git grep / ag hits. The model uses them to decide which files
// to open: every file keeps a hit for as long as anything does, lines stay
// verbatim (a very long one is cut, with an inline marker at the cut), and
// the hits left out are folded into markers that say where they are
// (`also at lines 57, 67, …`) and name the files that lost every hit.

/** Characters of hit text kept, tried in turn while every hit can stay: long (often minified) lines cut shorter and shorter. */
const WHOLE_WIDTHS = [1000, 400, 200];
/** Then while a hit of every file can stay: shorter cuts, so that every file shows a hit. */
const ANCHOR_WIDTHS = [200, 100, 50];
/** When not every file can show a hit (the others are named in markers). */
const NAMED_WIDTH = 100;

export const searchCompressor: Compressor = {
  name: 'search-hits-by-file',
  type: 'search',

  score(probe: Probe): number {
    return scoreSearch(probe.lines, probe.lineCount > probe.lines.length);
  },

  compress(text: string, ctx: CompressContext): Compressed {
    // Every hit is what the command exists to show: below the lossy size, nothing goes.
    if (ctx.lossy === false) return { text, elisions: [] };
    const inputTokens = ctx.estimateTokens(text);
    // Output of ours (it carries markers) is left as it is, as the engine leaves it.
    if (inputTokens <= ctx.budgetTokens || hasMarker(text)) return { text, elisions: [] };
    const { lines, trailingNewline } = splitLines(text);
    const parsed = parseSearch(lines);
    const ranked = rankSearch(parsed);
    const all = ranked.order.length;
    const b = base(lines, parsed, ranked, ctx.estimateTokens);
    const fits = (lay: Layout, n: number) => sizeOf(lay, keptLines(lay, n), ctx.budgetTokens) <= ctx.budgetTokens;
    // Every hit, at the widest cut that fits.
    for (const w of WHOLE_WIDTHS) {
      const lay = layout(b, w);
      if (fits(lay, all)) return done(text, lay, all, trailingNewline, inputTokens, ctx);
    }
    // Else a hit of every file at the widest cut that fits, and as many more hits as fit; else
    // as many files as fit, the others named in markers.
    const files = ranked.files.filter((f) => f.hits.length > 0).length;
    let lay: Layout | undefined;
    for (const w of ANCHOR_WIDTHS) {
      lay = layout(b, w);
      if (fits(lay, files)) break;
      lay = undefined;
    }
    // Files named with their line numbers, unless the names alone break the budget.
    const named = layout(b, NAMED_WIDTH);
    const final = lay ?? (fits(named, 0) ? named : layout(b, NAMED_WIDTH, true));
    // The first and last hits stay whatever the budget: names alone say nothing of what matched.
    const n = Math.max(Math.min(2, all), largestFitting(all, (k) => fits(final, k)));
    return done(text, final, n, trailingNewline, inputTokens, ctx);
  },
};

function done(text: string, lay: Layout, n: number, trailingNewline: boolean, inputTokens: number, ctx: CompressContext): Compressed {
  const el = new Elisions();
  const out = joinLines(render(lay, keptLines(lay, n), el), trailingNewline);
  if (el.list.length === 0 || ctx.estimateTokens(out) >= inputTokens) return { text, elisions: [] };
  return { text: out, elisions: el.list };
}
