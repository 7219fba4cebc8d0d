import { joinLines, splitLines } from '../lines.js';
import { hasMarker } from '../marker.js';
import { condenseLines } from './condense.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';

// The fallback for markdown, plain text and anything no other compressor
// claims: it never declines, and keeps the shape of the text (headings, first
// lines, indentation) while squeezing repeats and, over budget, long bodies.

const MD_HEADING = /^#{1,6} \S/;
const MD_LIST = /^\s{0,6}(?:[-*+]|\d{1,3}\.) [A-Za-z`*_[]/;

function proseScore(p: Probe): number {
  let headings = 0;
  let sentences = 0;
  let nonBlank = 0;
  for (const l of p.lines) {
    const t = l.trim();
    if (!t) continue;
    nonBlank++;
    if (MD_HEADING.test(t)) headings++;
    else if (MD_LIST.test(l) || /^[A-Z][a-z]+ [a-z]+ [a-z]+.*[.!?:]$/.test(t)) sentences++;
  }
  if (nonBlank === 0) return 0.01;
  const ratio = (headings * 2 + sentences) / nonBlank;
  // Weak evidence at most: every specific format should beat prose.
  return Math.max(0.01, Math.min(0.25, 0.03 + ratio * 0.2));
}

export const proseCompressor: Compressor = {
  name: 'prose-structure',
  type: 'prose',
  score: proseScore,
  compress(text: string, ctx: CompressContext): Compressed {
    const { lines, trailingNewline } = splitLines(text);
    const { lines: out, elisions } = condenseLines(lines, {
      budgetTokens: ctx.budgetTokens,
      estimateTokens: ctx.estimateTokens,
      // Already compressed: a second pass only repeats the lossless steps.
      losslessOnly: hasMarker(text),
    });
    const result = joinLines(out, trailingNewline);
    if (result.length >= text.length) return { text, elisions: [] };
    return { text: result, elisions: elisions.list };
  },
};
