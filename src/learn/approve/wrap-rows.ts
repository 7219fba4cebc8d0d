import type { Line } from './proposal-lines.js';

// Long lines wrapped to the terminal's width, as rows the screen can count:
// a rule longer than the terminal is read whole, not cut at its edge. Words
// move to the next row whole (a word wider than the row is split), and each
// continuation row keeps the line's indentation and its diff marker.

/** Terminal cells a code point takes: two for wide East Asian characters and emoji, else one. */
function cells(cp: number): number {
  if (cp < 0x1100) return 1;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

export function width(text: string): number {
  let n = 0;
  for (const ch of text) n += cells(ch.codePointAt(0)!);
  return n;
}

/** The prefix a continuation row repeats: a diff marker (+, -, space) and the indentation after it. */
function hangOf(text: string): string {
  const m = /^([+\- ]?)(\s*)(?:[-*•]\s+)?/.exec(text)!;
  return `${m[1]}${m[2]}${' '.repeat(Math.max(0, m[0].length - m[1]!.length - m[2]!.length))}`;
}

/** Splits one line into rows of at most `columns` cells. */
export function wrapText(text: string, columns: number): string[] {
  if (columns < 8 || width(text) <= columns) return [text];
  const hang = hangOf(text);
  const room = Math.max(4, columns - width(hang));
  const rows: string[] = [];
  let row = '';
  let rowWidth = 0;
  const push = () => {
    rows.push(rows.length === 0 ? row.trimEnd() : `${hang}${row.trimEnd()}`);
    row = '';
    rowWidth = 0;
  };
  const firstRoom = () => (rows.length === 0 ? columns : room);
  for (const word of text.slice(0).split(/(?<=\s)(?=\S)/)) {
    let w = word;
    if (rows.length > 0 && rowWidth === 0) w = w.trimStart();
    const ww = width(w);
    if (rowWidth + width(w.trimEnd()) <= firstRoom()) {
      row += w;
      rowWidth += ww;
      continue;
    }
    if (rowWidth > 0) push();
    w = rows.length > 0 ? w.trimStart() : w;
    // A word wider than a whole row is cut where the row ends.
    for (const ch of w) {
      const cw = cells(ch.codePointAt(0)!);
      if (rowWidth + cw > firstRoom() && rowWidth > 0) push();
      if (rowWidth === 0 && rows.length > 0 && /\s/.test(ch)) continue;
      row += ch;
      rowWidth += cw;
    }
  }
  if (row.trim() !== '' || rows.length === 0) push();
  return rows;
}

export function wrapRows(lines: readonly Line[], columns: number): Line[] {
  return lines.flatMap((l) => wrapText(l.text, columns).map((text) => ({ text, tone: l.tone })));
}
