import type { Elision } from '../types.js';
import type { SearchLine } from './parse.js';
import type { Ranked } from './rank.js';

// What the markers of a run of left-out hits say. A file that still shows a
// hit gets the line numbers of the others (`also at lines 57, 67, 98-99`); a
// file that lost every hit is named, path in full, with its line numbers, so
// every path of the search stays in the output. One marker holds as many
// files as its description has room for; a run needs as many markers as that takes.

/** Room in one marker's description (marker.ts clips longer ones). */
const WHAT_CHARS = 100;
/** Characters of line numbers listed per file before `…`. */
const NUMS_CHARS = 40;
/** Room kept for the closing `; 12 context`. */
const CONTEXT_NOTE = 13;

/** `12, 40, 88-91, …`: ascending numbers as ranges, cut at about `max` characters. */
function lineList(nums: readonly number[], max = NUMS_CHARS): string {
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    const part = j > i ? `${nums[i]}-${nums[j]}` : `${nums[i]}`;
    if (parts.length > 0 && len + part.length > max) {
      parts.push('…');
      break;
    }
    parts.push(part);
    len += part.length + 2;
    i = j + 1;
  }
  return parts.join(', ');
}

/** One file's share of a run. */
interface Segment {
  file: number;
  matches: number;
  context: number;
  nums: number[];
}

/**
 * The elisions (one per marker line) for input lines [from, to), given which
 * files still show a hit. `lean` markers name the files that lost every hit
 * and leave line numbers out.
 */
export function describeRun(
  parsed: readonly SearchLine[],
  ranked: Ranked,
  fileShown: Uint8Array,
  from: number,
  to: number,
  lean = false,
): Elision[] {
  const segments: Segment[] = [];
  let zeros = 0;
  for (let i = from; i < to; i++) {
    const p = parsed[i]!;
    if (p.kind === 'count' && p.count === 0) {
      zeros++;
      continue;
    }
    if (p.kind !== 'match' && p.kind !== 'count' && p.kind !== 'context') continue;
    const f = ranked.fileOf[i]!;
    let s = segments[segments.length - 1];
    if (!s || s.file !== f) segments.push((s = { file: f, matches: 0, context: 0, nums: [] }));
    if (p.kind === 'context') s.context++;
    else {
      s.matches++;
      if (p.kind === 'match' && p.num >= 0) s.nums.push(p.num);
    }
  }
  const out: Elision[] = [];
  let what: string[] = [];
  let matches = 0;
  let context = 0;
  let room = WHAT_CHARS - CONTEXT_NOTE;
  const flush = () => {
    if (matches + context === 0) return;
    if (context) what.push(matches ? `${context} context` : 'context');
    out.push({ count: matches + context, unit: context ? 'lines' : 'matches', what: what.join('; ') });
    what = [];
    matches = 0;
    context = 0;
    room = WHAT_CHARS - CONTEXT_NOTE;
  };
  segments.forEach((s, k) => {
    const path = ranked.files[s.file]!.path;
    const nums = s.nums.length && !lean ? lineList(s.nums) : '';
    // The run right after a file's shown hit continues it; any other file is named.
    const text =
      fileShown[s.file] && (k === 0 || lean)
        ? nums && `also at lines ${nums}`
        : path === ''
          ? nums && `lines ${nums}`
          : nums
            ? `${path}: ${fileShown[s.file] ? 'also at ' : ''}lines ${nums}`
            : path;
    if (text && text.length + 2 > room && what.length) flush();
    if (text) {
      what.push(text);
      room -= text.length + 2;
    }
    matches += s.matches;
    context += s.context;
  });
  flush();
  if (zeros) out.push({ count: zeros, unit: 'files', what: 'with 0 matches' });
  return out;
}
