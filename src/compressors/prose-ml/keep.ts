import { LineRole, documentRoles, findAnchors, identifierAt } from '../guard/index.js';

// The lines prose-ml never drops past the budget: it prunes their words
// instead (guard/words.ts says which words may go), and only plain lines are
// condensed away. A line is kept whole in place when it holds
// - a heading (or its underline): what a reader skims;
// - a section's opening sentence;
// - an inline code span: API names, flags, paths a reader searches for;
// - a number: versions, ports, sizes, limits, which no marker can stand for;
// - the first occurrence of an identifier (path, URL, hash, UUID) or the
//   agent's own wrapping: the anchors the guard holds every output to.
// A reference's entries (options, declarations, terms: guard/words.ts) and
// their first sentences are not kept for being so: a man page or an API
// reference is mostly entries, and the plan keeps as many as the budget
// allows, as it does for the deterministic compressor.
// Inside a code fence the same holds (a backticked string literal counts as a
// code span), and a kept line keeps its fences: the rest of an example may go
// to the store like any plain line.

/** An inline code span, one character or more (`n`); in a fence, a string literal quoted so. */
const CODE_SPAN = /`[^`\n]+`/;
/** A number standing alone (1, 3.4, 2,000, 12:00), not a digit inside a word (utf8, x86). */
const NUMBER = /(?<![\w.])\d+(?:[.,:]\d+)*(?![\w])/;

/** 1 for each line that must stay in the output, whatever the budget. */
export function keptLines(lines: readonly string[]): Uint8Array {
  const roles = documentRoles(lines);
  const kept = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const role = roles[i]!;
    if (role === LineRole.Title || role === LineRole.Lead || NUMBER.test(line) || CODE_SPAN.test(line)) kept[i] = 1;
  }
  const anchors = findAnchors(lines, 'listing');
  for (const list of anchors.critical.values()) for (const i of list) kept[i] = 1;
  for (const packed of anchors.identifiers.values()) kept[identifierAt(packed).line] = 1;
  return kept;
}
