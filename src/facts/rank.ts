import type { Matched } from './backend.js';
import type { Fact, SearchHit } from './types.js';

// Search ranks by BM25 relevance first, then leans toward what is newer and
// what agents keep saving; a fact that a newer one updates sinks below it.

const DAY_MS = 86_400_000;
/** Half the recency weight is gone after this many days without a new saving. */
const RECENCY_HALF_LIFE_DAYS = 30;

/** 1 for a fact saved just now, falling to 0.5 over the half-life and toward 0 after. */
export function recency(fact: Fact, now: number): number {
  const days = Math.max(0, now - fact.updated) / DAY_MS;
  return 2 ** (-days / RECENCY_HALF_LIFE_DAYS);
}

/** Weight of everything but relevance: recency, how often it was saved, whether it was superseded. */
export function weight(fact: Fact, now: number): number {
  const superseded = fact.replacedBy ? 0.5 : 1;
  return (0.7 + 0.3 * recency(fact, now)) * (1 + 0.05 * Math.log2(1 + fact.saved + fact.found)) * superseded;
}

export function rank(matches: readonly Matched[], now: number, limit: number): SearchHit[] {
  const best = Math.max(1e-9, ...matches.map((m) => m.relevance));
  return matches
    .map((m) => ({ fact: strip(m.fact), score: (m.relevance / best) * weight(m.fact, now) }))
    .sort((a, b) => b.score - a.score || b.fact.updated - a.fact.updated || a.fact.id.localeCompare(b.fact.id))
    .slice(0, limit);
}

/** The public shape: no internal key. */
export function strip<T extends Fact>(f: T): Fact {
  const { id, text, scope, created, updated, saved, found, provenance, replaces, replacedBy } = f;
  return { id, text, scope, created, updated, saved, found, provenance, ...(replaces && { replaces }), ...(replacedBy && { replacedBy }) };
}
