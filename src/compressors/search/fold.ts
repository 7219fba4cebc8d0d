import { type LineFacts, type Run, absorbEchoes, lineFacts, renderRuns, runsOf } from '../runs.js';
import { Elisions, formatMarker } from '../marker.js';
import { describeRun } from './describe.js';
import type { SearchLine } from './parse.js';
import type { Ranked } from './rank.js';

// Turns a choice of hit lines into output: kept lines verbatim (a very long
// one cut, with an inline marker at the cut), and each run of left-out lines
// folded into one marker that says where the hits it hides are.

/** What the engine's guard may add to a marker: the count of paths in the lines it hides. */
const GUARD_CLAUSE = 6;
/** What an inline cut marker costs (`[headroom: 5120 chars omitted]`). */
const CUT_TOKENS = 9;

/** What does not change while the budget is searched. */
export interface Base extends LineFacts {
  readonly lines: readonly string[];
  readonly parsed: readonly SearchLine[];
  readonly ranked: Ranked;
  readonly est: (s: string) => number;
  /** Lines long enough that some cut width may cut them. */
  readonly long: readonly number[];
}

/** The base at one cut width, with markers full or lean. */
export interface Layout extends Base {
  /** Characters of a hit's text kept before a cut (Infinity: no cut). */
  readonly width: number;
  /** Markers name files without their line numbers (when the names alone are over budget). */
  readonly lean: boolean;
  /** Per line: where it is cut, or -1. */
  readonly cut: Int32Array;
}

/** A line is cut only when that saves clearly more than the inline marker costs. */
const CUT_SLACK = 60;
/** No cut keeps fewer characters of a hit's text than this. */
const MIN_WIDTH = 50;

/** Where line `i` is cut (`width` characters into its text, off the middle of a surrogate pair), or -1. */
function cutPoint(parsed: readonly SearchLine[], width: number, line: string, i: number): number {
  const p = parsed[i]!;
  // Headings are paths; a coloured line's offsets are those of its text without the colours.
  if (!Number.isFinite(width) || p.kind === 'heading' || line.includes('\x1b')) return -1;
  const at = (p.kind === 'match' || p.kind === 'context' ? p.at : 0) + Math.max(width, MIN_WIDTH);
  if (line.length <= at + CUT_SLACK) return -1;
  const c = line.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

export function base(lines: readonly string[], parsed: readonly SearchLine[], ranked: Ranked, est: (s: string) => number): Base {
  const long: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i]!.length > MIN_WIDTH + CUT_SLACK) long.push(i);
  return { ...lineFacts(lines, est), lines, parsed, ranked, est, long };
}

export function layout(b: Base, width: number, lean = false): Layout {
  const cut = new Int32Array(b.lines.length).fill(-1);
  const cost = Float64Array.from(b.cost);
  for (const i of b.long) {
    const at = cutPoint(b.parsed, width, b.lines[i]!, i);
    if (at < 0) continue;
    cut[i] = at;
    cost[i] = b.est(b.lines[i]!.slice(0, at)) + 1 + CUT_TOKENS;
  }
  return { ...b, cost, width, lean, cut };
}

/** Which lines stay when the `n` most wanted hit lines are added to the rest of the output. */
export function keptLines(lay: Layout, n: number): Uint8Array {
  const { parsed, ranked, lines } = lay;
  const count = parsed.length;
  const keep = new Uint8Array(count);
  // Lines that are not hits (a tool's notes, `Binary file ... matches`) stay.
  for (let i = 0; i < count; i++) if (parsed[i]!.kind === 'other' && lines[i]!.trim() !== '') keep[i] = 1;
  for (let k = 0; k < n && k < ranked.order.length; k++) keep[ranked.order[k]!] = 1;
  // A file's heading stays with any of its hits.
  const shown = fileShown(lay, keep);
  for (let i = 0; i < count; i++) if (parsed[i]!.kind === 'heading') keep[i] = shown[ranked.fileOf[i]!]!;
  // Blank lines and `--` separators stay between two lines that stay.
  for (let i = 0; i < count; i++) {
    const k = parsed[i]!.kind;
    if (k === 'sep' || (k === 'other' && lines[i]!.trim() === '')) keep[i] = (i === 0 || keep[i - 1]) && i + 1 < count && keep[i + 1] ? 1 : 0;
  }
  absorbEchoes(lay, keep);
  absorbCutEchoes(lay, keep);
  return keep;
}

