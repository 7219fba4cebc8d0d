import { TOTAL_RE, TREE_SUMMARY_RE, barePath, columnPath, isHeader, longName, treeCut } from './formats.js';

// How much a sample of lines looks like a directory listing. Listings whose
// lines carry columns (`git ls-tree -l`, `du`, `ls -l`, `tar tv`) look like
// tables too; when the columns end in a path, the listing is the better fit,
// so those formats score above the table's best.

/** Above any table score: a column format that ends in paths is a listing. */
const SURE = 0.93;
/** The most `scoreListing` gives. */
export const MAX_LISTING_SCORE = SURE;

export function scoreListing(lines: readonly string[]): number {
  let nonBlank = 0;
  let tree = 0;
  let long = 0;
  let columns = 0;
  let structure = 0;
  let paths = 0;
  let rooted = 0;
  // Lines of names in columns (`ls -C`).
  let nameCols = 0;
  // Lines that count for nothing. Every score below needs at least half the
  // non-blank lines to count; once more than half of all lines cannot, none
  // can be reached, whatever the rest holds (most probes are not listings).
  let none = 0;
  const hopeless = lines.length / 2;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    nonBlank++;
    if (treeCut(l)) tree++;
    else if (columnPath(l) !== null) columns++;
    else if (longName(l) !== null) long++;
    else if (TOTAL_RE.test(l) || TREE_SUMMARY_RE.test(l) || isHeader(l, i === 0 ? undefined : lines[i - 1])) structure++;
    else {
      const p = barePath(l);
      if (p === null) {
        if (nameColumns(l)) nameCols++;
        else if (++none > hopeless) return -1;
        continue;
      }
      if (p.includes(':')) {
        if (++none > hopeless) return -1;
        continue;
      }
      paths++;
      if (p.includes('/')) rooted++;
    }
  }
  if (nonBlank < 3) return -1;
  const share = (n: number) => n / nonBlank;
  if (tree >= 3 && share(tree + structure) >= 0.5) return SURE;
  if (long >= 3 && share(long + structure) >= 0.6) return SURE;
  if (columns >= 3 && share(columns + structure + paths) >= 0.7) return SURE;
  if (structure >= 2 && share(structure + paths + long) >= 0.8) return 0.6;
  if (rooted >= 3 && share(paths) >= 0.9 && share(rooted) >= 0.5) return 0.7;
  if (paths >= 5 && share(paths) >= 0.9) return 0.3;
  // `ls` to a terminal or `ls -C`: names in columns. Tables of figures score higher elsewhere.
  if (nameCols >= 3 && share(nameCols + paths) >= 0.9) return 0.45;
  return -1;
}

/** `ack\t\t  libpython3.11`: two or more names, apart by tabs or runs of spaces, none a number. */
function nameColumns(line: string): boolean {
  const fields = line.trim().split(/\t+ *| {2,}/);
  if (fields.length < 2) return false;
  return fields.every((f) => f.length > 0 && f.length <= 120 && !/\s/.test(f) && !/^[\d.,:%-]+$/.test(f));
}
