import { stripAnsi } from '../lines.js';
import { parseSearch } from './parse.js';

// How much a sample of lines looks like search hits: most lines are hits
// (`path:N:text`, context, headings, counts, `rg --json` events), and the
// hits are not a compiler or linter talking (`file:12:5: error: ...`).

/** `more`: the input has lines past the sample (a long line cut the sample short). */
export function scoreSearch(lines: readonly string[], more = false): number {
  const parsed = parseSearch(lines);
  let nonBlank = 0;
  let hits = 0;
  let matches = 0;
  let numbered = 0;
  let counts = 0;
  let context = 0;
  let compilerish = 0;
  let ascending = 0;
  let prev = -1;
  const paths = new Set<string>();
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i]!;
    const line = stripAnsi(lines[i]!);
    if (p.kind === 'other') {
      if (line.trim() !== '') nonBlank++;
      continue;
    }
    nonBlank++;
    hits++;
    if (p.kind === 'match') {
      matches++;
      paths.add(p.path);
      if (p.num >= 0) {
        numbered++;
        if (p.num > prev || p.path !== '') ascending++;
        prev = p.num;
      }
      // `file:12:5: error: ...` is a compiler or linter talking, not a search.
      const rest = line.slice(line.indexOf(':', p.path.length) + 1, 80);
      if (/^\d+(?::\d+)?: ?(?:error|warning|note|fatal|info|[A-Z]\d{2,4}\b)/i.test(rest)) compilerish++;
    }
    if (p.kind === 'count') counts++;
    if (p.kind === 'context' && p.num >= 0 && p.path !== '') context++;
  }
  // One line seen of several (the next is too long for the sample): a clear numbered hit is enough.
  if (nonBlank === 1 && numbered === 1 && compilerish === 0 && more) return 0.5;
  if (nonBlank < 2 || hits / nonBlank < 0.5) return -1;
  // `rg --json` is JSON lines too, but hits are what it holds: above the JSON scorer.
  if (lines[0]!.startsWith('{"type":"') && hits / nonBlank >= 0.8 && matches > 0) return 0.95;
  if (matches > 0 && compilerish / matches > 0.3) return 0.15;
  const ratio = hits / nonBlank;
  // `N:text` alone, in ascending order, is one file searched; anything else with bare numbers is not.
  if (paths.size === 1 && paths.has('')) return ascending === numbered && matches >= 3 && ratio >= 0.8 ? 0.5 : -1;
  if (matches >= 2) {
    const repeated = paths.size <= Math.max(1, matches * 0.7);
    if (ratio >= 0.8) return numbered ? (repeated ? 0.9 : 0.75) : repeated ? 0.7 : 0.5;
    return 0.55;
  }
  if (counts >= 3 && counts / nonBlank >= 0.8) return 0.6;
  // A sample of numbered context only (`git grep -W`'s function above its first hit): `path-N-` on every line.
  if (matches === 0 && context >= 3 && context / nonBlank >= 0.8) return 0.7;
  return 0.3;
}
