import type { Elision } from './types.js';

// One marker format everywhere, so a model learns it once and so the engine can
// recognise already-compressed text (idempotence). It reads as "left out on
// purpose", not as damage:
//   [headroom: 26 lines omitted (+1 -19, 6 context)]
// The store's id is named once per output, in its first marker
// (`...; retrieve id=hr_...]`), not in every marker.
export const MARKER_PREFIX = '[headroom: ';

const MAX_WHAT = 100;

/** A single-line, bracket-free description, clipped so a marker stays short. */
export function cleanWhat(what: string): string {
  let s = what.replace(/[\r\n\t]+/g, ' ').replace(/[[\]]/g, '').trim();
  if (s.length > MAX_WHAT) s = `${s.slice(0, MAX_WHAT - 1)}…`;
  return s;
}

/** `unit` as the count needs it: "1 line", "2 lines", "1 match", "1 entry". Units are given in the plural. */
export function plural(unit: string, count: number): string {
  if (count !== 1) return unit;
  if (/(?:ch|sh|x|ss)es$/.test(unit)) return unit.slice(0, -2);
  if (unit.endsWith('ies')) return `${unit.slice(0, -3)}y`;
  if (unit.endsWith('s') && !unit.endsWith('ss')) return unit.slice(0, -1);
  return unit;
}

/** A name a marker can list as it stands: one line, no brackets (they would end the marker). */
export function listable(name: string): boolean {
  return !/[\r\n\t[\]]/.test(name);
}

/** Renders an elision as the marker text (no indentation, no newline, no id). */
export function formatMarker(e: Elision): string {
  let what = cleanWhat(e.what);
  // Names are listed whole: each is shorter than what it names (the caller's rule).
  const names = e.names?.filter(listable);
  if (names?.length) what = `${what ? `${what}: ` : ''}${names.join(', ')}`;
  return `${MARKER_PREFIX}${e.count} ${plural(e.unit, e.count)} omitted${what ? ` (${what})` : ''}]`;
}

/** Any marker, old or new form: `what` never holds ']' or a newline (cleanWhat). */
export const MARKER_PATTERN = /\[headroom: [^\]\n]*\]/g;

const ID_SUFFIX = '; retrieve id=';

/**
 * Names the stored original's id once, in the first marker of a compressed
 * text. Safe: input that already held markers is never compressed, so every
 * marker in a compressor's output is one of ours.
 */
export function attachId(text: string, id: string): string {
  const at = text.indexOf(MARKER_PREFIX);
  if (at < 0) return text;
  const end = text.indexOf(']', at);
  if (end < 0) return text;
  return `${text.slice(0, end)}${ID_SUFFIX}${id}${text.slice(end)}`;
}

/**
 * True when text is headroom's own output: it has a marker line of its own,
 * or names a stored original. A marker quoted inside a line (a diff of
 * headroom's tests, a log that mentions one) does not count.
 */
export function hasMarker(text: string): boolean {
  if (text.includes(`${ID_SUFFIX}hr_`)) return true;
  // Every marker opens with the prefix: text without it (nearly all input) is settled in one search.
  if (!text.includes(MARKER_PREFIX)) return false;
  // A line cut by headroom ends its kept head with an inline marker of chars.
  if (/\[headroom: \d+ chars? omitted\]/.test(text)) return true;
  for (let i = text.indexOf(MARKER_PREFIX); i >= 0; i = text.indexOf(MARKER_PREFIX, i + 1)) {
    const start = text.lastIndexOf('\n', i) + 1;
    if (text.slice(start, i).trim() !== '') continue;
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    if (/^\[headroom: \d+ \S+ omitted/.test(text.slice(i, i + 64)) && isMarkerLine(text.slice(start, end))) return true;
  }
  return false;
}

/** True when a line, indentation aside, is exactly one marker. */
export function isMarkerLine(line: string): boolean {
  const t = line.trim();
  return t.startsWith(MARKER_PREFIX) && t.endsWith(']') && t.indexOf(']') === t.length - 1;
}

/**
 * Collects the elisions of one compression and renders their markers.
 * Compressors call `omit` where content is dropped and put the returned line in
 * the output, or `cut` inside a line they shorten.
 */
export class Elisions {
  readonly list: Elision[] = [];

  omit(count: number, unit: string, what: string, names?: readonly string[]): string {
    const e: Elision = names?.length ? { count, unit, what: cleanWhat(what), names } : { count, unit, what: cleanWhat(what) };
    this.list.push(e);
    return formatMarker(e);
  }

  /** The inline marker for `chars` characters cut out of one line. */
  cut(chars: number): string {
    return this.omit(chars, 'chars', '');
  }
}
