import { canonical } from './normalize.js';

// Near-duplicate detection for short notes. Two measures, both cheap at the
// size of a note: Jaccard similarity of character 4-gram shingles of the
// canonical text (robust to a changed word or a typo), and a check of the
// "values" each note names (numbers, versions, paths, code spans, flags,
// negations). Notes that are alike but name different values are updates
// ("the API is v2" -> "the API moved to v3"), not duplicates, so they are
// never merged. The threshold is measured on a labelled set of real notes:
// `npm run bench:facts`.

/** Merge above this shingle similarity (see bench/facts-dedup/README.md for how it was chosen). */
export const MERGE_THRESHOLD = 0.7;
/** Below merging, a note this alike that names other values is taken as an update of the older one. */
export const UPDATE_THRESHOLD = 0.45;
/** ...or when this share of the shorter note's plain words is in the other. */
export const UPDATE_CONTAINMENT = 0.8;

const SHINGLE = 4;

/** Character shingles of the canonical text, with word boundaries kept as spaces. */
export function shingles(text: string): Set<string> {
  const s = ` ${canonical(text)} `;
  const out = new Set<string>();
  if (s.length <= SHINGLE) {
    out.add(s);
    return out;
  }
  for (let i = 0; i + SHINGLE <= s.length; i++) out.add(s.slice(i, i + SHINGLE));
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

const NEGATIONS = new Set(['not', 'never', 'no', 'dont', 'don', 'doesnt', 'cannot', 'cant', 'without', 'avoid', 'nor', 'isnt', 'arent', 'wont', 'shouldnt', 'mustnt']);

/**
 * The values a note names, lower-cased: code spans, and words that carry a
 * digit, a path or extension separator, or a leading dash (flags).
 */
export function values(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/`([^`]+)`/g)) out.add(m[1]!.trim().toLowerCase());
  const bare = text.replace(/`[^`]*`/g, ' ');
  for (const raw of bare.split(/[\s,;()[\]{}"']+/)) {
    const w = raw.replace(/^[*_>]+|[*_.:!?]+$/g, '').toLowerCase();
    if (!w) continue;
    if (/\d/.test(w) || /[/\\]/.test(w) || /^--?[a-z]/.test(w) || /[a-z0-9]\.[a-z0-9]/.test(w)) out.add(w);
  }
  return out;
}

function negations(text: string): number {
  let n = 0;
  for (const w of canonical(text.replace(/n't\b/gi, ' not')).split(' ')) if (NEGATIONS.has(w)) n++;
  return n;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export interface Comparison {
  /** Jaccard similarity of 4-gram shingles, 0..1. */
  readonly similarity: number;
  /**
   * The notes name different values, or one negates what the other says. Any
   * difference counts, an added value too: on the labelled set, forgiving added
   * values merged more real updates than it found duplicates.
   */
  readonly conflict: boolean;
}

/** What comparing needs of a note, worked out once when one note meets many. */
export interface Note {
  readonly shingles: ReadonlySet<string>;
  readonly values: ReadonlySet<string>;
  readonly negated: boolean;
  /** Plain words (3+ letters, no values): what a short note is about. */
  readonly words: ReadonlySet<string>;
}

export function note(text: string): Note {
  const v = values(text);
  const words = new Set(canonical(text.replace(/`[^`]*`/g, ' ')).split(' ').filter((w) => w.length >= 3 && !/\d/.test(w) && !v.has(w)));
  return { shingles: shingles(text), values: v, negated: negations(text) > 0, words };
}

/** Share of the shorter note's plain words found in the other: "the API is v2" and "the API moved to v3" share all of one's. */
function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let n = 0;
  for (const w of small) if (large.has(w)) n++;
  return n / small.size;
}

export function compare(a: string | Note, b: string | Note): Comparison & { readonly containment: number } {
  const x = typeof a === 'string' ? note(a) : a;
  const y = typeof b === 'string' ? note(b) : b;
  return {
    similarity: jaccard(x.shingles, y.shingles),
    conflict: !sameSet(x.values, y.values) || x.negated !== y.negated,
    containment: containment(x.words, y.words),
  };
}

export type Relation = 'same' | 'update' | 'different';

/**
 * How a new note relates to a stored one. An update needs a conflict and
 * either alike text or, for short notes whose values are most of their
 * shingles, all but a few of one's plain words in the other. A wrong update
 * link only ranks the older fact lower; a wrong merge would lose one.
 */
export function relate(a: string | Note, b: string | Note, mergeAt = MERGE_THRESHOLD, updateAt = UPDATE_THRESHOLD): Relation {
  const { similarity, conflict, containment } = compare(a, b);
  if (!conflict && similarity >= mergeAt) return 'same';
  if (conflict && (similarity >= updateAt || containment >= UPDATE_CONTAINMENT)) return 'update';
  return 'different';
}
