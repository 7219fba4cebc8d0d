import { shownOnTerminal } from '../lines.js';
import { MARKER_PATTERN, isMarkerLine } from '../marker.js';

// Aligns a compressed output with its input, line by line: every output line
// that is not a marker must be a line of the input, verbatim (or cut, with an
// inline marker at the cut), in input order. A marker that counts lines stands
// for exactly that many. The alignment is greedy (each output line takes the
// earliest input line it can), which finds an alignment whenever one exists,
// and it is linear: the input pointer only moves forward.

/** Where each output line came from. */
export interface Alignment {
  /** For each output line: the input line it is, or -1 for a marker line. */
  readonly source: Int32Array;
  /** Output lines that are an input line cut with an inline marker. */
  readonly cut: Uint8Array;
}

export interface Misalignment {
  /** The first output line that is not a line of the input at that place. */
  readonly outLine: number;
  readonly text: string;
}

/** What the check compares: the line, without ANSI escapes and trailing blanks. */
export function cleanLine(line: string): string {
  const s = shownOnTerminal(line);
  let end = s.length;
  for (let c = s.charCodeAt(end - 1); end > 0 && (c === 32 || c === 9 || c === 13); c = s.charCodeAt(end - 1)) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** True when output line `out` shows what input line `inLine` showed (as it stands, or cleaned). */
function sameShown(inLine: string, out: string): boolean {
  return inLine === out || cleanLine(inLine) === cleanLine(out);
}

/** How far past a counted marker the line after it is looked for when the count is a little off. */
const LOOK_AHEAD = 2000;
/** Input lines looked at one by one for an output line before the index of all input lines is built. */
const NEAR = 4;
const LINES_MARKER = /^\[headroom: (\d+) (?:lines?|rows?) omitted/;

/** Pieces of a line around its inline markers, or null when it has none. */
function piecesOf(line: string): string[] | null {
  if (!line.includes('[headroom: ')) return null;
  const parts = line.split(MARKER_PATTERN);
  return parts.length > 1 ? parts : null;
}

/** True when `out` is `line` with parts cut out at its markers: a prefix, pieces in order, a suffix. */
function isCutOf(pieces: readonly string[], line: string): boolean {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (!line.startsWith(first) || !line.endsWith(last)) return false;
  let at = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const p = pieces[i]!;
    if (p === '') continue;
    const j = line.indexOf(p, at);
    if (j < 0) return false;
    at = j + p.length;
  }
  return at <= line.length - last.length;
}

/**
 * Aligns output lines with input lines. Returns the alignment, or the first
 * output line that has no place in the input.
 */
export function align(inLines: readonly string[], outLines: readonly string[]): Alignment | Misalignment {
  // Positions of each distinct line, exact and cleaned, built only when a
  // line is not found just ahead (most output lines are the next input line
  // or follow a marker); a cursor per line keeps lookups amortised O(1) as
  // the input pointer only moves forward.
  let at: Map<string, number[]> | undefined;
  let cleanAt: Map<string, number[]> | undefined;
  const index = (): void => {
    at = new Map();
    cleanAt = new Map();
    for (let i = 0; i < inLines.length; i++) {
      const l = inLines[i]!;
      let a = at.get(l);
      if (!a) at.set(l, (a = []));
      a.push(i);
      const c = cleanLine(l);
      if (c !== l) {
        let b = cleanAt.get(c);
        if (!b) cleanAt.set(c, (b = []));
        b.push(i);
      }
    }
  };
  const cursor = new Map<number[], number>();
  const next = (list: number[] | undefined, from: number): number => {
    if (!list) return -1;
    let k = cursor.get(list) ?? 0;
    while (k < list.length && list[k]! < from) k++;
    cursor.set(list, k);
    return k < list.length ? list[k]! : -1;
  };
  /** The earliest input line from `p` on that shows `line`, or -1. */
  const earliest = (line: string, p: number): number => {
    // The few lines just ahead first: the earliest match there is the earliest of all.
    const end = Math.min(inLines.length, p + NEAR);
    for (let i = p; i < end; i++) if (sameShown(inLines[i]!, line)) return i;
    if (end === inLines.length) return -1;
    if (!at) index();
    const c = cleanLine(line);
    let k = -1;
    for (const list of c === line ? [at!.get(line), cleanAt!.get(line)] : [at!.get(line), cleanAt!.get(line), at!.get(c), cleanAt!.get(c)]) {
      const j = next(list, end);
      if (j >= 0 && (k < 0 || j < k)) k = j;
    }
    return k;
  };

  const source = new Int32Array(outLines.length);
  const cut = new Uint8Array(outLines.length);
  let p = 0;
  // Where the line after a counted marker may sit: the count taken with its
  // blank lines, or without them (a compressor may let blanks go uncounted).
  let withBlanks = -1;
  let withoutBlanks = -1;
  // Looking past an inexact count is bounded over the whole alignment: it stays linear.
  const spare = { left: 2 * inLines.length + 1000 };
  for (let o = 0; o < outLines.length; o++) {
    const line = outLines[o]!;
    if (isMarkerLine(line)) {
      source[o] = -1;
      // A marker that counts lines stands for that many: the next shown line
      // comes after them (this also checks the count).
      const m = LINES_MARKER.exec(line.trimStart());
      if (m) {
        const n = Number(m[1]);
        withBlanks = p + n;
        let q = p;
        for (let left = n; q < inLines.length && left > 0; q++) if (inLines[q]!.trim() !== '') left--;
        withoutBlanks = q;
        p = withBlanks;
      }
      continue;
    }
    const placed = withBlanks >= 0 ? placeAfterMarker(inLines, outLines, o, withBlanks, withoutBlanks, spare) : -1;
    withBlanks = -1;
    // The earliest input line this one is: as it stands, or cleaned (escapes
    // gone, trailing blanks kept or not: a terminal shows them alike).
    let k = placed >= 0 ? placed : earliest(line, p);
    if (k < 0) {
      const pieces = piecesOf(line);
      if (pieces) {
        for (let i = p; i < inLines.length; i++) {
          if (isCutOf(pieces, inLines[i]!) || isCutOf(pieces, cleanLine(inLines[i]!))) {
            k = i;
            break;
          }
        }
        if (k >= 0) cut[o] = 1;
      }
    }
    if (k < 0) return { outLine: o, text: line };
    source[o] = k;
    p = k + 1;
  }
  return { source, cut };
}

/**
 * The input line that output line `o`, shown right after a counted marker,
 * is: at either reading of the count, past any blank lines let go there.
 * When both readings find it, the one after which the next output line
 * follows on (nothing but blank lines between) wins. -1 when neither.
 */
function placeAfterMarker(inLines: readonly string[], outLines: readonly string[], o: number, a: number, b: number, spare: { left: number }): number {
  const found: number[] = [];
  for (const start of a === b ? [a] : [a, b]) {
    const at = firstShown(inLines, outLines[o]!, start);
    if (at >= 0 && !found.includes(at)) found.push(at);
  }
  for (const at of found) if (followsOn(inLines, outLines, o, at)) return at;
  // Neither reading of the count leads on: a count a little off still stands
  // for the lines up to where the output does follow on (a few tries ahead).
  const line = outLines[o]!;
  let tries = 0;
  for (let i = a; i < inLines.length && i < a + LOOK_AHEAD && tries < 8 && spare.left > 0; i++, spare.left--) {
    if (!sameShown(inLines[i]!, line)) continue;
    tries++;
    if (followsOn(inLines, outLines, o, i)) return i;
  }
  return found[0] ?? -1;
}

/**
 * True when, with output line `o` at input line `at`, the output lines after
 * it up to the next marker are the input lines after it, blank lines aside
 * (and, at the end of the output, only blank lines are left).
 */
function followsOn(inLines: readonly string[], outLines: readonly string[], o: number, at: number): boolean {
  let i = at + 1;
  for (let q = o + 1; ; q++) {
    if (q >= outLines.length) {
      for (; i < inLines.length; i++) if (inLines[i]!.trim() !== '') return false;
      return true;
    }
    const line = outLines[q]!;
    if (isMarkerLine(line)) return true;
    if (line.trim() === '') {
      // A blank output line is the next input line, which must be blank: were
      // it not, the lines before the next blank would go with no marker.
      if (i < inLines.length && inLines[i]!.trim() === '') i++;
      else if (i < inLines.length) return false;
      continue;
    }
    while (i < inLines.length && inLines[i]!.trim() === '') i++;
    if (i >= inLines.length) return false;
    if (!sameShown(inLines[i]!, line)) return false;
    i++;
  }
}

/** `line`'s position at `start` or just past the blank lines there, else -1. */
function firstShown(inLines: readonly string[], line: string, start: number): number {
  for (let i = start; i < inLines.length; i++) {
    const l = inLines[i]!;
    if (sameShown(l, line)) return i;
    if (l.trim() !== '') break;
  }
  return -1;
}

export function isMisalignment(a: Alignment | Misalignment): a is Misalignment {
  return (a as Misalignment).outLine !== undefined;
}

/** A run of output marker lines and the input lines they stand for. */
export interface Gap {
  /** Output line indices of the markers, in order. */
  readonly markers: number[];
  /** Input lines [from, to) that no output line shows. */
  readonly from: number;
  readonly to: number;
}

/**
 * The gaps of an alignment: input lines between two consecutive shown lines
 * (or before the first, after the last), each with the markers that sit there.
 * Input lines dropped with no marker at all form gaps with no markers.
 */
export function gapsOf(a: Alignment, inCount: number): Gap[] {
  const gaps: Gap[] = [];
  let prev = -1; // last input line shown
  let markers: number[] = [];
  for (let o = 0; o < a.source.length; o++) {
    const s = a.source[o]!;
    if (s < 0) {
      markers.push(o);
      continue;
    }
    if (s > prev + 1 || markers.length) gaps.push({ markers, from: prev + 1, to: s });
    markers = [];
    prev = s;
  }
  if (prev + 1 < inCount || markers.length) gaps.push({ markers, from: prev + 1, to: inCount });
  return gaps;
}
