import { fitLevels } from '../levels.js';
import { parseDiff } from './parse.js';
import { type KindCache, ONELINE_LEVELS, ONELINE_RE, renderOneline } from './oneline.js';
import { type DiffLevel, renderDiff } from './render.js';
import { clip, splitLines } from '../lines.js';
import { Elisions } from '../marker.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';

// Unified diffs and git history. A model reviewing a change needs to know which
// files and functions moved and what the changed lines say; the unchanged
// context, long commit bodies and lock-file churn are what it can do without.

const STRONG_RE = /^(?:diff --git |diff --cc |commit [0-9a-f]{40}\b)/;
const HUNK_RE = /^@@@? -\d+(?:,\d+)? .*\+\d+(?:,\d+)? @@/;

const S = Infinity;
const base = { context: 0, cap: S, bodyLines: 0, summariseGenerated: true, compactHeaders: false, statCap: S };
const DIFF_LEVELS: readonly DiffLevel[] = [
  { ...base, context: 1, bodyLines: 2 },
  base,
  ...[24, 12, 6, 3, 1, 0].map((cap) => ({ ...base, cap })),
  { ...base, cap: 0, compactHeaders: true },
];

function scoreLines(lines: readonly string[]): number {
  let hunks = 0;
  let pairs = 0;
  let oneline = 0;
  let nonBlank = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    nonBlank++;
    if (STRONG_RE.test(l)) return 0.95;
    if (l.startsWith('@@') && HUNK_RE.test(l)) hunks++;
    else if (l.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) pairs++;
    else if (ONELINE_RE.test(l)) oneline++;
  }
  if (pairs > 0 && hunks > 0) return 0.92;
  if (hunks > 0) return 0.8;
  if (nonBlank >= 3 && oneline / nonBlank >= 0.8) return 0.85;
  if (nonBlank >= 3 && oneline / nonBlank >= 0.5) return 0.45;
  return -1;
}

function isOneline(lines: readonly string[]): boolean {
  let hits = 0;
  let nonBlank = 0;
  const n = Math.min(lines.length, 200);
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    nonBlank++;
    if (STRONG_RE.test(l) || l.startsWith('@@')) return false;
    if (ONELINE_RE.test(clip(l, 100))) hits++;
  }
  return nonBlank > 0 && hits / nonBlank >= 0.5;
}

export const diffCompressor: Compressor = {
  name: 'diff-hunk-trim',
  type: 'diff',

  score(probe: Probe): number {
    return scoreLines(probe.lines);
  },

  compress(text: string, ctx: CompressContext): Compressed {
    const inputTokens = ctx.estimateTokens(text);
    if (inputTokens <= ctx.budgetTokens) return { text, elisions: [] };
    const { lines, trailingNewline } = splitLines(text);
    let render: (lv: number, el: Elisions) => string[];
    let levels: number;
    if (isOneline(lines)) {
      const cache: KindCache = [];
      render = (lv, el) => renderOneline(lines, ONELINE_LEVELS[lv]!, el, cache);
      levels = ONELINE_LEVELS.length;
    } else {
      const blocks = parseDiff(lines);
      render = (lv, el) => renderDiff(blocks, DIFF_LEVELS[lv]!, el);
      levels = DIFF_LEVELS.length;
    }
    return fitLevels(text, inputTokens, ctx, trailingNewline, levels, render);
  },
};
