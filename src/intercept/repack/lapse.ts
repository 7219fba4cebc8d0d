import type { Usage } from '../usage.js';

// When a conversation's prompt cache has lapsed (issue 14, lever 1): the next
// request writes its whole prompt to the cache again whatever the proxy does,
// so that is the one moment earlier bytes may change at no cost.

/** What the proxy last saw of a conversation thread. */
export interface Seen {
  /** When its last request went up (ms, the session's clock). */
  readonly at: number;
  /** The cache TTL that request declared. */
  readonly ttlMs: number;
  /** Its answer showed that nothing was cached: no cache read and no cache write. */
  readonly uncached: boolean;
}

/**
 * True when the thread's cache has lapsed by `now`: longer than the TTL since
 * its last request (the longer of the TTL declared then and now, plus a
 * margin), or its
 * last answer showed no caching at all. An answer that read nothing but
 * wrote the prefix has just warmed the cache: that is not a lapse, as a
 * repack now would pay the write twice. Unknown times are never a lapse.
 */
export function lapsed(prev: Seen | undefined, now: number, ttlMs: number): boolean {
  if (!prev || !Number.isFinite(now) || !Number.isFinite(prev.at)) return false;
  if (prev.uncached) return true;
  return now - prev.at > Math.max(prev.ttlMs, ttlMs) + MARGIN_MS;
}

/**
 * What the lapse rule may assume of a thread last seen as `prev`, when a
 * request of its scope went up unread (shed) at `unseen`: that it was the
 * thread's, warming its cache. A thread never seen stays unknown.
 */
export function lastSeen(prev: Seen | undefined, unseen: Seen | undefined): Seen | undefined {
  if (!prev || !unseen || unseen.at <= prev.at) return prev;
  return { at: unseen.at, ttlMs: Math.max(prev.ttlMs, unseen.ttlMs), uncached: false };
}

/**
 * The provider starts a TTL when it processes a request, a little after the
 * proxy saw it go by: a lapse must be this much past the TTL to be sure.
 */
export const MARGIN_MS = 10_000;

/**
 * An answer whose usage shows no prompt caching: Anthropic reports both
 * cache figures on every answer, so zero of each (with a prompt) means
 * nothing was cached. The other providers do not report cache writes, so
 * their answers never count here.
 */
export function uncachedAnswer(provider: string, u: Usage | undefined): boolean {
  return provider === 'anthropic' && u !== undefined && u.input > 0 && u.cacheRead === 0 && u.cacheWrite === 0;
}

export const encodeSeen = (s: Seen): Buffer => Buffer.from(`${s.at} ${s.ttlMs} ${s.uncached ? 1 : 0}`, 'utf8');

/** Undefined for a record this version cannot read: then no lapse is known. */
export function decodeSeen(bytes: Uint8Array): Seen | undefined {
  const m = /^(\d+) (\d+) ([01])$/.exec(Buffer.from(bytes).toString('utf8'));
  return m ? { at: Number(m[1]), ttlMs: Number(m[2]), uncached: m[3] === '1' } : undefined;
}
