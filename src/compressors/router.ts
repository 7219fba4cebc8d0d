import type { Compressor, Probe } from './types.js';

export interface Route {
  readonly compressor: Compressor;
  readonly score: number;
}

/**
 * Picks the compressor that fits best: highest score wins, ties go to the
 * earlier one in the registry, a scorer that throws is skipped. The fallback
 * (last in the list) never declines, so there is always a route.
 */
export function route(probe: Probe, compressors: readonly Compressor[], fallback: Compressor): Route {
  let best: Route = { compressor: fallback, score: 0 };
  for (const c of compressors) {
    // A scorer that cannot beat the best so far cannot change the route (ties go to the earlier).
    if (c.maxScore !== undefined && c.maxScore <= best.score) continue;
    let s: number;
    try {
      s = c.score(probe, best.score);
    } catch {
      continue; // a broken scorer must not break routing
    }
    if (Number.isFinite(s) && s > best.score) best = { compressor: c, score: s };
    // A signature no other kind shares: later scorers could only tie, and ties go to the earlier.
    if (best.score >= CERTAIN) break;
  }
  return best;
}

/** The highest score a scorer gives: its kind's own signature (no scorer goes above it). */
export const CERTAIN = 0.95;