/**
 * A kept cut line is read as the first line, in the run before it, that starts
 * as it does (outputs are checked that way): if there is one, it joins the run.
 * Each run is scanned once, for the kept line after it: linear.
 */
function absorbCutEchoes(lay: Layout, keep: Uint8Array): void {
  while (cutEchoPass(lay, keep)) absorbEchoes(lay, keep);
}

function cutEchoPass(lay: Layout, keep: Uint8Array): boolean {
  let changed = false;
  for (let j = 0, runFrom = -1; j < keep.length; j++) {
    if (!keep[j]) {
      if (runFrom < 0) runFrom = j;
      continue;
    }
    const at = lay.cut[j]!;
    if (at >= 0 && runFrom >= 0) {
      const head = lay.lines[j]!.slice(0, at);
      let echo = false;
      for (let i = runFrom; i < j && !echo; i++) echo = lay.lines[i]!.startsWith(head);
      if (echo) {
        keep[j] = 0;
        changed = true;
        continue;
      }
    }
    runFrom = -1;
  }
  return changed;
}

/** Per file: 1 when any of its hits stays. */
export function fileShown(lay: Layout, keep: Uint8Array): Uint8Array {
  const { ranked, parsed } = lay;
  const shown = new Uint8Array(ranked.files.length);
  for (let i = 0; i < keep.length; i++) {
    const k = parsed[i]!.kind;
    if (keep[i] && (k === 'match' || k === 'count' || k === 'context') && ranked.fileOf[i]! >= 0) shown[ranked.fileOf[i]!] = 1;
  }
  return shown;
}

/** A folded run with what its marker costs. */
interface Folded extends Run {
  readonly tokens: number;
}

function markerCost(lay: Layout, shown: Uint8Array, from: number, to: number): number {
  let tokens = 0;
  for (const e of describeRun(lay.parsed, lay.ranked, shown, from, to, lay.lean)) tokens += lay.est(formatMarker(e)) + 1 + GUARD_CLAUSE;
  return tokens;
}

function runs(lay: Layout, keep: Uint8Array, shown: Uint8Array): Folded[] {
  const costs: number[] = [];
  // A run is folded when its marker costs less than its lines.
  const list = runsOf(keep, lay.cost, (from, to, tokens) => {
    const m = markerCost(lay, shown, from, to);
    costs.push(m);
    return tokens > m;
  });
  return list.map((r, i) => ({ ...r, tokens: costs[i]! }));
}

/** Estimated size of the output for a choice of lines; past `limit` it stops counting (the answer is then over it). */
export function sizeOf(lay: Layout, keep: Uint8Array, limit = Infinity): number {
  let total = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) total += lay.cost[i]!;
  if (total > limit) return total;
  const shown = fileShown(lay, keep);
  for (const r of runs(lay, keep, shown)) {
    if (r.fold) total += r.tokens;
    else for (let i = r.from; i < r.to; i++) total += lay.cost[i]!;
  }
  return total;
}

/** The output lines: kept lines (long ones cut), folded runs as markers. */
export function render(lay: Layout, keep: Uint8Array, el: Elisions): string[] {
  const shown = fileShown(lay, keep);
  const lines = lay.lines.map((l, i) => {
    const at = keep[i] ? lay.cut[i]! : -1;
    return at < 0 ? l : l.slice(0, at) + el.cut(l.length - at);
  });
  return renderRuns(lines, runs(lay, keep, shown), (r) =>
    describeRun(lay.parsed, lay.ranked, shown, r.from, r.to, lay.lean)
      .map((e) => el.omit(e.count, e.unit, e.what))
      .join('\n'),
  );
}
