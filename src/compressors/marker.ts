import type { Elision } from './types.js';

// One marker format everywhere, so a model learns it once and so the engine can
// recognise already-compressed text (idempotence). It reads as "left out on
// purpose", not as damage.
export const MARKER_PREFIX = '[headroom: ';

const MAX_WHAT = 100;

/** A single-line, bracket-free description, clipped so a marker stays short. */
function cleanWhat(what: string): string {
  let s = what.replace(/[\r\n\t]+/g, ' ').replace(/[[\]]/g, '').trim();
  if (s.length > MAX_WHAT) s = `${s.slice(0, MAX_WHAT - 1)}…`;
  return s;
}

const ID_SUFFIX = '; original intact, retrieve id=';

/** Renders an elision as the marker text (no indentation, no newline). */
export function formatMarker(e: Elision, id?: string): string {
  const what = cleanWhat(e.what);
  const body = `${e.count} ${e.unit} omitted${what ? ` (${what})` : ''}`;
  return id ? `${MARKER_PREFIX}${body}${ID_SUFFIX}${id}]` : `${MARKER_PREFIX}${body}]`;
}

// A marker without an id: `[headroom: N unit omitted (what)]`. `what` never
// holds ']' or a newline (cleanWhat), so one bounded class matches it.
const BARE_MARKER = /\[headroom: (\d+ \S+ omitted(?: \([^\]\n]*\))?)\]/g;

/**
 * Names the stored original's id in every marker of a compressed text. Safe:
 * input that already held markers is never compressed, so every marker in a
 * compressor's output is one of ours.
 */
export function attachId(text: string, id: string): string {
  return text.replace(BARE_MARKER, (_m, body: string) => `${MARKER_PREFIX}${body}${ID_SUFFIX}${id}]`);
}

/** True when text already carries headroom markers, i.e. it is compressed output. */
export function hasMarker(text: string): boolean {
  const i = text.indexOf(MARKER_PREFIX);
  return i >= 0 && /^\[headroom: \d+ \S+ omitted/.test(text.slice(i, i + 64));
}

/**
 * Collects the elisions of one compression and renders their markers.
 * Compressors call `omit` where content is dropped and put the returned line in
 * the output.
 */
export class Elisions {
  readonly list: Elision[] = [];

  omit(count: number, unit: string, what: string): string {
    const e: Elision = { count, unit, what: cleanWhat(what) };
    this.list.push(e);
    return formatMarker(e);
  }
}
