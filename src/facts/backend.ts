import type { Fact, Scope } from './types.js';

// What a storage backend does for the fact store: rows in and out, text
// matching. Deduplication, ranking and the secret check live above it
// (fact-store.ts), once for every backend.

export interface StoredFact extends Fact {
  /** textKey() of the text: equal for texts equal modulo case, punctuation and spacing. */
  readonly key: string;
}

export interface Matched {
  readonly fact: StoredFact;
  /** BM25 relevance, higher is better (FTS5's own bm25() negated). */
  readonly relevance: number;
}

export interface FactBackend {
  readonly kind: 'sqlite' | 'redis';
  readonly location: string;
  byKey(scope: Scope, key: string): Promise<StoredFact | undefined>;
  get(id: string): Promise<StoredFact | undefined>;
  /** Facts of the scope most likely to be near-duplicates of `text` (a few dozen at most). */
  candidates(scope: Scope, text: string): Promise<StoredFact[]>;
  /** Insert or replace, by id. */
  put(fact: StoredFact): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** Facts of these scopes (every scope when undefined). */
  all(scopes?: readonly Scope[]): Promise<StoredFact[]>;
  /** Facts of these scopes matching the query's words, best first. */
  match(query: string, scopes: readonly Scope[], limit: number): Promise<Matched[]>;
  /** Adds one to `found` of each. */
  markFound(ids: readonly string[]): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

/** The words of a query or note, for full-text matching (letters and digits, 2+ characters, at most 32). */
export function queryWords(text: string): string[] {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]{2,}/gu)) {
    words.add(m[0]);
    if (words.size >= 32) break;
  }
  return [...words];
}
