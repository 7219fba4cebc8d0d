import { queryWords } from './backend.js';

// Okapi BM25 over a small set of notes, for the Redis backend (SQLite uses
// FTS5's own bm25()). A team's facts number in the thousands at most, so
// scoring all of a project's facts per query is fine.

const K1 = 1.2;
const B = 0.75;

/** BM25 score of each document for the query (0 for no shared word), in document order. */
export function bm25(query: string, docs: readonly string[]): number[] {
  const terms = queryWords(query);
  const tokenized = docs.map((d) => d.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []);
  const avg = tokenized.reduce((n, t) => n + t.length, 0) / Math.max(1, tokenized.length);
  const df = new Map<string, number>();
  for (const toks of tokenized) for (const t of new Set(toks)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return tokenized.map((toks) => {
    const tf = new Map<string, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    let score = 0;
    for (const q of terms) {
      const f = tf.get(q) ?? 0;
      if (!f) continue;
      const d = df.get(q) ?? 0;
      const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
      score += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * toks.length) / Math.max(1, avg)));
    }
    return score;
  });
}
