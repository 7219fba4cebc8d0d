import { clip, indentOf } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';
import { templateOf } from '../template.js';

// The working form of text-like output while it is condensed: one item per
// line, where an item is either a kept line or a pending elision. Elisions stay
// data until rendering so that a later, coarser step can swallow earlier
// markers and add up their counts: the output then has exactly one marker per
// elision it reports.

export interface Item {
  readonly text: string;
  /** Set on a pending marker: how many lines it stands for, and what they were. */
  readonly omitted?: { readonly count: number; readonly what: string };
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

// Lines that carry trouble are what a reader of unknown output needs most.
const SALIENT = /\b(?:error|errors|fail(?:ed|ure|s)?|fatal|panic|exception|traceback|warning|denied|refused|not found|cannot|can't|unable|invalid|abort(?:ed)?|timed? ?out|segmentation fault|assert(?:ion)?)\b/i;

/** True for a kept line that reports an error, failure or warning. */
export function isSalient(it: Item): boolean {
  return !it.omitted && SALIENT.test(clip(it.text, 300));
}

/** What one condensing step may spend on trouble lines it keeps. */
export interface Keep {
  /** Templates this step already kept. */
  readonly seen: Set<string>;
  /** Characters left to spend; a step stops keeping once it is spent. */
  chars: number;
}

/**
 * As elide, but trouble lines inside the range survive between markers, once
 * per template, while the step's allowance lasts.
 */
export function elideKeeping(out: Item[], items: readonly Item[], from: number, to: number, what: string, keep: Keep): void {
  let gap = from;
  for (let i = from; i < to && keep.chars > 0; i++) {
    const it = items[i]!;
    if (!isSalient(it) || it.text.length > keep.chars) continue;
    const key = templateOf(it.text);
    if (keep.seen.has(key)) continue;
    keep.seen.add(key);
    keep.chars -= it.text.length + 60; // the line and the marker it splits off
    if (i > gap) elide(out, items, gap, i, what);
    out.push(it);
    gap = i + 1;
  }
  if (to > gap) elide(out, items, gap, to, what);
}

/** Renders items to lines, turning pending markers into marker lines. */
export function renderItems(items: readonly Item[], elisions: Elisions): string[] {
  return items.map((it) => (it.omitted ? it.text + elisions.omit(it.omitted.count, 'lines', it.omitted.what) : it.text));
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
