import { priceFor } from '../savings/pricing.js';
import type { LiveRetrievals } from './backoff/index.js';
import type { Usage } from './usage.js';

// What one exchange cost in dollars, and what compression saved and cost
// back, for the wrap summary and /headroom/stats. The bill is the provider's
// own usage under `headroom savings`' price table. What compression saved is
// an estimate: the tokens taken out of this request, priced at the rate this
// request's prompt was billed at (cache writes, reads and plain input in the
// proportions the provider reported), which is where those tokens would have
// sat. A request that only carries retrieval answers exists because of
// compression: all of it is cost; otherwise the retrieval tokens are.

/** What the proxy knew of the request an answer belongs to. */
export interface Exchange {
  /** The model the request named. */
  readonly model?: string;
  /** Estimated tool-output tokens compression took out of the request. */
  readonly savedTokens: number;
  readonly retrievals?: LiveRetrievals;
  /** An answer to a follow-up the proxy sent itself to answer headroom_retrieve: a turn compression caused. */
  readonly followUp?: boolean;
}

export interface ExchangeDollars {
  readonly spent: number;
  readonly saved: number;
  /** Of `spent`, what retrieving originals back cost. */
  readonly retrievals: number;
  /** The whole exchange is one only a retrieval caused. */
  readonly extraTurn: boolean;
}

const M = 1e-6;

export function priceExchange(u: Usage, x: Exchange): ExchangeDollars {
  const { price } = priceFor(x.model, 'claude');
  const prompt = u.input + u.cacheWrite + u.cacheRead;
  const promptCost = (u.input + u.cacheWrite * price.cacheWrite + u.cacheRead * price.cacheRead) * price.input * M;
  const spent = promptCost + u.output * price.output * M;
  // Per prompt token, as billed; before any usage is known, as a cache read (the common case for old outputs).
  const rate = prompt > 0 ? promptCost / prompt : price.input * price.cacheRead * M;
  const extraTurn = x.followUp === true || x.retrievals?.only === true;
  return {
    spent,
    saved: Math.max(0, x.savedTokens) * rate,
    retrievals: extraTurn ? spent : (x.retrievals?.tokens ?? 0) * rate,
    extraTurn,
  };
}

/**
 * The model a request names: in its path (Gemini: `/models/<model>:generateContent`),
 * else in its body's first bytes (bodies name it near the top). For pricing only.
 */
export function sniffModel(pathname: string, body: Buffer | undefined): string | undefined {
  const inPath = /\/models\/([^/:]{1,100})/.exec(pathname)?.[1];
  if (inPath !== undefined) {
    try {
      return decodeURIComponent(inPath);
    } catch {
      return inPath; // a malformed escape: priced by the name as it stands
    }
  }
  if (!body) return undefined;
  return /"model"\s*:\s*"([^"\\]{1,100})"/.exec(body.subarray(0, 4096).toString('latin1'))?.[1];
}
