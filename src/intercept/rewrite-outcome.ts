import type { LiveRetrievals } from './backoff/index.js';
import type { ThreadRef } from './repack/index.js';
import type { RetrievalFormat } from './retrieval-tool.js';

// What a request's rewrite gave: the body to send and what the stats and the
// log say of it. Fail-open outcomes carry the original bytes and a reason.

export interface RewriteOutcome {
  readonly body: Buffer;
  readonly changed: boolean;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** Tool outputs found in the request, and how many of them went up compressed. */
  readonly outputs: number;
  readonly compressed: number;
  /** Why the original bytes went upstream, when something was wrong. */
  readonly failOpen?: string;
  /** Set when the body declares headroom_retrieve: answers may call it and are then completed by the proxy. */
  readonly retrievalTool?: RetrievalFormat;
  /** This request repacked its thread after the cache lapsed: earlier bytes changed, on purpose (not a bust). */
  readonly repacked?: boolean;
  /** Its conversation thread: the answer's usage goes back to it (Epochs.answered). */
  readonly thread?: ThreadRef;
  /** The model the request names, for pricing. */
  readonly model?: string;
  /** Retrievals of originals answered in the newest exchange: what compression cost back. */
  readonly retrievals?: LiveRetrievals;
  /** Shed under load (admission/): sent up unread, or with its budget spent. */
  readonly shed?: 'unread' | 'late';
}

/** The original bytes, sent on as they came. */
export function untouched(raw: Buffer, failOpen?: string, outputs = 0, tokens = 0): RewriteOutcome {
  return { body: raw, changed: false, tokensBefore: tokens, tokensAfter: tokens, outputs, compressed: 0, ...(failOpen ? { failOpen } : {}) };
}

/** Scope of decisions: one agent session when the request names it, else the whole proxy. */
export function scopeOf(provider: string, sessionHint: string | undefined): string {
  return `${provider}:${sessionHint ?? ''}`;
}
