import { joinLines } from './lines.js';
import { Elisions } from './marker.js';
import type { Compressed, CompressContext } from './types.js';

// Shared by the compressors that render at fixed levels of loss (diff, search,
// listing): pick the gentlest level that fits the budget.

/**
 * The least lossy level whose output fits the budget (or the last level).
 * Levels only ever remove more, so output size falls with the level and a
 * binary search needs log2(levels) renders instead of one per level.
 */
export function firstFitting<T extends { text: string }>(levels: number, ctx: CompressContext, render: (lv: number) => T): T {
  const done = new Map<number, T>();
  const at = (lv: number): T => {
    let r = done.get(lv);
    if (!r) done.set(lv, (r = render(lv)));
    return r;
  };
  let lo = 0;
  let hi = levels - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.estimateTokens(at(mid).text) <= ctx.budgetTokens) hi = mid;
    else lo = mid + 1;
  }
  return at(lo);
}

/**
 * Renders the input at the gentlest level that fits, as lines; gives the input
 * back when that level elided nothing or saved nothing.
 */
export function fitLevels(
  text: string,
  inputTokens: number,
  ctx: CompressContext,
  trailingNewline: boolean,
  levels: number,
  render: (lv: number, el: Elisions) => string[],
): Compressed {
  const best = firstFitting(levels, ctx, (lv) => {
    const el = new Elisions();
    return { text: joinLines(render(lv, el), trailingNewline), el };
  });
  if (best.el.list.length === 0 || ctx.estimateTokens(best.text) >= inputTokens) return { text, elisions: [] };
  return { text: best.text, elisions: best.el.list };
}
