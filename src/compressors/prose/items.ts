import { clip, indentOf } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';

// The working form of text-like output while it is condensed: one item per
// line, where an item is either a kept line or a pending elision. Elisions stay
// data until rendering so that a later, coarser step can swallow earlier
// markers and add up their counts: the output then has exactly one marker per
// elision it reports.

export interface Item {
  readonly text: string;
  /** Set on a pending marker: how many lines (or `unit`) it stands for, and what they were. */
  readonly omitted?: { readonly count: number; readonly what: string; readonly unit?: string };
}

export function itemsOf(lines: readonly string[]): Item[] {
  return lines.map((text) => ({ text }));
}

export function isBlank(it: Item): boolean {
  return it.omitted === undefined && it.text.trim().length === 0;
}

/** Lines of content an item stands for (a marker stands for what it replaced). */
export function weight(it: Item): number {
  if (it.omitted) return it.omitted.count;
  return it.text.trim().length === 0 ? 0 : 1;
}

/** One pending marker for the items in [from, to), at the indentation of the first. */
export function markerFor(items: readonly Item[], from: number, to: number, what: string): Item | undefined {
  let count = 0;
  for (let i = from; i < to; i++) count += weight(items[i]!);
  if (count === 0) return undefined;
  return { text: indentOf(items[from]!.text), omitted: { count, what } };
}

/** Replaces [from, to) by one marker (or nothing when only blanks were there). */
export function elide(out: Item[], items: readonly Item[], from: number, to: number, what: string): void {
  const m = markerFor(items, from, to, what);
  if (m) out.push(m);
}

/** Renders items to lines, turning pending markers into marker lines. */
export function renderItems(items: readonly Item[], elisions: Elisions): string[] {
  return items.map((it) => (it.omitted ? it.text + elisions.omit(it.omitted.count, it.omitted.unit ?? 'lines', it.omitted.what) : it.text));
}

/** A short, single-line quote of a line for a marker's description. */
export function quoteLine(line: string, max = 60): string {
  const t = clip(line.trim(), max + 1).replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** True for a line that is already a headroom marker (kept as is on a second pass). */
export function isMarkerLine(line: string): boolean {
  return hasMarker(clip(line.trimStart(), 80));
}
