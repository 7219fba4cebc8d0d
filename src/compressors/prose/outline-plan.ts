import { clip } from '../lines.js';
import { type Item, isBlank } from './items.js';
import { type Plan, emptyRoles, hasCodeSpan, noFences, planOf } from './plan.js';

// The plan of a plain-text document (man pages, --help output, pydoc, go doc,
// release notes, licences), whose structure is in its layout rather than in
// markup: headings are underlined, in capitals, or stand out to the left of
// the text they head (`NAME`, `Options:`, `func Clone(s string) string`);
// blocks start after a blank line, at a change of indentation, or with a list
// or option marker.

const UNDERLINE = /^\s*(?:={3,}|-{3,})\s*$/;
const LIST_START = /^(?:[-*•+o][ \t]|\d{1,3}[.)][ \t]|-{1,2}[A-Za-z0-9?#])/;
/** A heading line stays short; longer lines at the left edge are text. */
const MAX_HEADING = 100;
const MAX_CAPS_HEADING = 60;
const MAX_LONE_HEADING = 70;

function indentWidth(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length && i < 200; i++) {
    const c = line[i];
    if (c === ' ') w++;
    else if (c === '\t') w += 8 - (w % 8);
    else break;
  }
  return w;
}

/** No lower-case letter and at least two capitals: `NAME`, `SEE ALSO`, `EXIT STATUS`. */
function isCaps(t: string): boolean {
  if (t.length > MAX_CAPS_HEADING || /[a-z]/.test(t)) return false;
  let caps = 0;
  for (let i = 0; i < t.length && caps < 2; i++) if (t.charCodeAt(i) >= 65 && t.charCodeAt(i) <= 90) caps++;
  return caps >= 2;
}

export function outlinePlan(items: readonly Item[]): Plan {
  const n = items.length;
  const content: number[] = [];
  for (let i = 0; i < n; i++) if (!items[i]!.omitted && !isBlank(items[i]!)) content.push(i);
  const indent = new Int32Array(n);
  const perIndent = new Map<number, number>();
  let minIndent = Infinity;
  for (const i of content) {
    const w = indentWidth(items[i]!.text);
    indent[i] = w;
    minIndent = Math.min(minIndent, w);
    perIndent.set(w, (perIndent.get(w) ?? 0) + 1);
  }
  // The indentation most lines have: the body text. Lines to its left that
  // head deeper lines are sub-headings (a man page's options, pydoc's classes).
  let body = minIndent;
  for (const [w, count] of perIndent) if (count > (perIndent.get(body) ?? 0)) body = w;

  const roles = emptyRoles();
  let sectionOpen = true;
  let block: number[] | undefined;
  for (let k = 0; k < content.length; k++) {
    const i = content[k]!;
    const prev = k > 0 ? content[k - 1]! : -1;
    const next = k + 1 < content.length ? content[k + 1]! : -1;
    const t = clip(items[i]!.text.trim(), 200);
    const breakBefore = prev < 0 || prev < i - 1; // a blank line (or a marker) above
    const breakAfter = next < 0 || next > i + 1;
    const deeperNext = next >= 0 && indent[next]! > indent[i]!;
    const opens = breakBefore || indent[prev]! !== indent[i]!;
    const listed = LIST_START.test(t);
    let level = -1;
    if (next === i + 1 && UNDERLINE.test(items[next]!.text) && !UNDERLINE.test(t) && t.length <= MAX_HEADING && breakBefore) {
      // A setext heading: the line and its underline go together.
      roles.headings[items[next]!.text.trim().startsWith('=') ? 0 : 1]!.push(i);
      roles.underlines.set(i, next);
      k++;
      sectionOpen = true;
      block = undefined;
      continue;
    }
    if (isCaps(t) && indent[i]! <= minIndent + 4 && (opens || breakAfter)) level = indent[i] === minIndent ? 0 : 1;
    else if (listed || t.length > MAX_HEADING) level = -1;
    else if (indent[i] === minIndent && opens && (deeperNext || (t.endsWith(':') && t.length <= MAX_CAPS_HEADING))) level = 1;
    else if (indent[i]! < body && opens && deeperNext) level = 2;
    else if (indent[i] === minIndent && breakBefore && breakAfter && t.length <= MAX_LONE_HEADING && /[A-Za-z]{2}/.test(t)) level = 2;
    if (level >= 0) {
      roles.headings[level]!.push(i);
      sectionOpen = true;
      block = undefined;
      continue;
    }
    if (sectionOpen) {
      roles.sectionFirst.push(i);
      sectionOpen = false;
      block = undefined;
    } else if (opens || listed) {
      roles.blockFirst.push(i);
      block = undefined;
    } else if (hasCodeSpan(t)) roles.code.push(i);
    else {
      if (!block) roles.rest.push((block = []));
      block.push(i);
    }
  }
  const { fenceOpen, fenceClose } = noFences(n);
  return planOf(roles, fenceOpen, fenceClose);
}
