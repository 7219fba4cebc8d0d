import { type Exchange, priceExchange } from './dollars.js';
import type { RewriteOutcome } from './rewrite.js';
import { type Usage, zeroUsage } from './usage.js';

// Running totals for one proxy, served at `<prefix>/headroom/stats`: what was
// compressed (our estimate) beside what the providers billed (their count).

export interface ProxyStats {
  /** Requests forwarded upstream (the stats endpoint and rejected requests excluded). */
  requests: number;
  /** Requests whose body went upstream changed. */
  rewritten: number;
  /** Requests that repacked their thread after its prompt cache lapsed: earlier bytes changed on purpose, apart from drift. */
  repacks: number;
  /** Estimated tokens of the tool outputs found, before and after compression. */
  tokensBefore: number;
  tokensAfter: number;
  saved: number;
  /** What the providers reported, summed; `input` excludes cached tokens. */
  usage: Usage;
  /** Answers that reported usage. */
  usageAnswers: number;
  /** cacheRead / (input + cacheRead + cacheWrite): how much of the prompt came from cache. */
  cacheReadShare: number;
  /**
   * Dollars (dollars.ts): billed, under the price table of `headroom savings`;
   * saved by compression (an estimate, at each request's cache-aware rate);
   * and, of those billed, what fetching originals back cost.
   */
  dollars: { spent: number; saved: number; retrievals: number };
  /** Originals fetched back as the requests show them: calls, their estimated tokens, and turns they alone caused. */
  retrievalCalls: number;
  retrievalTokens: number;
  retrievalTurns: number;
  /** Requests sent upstream untouched because the rewriter failed open. */
  failOpen: number;
  /** Rewritable bodies sent upstream without being read: over the size cap, or over the held-bytes cap (overCap). */
  oversize: number;
  /** Of those, bodies that did not fit under the cap on request bytes held at once. */
  overCap: number;
  /**
   * Bodies shed under load (their predicted wait exceeded the time budget):
   * sent up unread (shedUnread), or rewritten with no time left for new outputs (shedLate).
   */
  shedUnread: number;
  shedLate: number;
  /** Request bytes held now, and bytes of decisions kept in memory. */
  heldBytes: number;
  memoBytes: number;
  /** Requests that ended in our 502 because the upstream could not be reached. */
  upstreamErrors: number;
  /** Requests whose earlier turns went up different from the previous request of their thread. */
  drift: number;
  /** Of those, requests whose changed turns the client had sent the same: the proxy's doing (target 0). */
  driftOurs: number;
}

export class StatsCounter {
  private readonly s = {
    requests: 0,
    rewritten: 0,
    repacks: 0,
    tokensBefore: 0,
    tokensAfter: 0,
    usage: zeroUsage(),
    usageAnswers: 0,
    dollars: { spent: 0, saved: 0, retrievals: 0 },
    retrievalCalls: 0,
    retrievalTokens: 0,
    retrievalTurns: 0,
    failOpen: 0,
    oversize: 0,
    overCap: 0,
    shedUnread: 0,
    shedLate: 0,
    upstreamErrors: 0,
  };

  request(): void {
    this.s.requests++;
  }

  rewrite(outcome: RewriteOutcome): void {
    if (outcome.changed) this.s.rewritten++;
    if (outcome.repacked) this.s.repacks++;
    if (outcome.failOpen) this.s.failOpen++;
    if (outcome.shed) this.shed(outcome.shed);
    this.s.tokensBefore += outcome.tokensBefore;
    this.s.tokensAfter += outcome.tokensAfter;
    if (outcome.retrievals) {
      this.s.retrievalCalls += outcome.retrievals.calls;
      this.s.retrievalTokens += outcome.retrievals.tokens;
    }
  }

  oversize(): void {
    this.s.oversize++;
  }

  shed(how: 'unread' | 'late'): void {
    if (how === 'unread') this.s.shedUnread++;
    else this.s.shedLate++;
  }

  overCap(): void {
    this.s.overCap++;
  }

  upstreamError(): void {
    this.s.upstreamErrors++;
  }

  /** `exchange`: what the proxy knew of the request, to price the answer (without it, nothing is priced). */
  usage(u: Usage | undefined, exchange?: Exchange): void {
    if (!u) return;
    const t = this.s.usage;
    t.input += u.input;
    t.cacheRead += u.cacheRead;
    t.cacheWrite += u.cacheWrite;
    t.output += u.output;
    this.s.usageAnswers++;
    if (!exchange) return;
    const d = priceExchange(u, exchange);
    this.s.dollars.spent += d.spent;
    this.s.dollars.saved += d.saved;
    this.s.dollars.retrievals += d.retrievals;
    if (d.extraTurn) this.s.retrievalTurns++;
  }

  /** `drift` and `more` come from the session and the proxy, which own those counts. */
  snapshot(drift: number, more: { driftOurs?: number; heldBytes?: number; memoBytes?: number } = {}): ProxyStats {
    const u = { ...this.s.usage };
    const dollars = { ...this.s.dollars };
    const prompt = u.input + u.cacheRead + u.cacheWrite;
    return {
      ...this.s,
      usage: u,
      dollars,
      saved: this.s.tokensBefore - this.s.tokensAfter,
      cacheReadShare: prompt > 0 ? u.cacheRead / prompt : 0,
      heldBytes: more.heldBytes ?? 0,
      memoBytes: more.memoBytes ?? 0,
      drift,
      driftOurs: more.driftOurs ?? 0,
    };
  }
}
