import { cleanLine } from '../guard/index.js';

// The engine's guard aligns each output line with the earliest input line of
// the same text after the previous one. Right after a marker that is not
// always the line the compressor kept: a blank line or a closing brace kept
// after a dropped run matches its twin inside the run, and the rest of the run
// then looks dropped without a marker. This adjusts a keep mask so the
// earliest match is always the kept line itself.

/**
 * Makes every kept line the first line of its text after the kept line
 * before it: a kept blank line that has a twin in the gap before it joins the
 * gap; any other kept line with a twin there has its first twin kept too
 * (splitting the gap), until no twin is left.
 */
export function keepAlignable(lines: readonly string[], keep: Uint8Array): void {
  const cleaned: (string | undefined)[] = [];
  const clean = (i: number) => (cleaned[i] ??= cleanLine(lines[i]!));
  // The guard also matches a line cleaned of colour, redraws and trailing blanks.
  const twinOf = (t: number, line: string) => {
    const l = lines[t]!;
    if (l === line) return true;
    if (l.length <= line.length && !l.includes('\x1b')) return false;
    return (l.startsWith(line) || l.includes('\x1b') || l.includes('\r')) && clean(t) === line;
  };
  let prev = -1;
  for (let k = 0; k < lines.length; k++) {
    if (!keep[k]) continue;
    const line = lines[k]!;
    for (;;) {
      let twin = -1;
      for (let t = prev + 1; t < k; t++) {
        if (twinOf(t, line)) {
          twin = t;
          break;
        }
      }
      if (twin < 0) break;
      if (line.trim() === '' || clean(k).trim() === '') {
        keep[k] = 0;
        break;
      }
      keep[twin] = 1;
      prev = twin;
    }
    if (keep[k]) prev = k;
  }
}
