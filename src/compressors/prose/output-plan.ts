import { clip } from '../lines.js';
import { isCriticalLine } from '../guard/index.js';
import { templateOf } from '../template.js';
import { type Item, isBlank } from './items.js';
import { type Plan, plainPlan, spread } from './plan.js';

/**
 * The plan of tool output nobody recognised: error, warning and status lines
 * (one per template, rarest first), then the first and last lines, then one
 * line of every other template (rarest first), then the rest, spread evenly.
 */
export function outputPlan(items: readonly Item[]): Plan {
  const n = items.length;
  const lines: number[] = [];
  for (let i = 0; i < n; i++) if (!items[i]!.omitted && !isBlank(items[i]!)) lines.push(i);
  const templates = new Map<string, number[]>();
  for (const i of lines) {
    const t = templateOf(items[i]!.text);
    let list = templates.get(t);
    if (!list) templates.set(t, (list = []));
    list.push(i);
  }
  const groups = [...templates.values()].sort((a, b) => a.length - b.length || a[0]! - b[0]!);
  const taken = new Uint8Array(n);
  const order: number[] = [];
  const take = (i: number) => {
    if (taken[i]) return;
    taken[i] = 1;
    order.push(i);
  };
  for (const g of groups) if (isCriticalLine(clip(items[g[0]!]!.text, 500))) take(g[0]!);
  for (const i of [...lines.slice(0, 3), ...lines.slice(-3)]) take(i);
  for (const g of groups) take(g[0]!);
  for (const i of spread(lines)) take(i);
  return plainPlan(order, n);
}
