import type { ProxyStats } from '../intercept/stats.js';
import type { AgentName } from './types.js';

// The one line `headroom wrap` prints when the agent exits, and the same
// figures as JSON (--json-summary FILE, or --json on stderr).

export interface WrapSummary {
  readonly agent: AgentName;
  readonly exitCode: number;
  readonly durationMs: number;
  /** False with --no-compress: the session only measured. */
  readonly compress: boolean;
  readonly requests: number;
  readonly rewritten: number;
  /**
   * Tool-output tokens found in the requests, before and after compression:
   * the proxy's linear estimate, kept off the hot path; `headroom savings`
   * counts the same outputs exactly (gpt-tokenizer), so its figures differ.
   */
  readonly tokens: 'estimated';
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  readonly saved: number;
  readonly savedPercent: number;
  /** As the provider billed them: input excludes cached tokens. */
  readonly usage: ProxyStats['usage'];
  readonly cacheReadShare: number;
  /**
   * Dollars, cache-aware (see intercept/dollars.ts): billed by the provider
   * (its usage under the price table of `headroom savings`), saved by
   * compression (an estimate), what retrievals cost back, and the net saving
   * as a share of what the session would have cost without headroom.
   */
  readonly dollars: { readonly spent: number; readonly saved: number; readonly retrievals: number; readonly net: number; readonly netPercent: number };
  /** Originals fetched back during the session (MCP or proxy-side tool). */
  readonly retrievals: number;
  /** What the requests show of those round trips: estimated tokens of calls and answers, and turns they alone caused. */
  readonly retrievalTokens: number;
  readonly retrievalTurns: number;
  readonly failOpen: number;
  /** Requests shed under load: their new outputs went up whole (README, "Under load"). */
  readonly shed: number;
  readonly drift: number;
  /** Requests that repacked their conversation after its prompt cache lapsed: apart from drift, which they never count as. */
  readonly repacks: number;
  readonly upstreamErrors: number;
  /** HTTPS proxy counts (cursor): requests decoded and compressed vs passed through. */
  readonly mitm?: { readonly decoded: number; readonly passedThrough: number };
  readonly log: string;
}

const cents = (x: number) => Math.round(x * 1e6) / 1e6;

function dollarsOf(s: ProxyStats): WrapSummary['dollars'] {
  const { spent, saved, retrievals } = s.dollars;
  const net = saved - retrievals;
  // Without headroom: what was billed, plus what compression took out, less the round trips it caused.
  const without = spent + net;
  return { spent: cents(spent), saved: cents(saved), retrievals: cents(retrievals), net: cents(net), netPercent: without > 0 ? Math.round((1000 * net) / without) / 10 : 0 };
}

export function summarize(
  agent: AgentName,
  s: ProxyStats,
  extra: { exitCode: number; durationMs: number; compress: boolean; retrievals: number; log: string; mitm?: WrapSummary['mitm'] },
): WrapSummary {
  return {
    agent,
    exitCode: extra.exitCode,
    durationMs: Math.round(extra.durationMs),
    compress: extra.compress,
    requests: s.requests,
    rewritten: s.rewritten,
    tokens: 'estimated',
    tokensBefore: s.tokensBefore,
    tokensAfter: s.tokensAfter,
    saved: s.saved,
    savedPercent: s.tokensBefore > 0 ? Math.round((1000 * s.saved) / s.tokensBefore) / 10 : 0,
    usage: s.usage,
    cacheReadShare: Math.round(s.cacheReadShare * 1000) / 1000,
    dollars: dollarsOf(s),
    // Counted where they were answered (MCP, the proxy's tool) or seen in the requests (a shell's
    // `headroom retrieve`, MCP again): the larger, so none is counted twice.
    retrievals: Math.max(extra.retrievals, s.retrievalCalls),
    retrievalTokens: s.retrievalTokens,
    retrievalTurns: s.retrievalTurns,
    failOpen: s.failOpen,
    shed: s.shedUnread + s.shedLate,
    drift: s.drift,
    repacks: s.repacks,
    upstreamErrors: s.upstreamErrors,
    ...(extra.mitm && { mitm: extra.mitm }),
    log: extra.log,
  };
}

const n = (x: number) => x.toLocaleString('en-US');
const usd = (x: number) => `${x < 0 ? '-' : ''}$${Math.abs(x) < 1 ? Math.abs(x).toFixed(4) : Math.abs(x).toFixed(2)}`;
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

export function summaryLine(s: WrapSummary): string {
  const parts = [`headroom: ${s.agent}`, plural(s.requests, 'request')];
  if (s.tokensBefore > 0) {
    parts.push(
      s.compress
        ? `tool output ~${n(s.tokensBefore)} -> ~${n(s.tokensAfter)} tokens (estimated, ${s.savedPercent.toFixed(1)}% saved)`
        : `tool output ~${n(s.tokensBefore)} tokens (estimated; measured only, nothing compressed)`,
    );
  } else {
    parts.push('no tool output seen');
  }
  if (s.usage.input + s.usage.cacheRead + s.usage.cacheWrite > 0) {
    parts.push(`cache read ${Math.round(s.cacheReadShare * 100)}% of prompt`);
    const d = s.dollars;
    parts.push(s.compress ? `${usd(d.spent)} spent, ~${usd(d.net)} saved net (${d.netPercent.toFixed(1)}%, cache-aware estimate)` : `${usd(d.spent)} spent`);
  }
  const cost = s.retrievalTokens > 0 || s.retrievalTurns > 0 ? ` (~${n(s.retrievalTokens)} tokens, ${plural(s.retrievalTurns, 'extra turn')}, ${usd(s.dollars.retrievals)}, counted against the saving)` : '';
  parts.push(`${plural(s.retrievals, 'retrieval')}${cost}`);
  if (s.mitm) parts.push(`${n(s.mitm.decoded)} decoded, ${n(s.mitm.passedThrough)} passed through`);
  if (s.repacks > 0) parts.push(`${plural(s.repacks, 'repack')} after the prompt cache lapsed`);
  if (s.failOpen > 0) parts.push(`${n(s.failOpen)} sent unchanged after an error`);
  if (s.shed > 0) parts.push(`${n(s.shed)} with new outputs sent whole under load`);
  return `${parts.join(', ')}\n`;
}
