// Line helpers shared by the line-oriented compressors. Every compressor keeps
// line structure and indentation: it drops or replaces whole lines, never
// rejoins words.

/** Longest slice of a line any pattern is run on: bounds regex work per line. */
export const MATCH_CHARS = 1000;

/** Splits on '\n' and remembers whether the text ended with one. */
export function splitLines(text: string): { lines: string[]; trailingNewline: boolean } {
  const trailingNewline = text.endsWith('\n');
  const lines = (trailingNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, trailingNewline };
}

/** Lines of a text, as splitLines would give them, counted without splitting (a final newline ends a line, it does not start one). */
export function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** Inverse of splitLines. */
export function joinLines(lines: readonly string[], trailingNewline: boolean): string {
  return lines.join('\n') + (trailingNewline ? '\n' : '');
}

/** The part of a line patterns may look at (long lines are clipped, not scanned whole). */
export function clip(line: string, max = MATCH_CHARS): string {
  return line.length > max ? line.slice(0, max) : line;
}

/** Leading whitespace of a line, so markers can sit at the indentation they replace. */
export function indentOf(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(0, i);
}

const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

/** The line without ANSI escape sequences (colours, cursor moves): what a reader sees. */
export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}

/**
 * The line as a terminal leaves it on screen: escapes gone, and after a
 * carriage-return redraw only what the last one drew (a trailing CR, a CRLF
 * ending, is not a redraw).
 */
export function shownOnTerminal(line: string): string {
  const s = stripAnsi(line);
  const cr = s.lastIndexOf('\r', s.length - 2);
  return cr >= 0 ? s.slice(cr + 1) : s;
}
