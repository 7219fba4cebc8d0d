import { spread } from '../spread.js';

export { spread };
import { clip } from '../lines.js';
import type { Selection } from './select.js';

// What a plan is, and how one is put together from the roles of a text's
// lines: the order in which they are worth keeping, so that any prefix of it
// is the best set of lines of that size. Within a role lines are spread evenly
// over the text (a van der Corput order), so that a short prefix samples every
// part of it rather than its top.

export interface Plan {
  /** Item indexes, most worth keeping first; markers and blank lines are never in it. */
  readonly order: Int32Array;
  /** For a line inside a code fence: the fence's opening line, else -1. */
  readonly fenceOpen: Int32Array;
  /** For a fence's opening line: its closing line, else -1. */
  readonly fenceClose: Int32Array;
  /** For a heading line: the underline kept with it (setext), else -1. */
  readonly underline: Int32Array;
}

/** The lines of a document by what they do for a reader, each list in text order. */
export interface Roles {
  /** Heading lines by level (0 = most important); an underline goes with its line (see `underline`). */
  readonly headings: number[][];
  /** Setext headings: heading line -> its underline. */
  readonly underlines: Map<number, number>;
  /** The first line of each section's text. */
  readonly sectionFirst: number[];
  /** Other lines with inline code: the names a reader searches for. */
  readonly code: number[];
  /** The first line of each other paragraph, list item, option or table. */
  readonly blockFirst: number[];
  /** The rest, block by block. */
  readonly rest: number[][];
  /** Code fence lines: kept with what they enclose, else last. */
  readonly fences: number[];
}

export function emptyRoles(): Roles {
  return { headings: [[], [], [], [], [], [], []], underlines: new Map(), sectionFirst: [], code: [], blockFirst: [], rest: [], fences: [] };
}

/** Headings, then section openings, then inline code, then block openings, then the rest; fences last. */
export function planOf(roles: Roles, fenceOpen: Int32Array, fenceClose: Int32Array): Plan {
  const order: number[] = [];
  // What a document opens with (its title, its first sentence) says what it is: it goes first.
  const title = roles.headings.reduce((m, l) => Math.min(m, l[0] ?? Infinity), Infinity);
  const opening = roles.sectionFirst[0];
  if (opening !== undefined) {
    if (title < opening) order.push(title);
    order.push(opening);
  }
  for (const level of roles.headings) order.push(...spread(level));
  order.push(...spread(roles.sectionFirst), ...spread(roles.blockFirst), ...spread(roles.code));
  // The rest goes block by block (blocks spread evenly, each in text order), so
  // that what is kept of it reads as whole runs rather than scattered lines.
  for (const block of spread(roles.rest)) order.push(...block);
  order.push(...roles.fences);
  const underline = new Int32Array(fenceOpen.length).fill(-1);
  for (const [line, under] of roles.underlines) underline[line] = under;
  return { order: Int32Array.from(order), fenceOpen, fenceClose, underline };
}

/** Step k keeps the first k lines of the plan's order, with the fences around the code it keeps. */
export function prefixSelection(plan: Plan): Selection {
  return {
    steps: plan.order.length,
    mark(step, kept) {
      for (let k = 0; k < step; k++) {
        const i = plan.order[k]!;
        kept[i] = 1;
        if (plan.underline[i]! >= 0) kept[plan.underline[i]!] = 1;
        const open = plan.fenceOpen[i]!;
        if (open < 0) continue;
        kept[open] = 1;
        const close = plan.fenceClose[open]!;
        if (close >= 0) kept[close] = 1;
      }
    },
  };
}

/**
 * As prefixSelection, with the lines flagged in `pinned` kept at every step
 * (with their fences and underlines): they stay even when that is over the
 * budget, and only the plan's other lines are cut to fit.
 */
export function pinnedSelection(plan: Plan, pinned: Uint8Array): Selection {
  const first: number[] = [];
  const rest: number[] = [];
  for (const i of plan.order) (pinned[i] ? first : rest).push(i);
  // A pinned line the plan leaves out (a blank, a marker) needs no place in the order.
  const prefix = prefixSelection({ ...plan, order: Int32Array.from([...first, ...rest]) });
  return {
    steps: rest.length,
    mark(step, kept) {
      prefix.mark(first.length + step, kept);
    },
  };
}

export function noFences(n: number): { fenceOpen: Int32Array; fenceClose: Int32Array } {
  return { fenceOpen: new Int32Array(n).fill(-1), fenceClose: new Int32Array(n).fill(-1) };
}

/** A plan without fences or underlines (tool output). */
export function plainPlan(order: readonly number[], n: number): Plan {
  return { order: Int32Array.from(order), ...noFences(n), underline: new Int32Array(n).fill(-1) };
}

/** An inline code span: API names, flags, paths a reader of documentation looks for. */
const CODE_SPAN = /`[^`\n]{2,200}`/;
const SPANS = /`[^`\n]{3,40}`/g;
const NO_SPANS: readonly string[] = [];

export function hasCodeSpan(line: string): boolean {
  return line.includes('`') && CODE_SPAN.test(clip(line, 500));
}

/** The short inline code spans of a line (backticks included), in order. */
export function codeSpans(line: string): readonly string[] {
  if (!line.includes('`')) return NO_SPANS;
  return clip(line, 1000).match(SPANS) ?? NO_SPANS;
}
