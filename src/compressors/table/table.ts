import { joinLines, splitLines } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';
import { fit, itemsOf, renderItems } from '../prose/index.js';
import { foldTables } from './fold.js';
import { MAX_TABLE_SCORE, tableScore } from './score.js';
import { findTables } from './spans.js';
import type { Compressed, CompressContext, Compressor } from '../types.js';

// Tables (CSV, TSV, pipe and box tables, aligned command output) keep every
// row verbatim while they fit; a large table over budget keeps its header,
// its rows in trouble, its first, last and outlier rows and rows sampled
// evenly through it, each run of rows left out folded into a marker that says
// what it held (fold.ts).

export const tableCompressor: Compressor = {
  name: 'table-rows',
  type: 'table',
  score: tableScore,
  maxScore: MAX_TABLE_SCORE,
  compress(text: string, ctx: CompressContext): Compressed {
    // Rows are what the command exists to show: they go only from a large table.
    if (hasMarker(text) || ctx.lossy === false || ctx.estimateTokens(text) <= ctx.budgetTokens) return { text, elisions: [] };
    const { lines, trailingNewline } = splitLines(text);
    const tables = findTables(lines);
    if (tables.length === 0) return { text, elisions: [] };
    const { selection, describer } = foldTables(lines, tables);
    const fitted = fit(itemsOf(lines), selection, ctx.budgetTokens, ctx.estimateTokens, describer);
    if (!fitted.cut) return { text, elisions: [] };
    const el = new Elisions();
    return { text: joinLines(renderItems(fitted.items, el), trailingNewline), elisions: el.list };
  },
};
