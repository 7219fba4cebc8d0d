import { joinLines, splitLines } from '../lines.js';
import { hasMarker } from '../marker.js';
import { condenseLines } from './condense.js';
import { proseScore } from './score.js';
import type { Compressed, CompressContext, Compressor } from '../types.js';

// The fallback for markdown, plain text and anything no other compressor
// claims: it never declines. Near-duplicates go at any size; a large text over
// budget is condensed evenly, headings and inline code first (condense.ts).

/**
 * A document is condensed to this many default budgets: the engine's default
 * suits logs, where most lines repeat, but leaves a manual or a README a table
 * of contents. A budget the caller set is taken as it stands.
 */
const DOCUMENT_BUDGETS = 2.5;

export const proseCompressor: Compressor = {
  name: 'prose-structure',
  type: 'prose',
  score: proseScore,
  compress(text: string, ctx: CompressContext): Compressed {
    const { lines, trailingNewline } = splitLines(text);
    const { lines: out, elisions } = condenseLines(lines, {
      budgetTokens: ctx.budgetTokens,
      estimateTokens: ctx.estimateTokens,
      // Already compressed: a second pass only repeats the near-duplicate steps.
      lossy: ctx.lossy !== false && !hasMarker(text),
      documentBudgets: ctx.budgetGiven ? 1 : DOCUMENT_BUDGETS,
    });
    const result = joinLines(out, trailingNewline);
    if (result.length >= text.length) return { text, elisions: [] };
    return { text: result, elisions: elisions.list };
  },
};
