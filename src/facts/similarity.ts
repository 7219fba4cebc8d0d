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
}

export function note(text: string): Note {
  return { shingles: shingles(text), values: values(text), negated: negations(text) > 0 };
}

export function compare(a: string | Note, b: string | Note): Comparison {
  const x = typeof a === 'string' ? note(a) : a;
  const y = typeof b === 'string' ? note(b) : b;
  return { similarity: jaccard(x.shingles, y.shingles), conflict: !sameSet(x.values, y.values) || x.negated !== y.negated };
}

export type Relation = 'same' | 'update' | 'different';

/** How a new note relates to a stored one. */
export function relate(a: string | Note, b: string | Note, mergeAt = MERGE_THRESHOLD, updateAt = UPDATE_THRESHOLD): Relation {
  const { similarity, conflict } = compare(a, b);
  if (!conflict && similarity >= mergeAt) return 'same';
  if (conflict && similarity >= updateAt) return 'update';
  return 'different';
}
