import { expect, test } from 'vitest';
import type { ProxyStats } from '../../src/intercept/stats.js';
import { summarize, summaryLine } from '../../src/wrap/summary.js';

const stats = (over: Partial<ProxyStats> = {}): ProxyStats => ({
  requests: 12, rewritten: 3, repacks: 0, tokensBefore: 41_200, tokensAfter: 6_310, saved: 34_890,
  usage: { input: 1_000, cacheRead: 90_000, cacheWrite: 9_000, output: 700 }, usageAnswers: 12, cacheReadShare: 0.9,
  dollars: { spent: 0.42, saved: 0.12, retrievals: 0.01 }, retrievalCalls: 0, retrievalTokens: 0, retrievalTurns: 0,
  failOpen: 0, oversize: 0, overCap: 0, shedUnread: 0, shedLate: 0, heldBytes: 0, memoBytes: 0, upstreamErrors: 0, drift: 0, driftOurs: 0, ...over,
});
const extra = { exitCode: 0, durationMs: 1234.5, compress: true, retrievals: 1, log: '/x.log' };

test('one line: requests, tool-output tokens before and after, saved, cache-read share, dollars, retrievals', () => {
  // Net: $0.12 saved less $0.01 of retrievals, of the $0.53 the session would have cost without headroom.
  expect(summaryLine(summarize('claude', stats(), extra))).toBe(
    'headroom: claude, 12 requests, tool output ~41,200 -> ~6,310 tokens (estimated, 84.7% saved), cache read 90% of prompt, $0.4200 spent, ~$0.1100 saved net (20.8%, cache-aware estimate), 1 retrieval\n',
  );
  expect(summaryLine(summarize('claude', stats({ retrievalTokens: 2_310, retrievalTurns: 1 }), extra))).toContain(
    '1 retrieval (~2,310 tokens, 1 extra turn, $0.0100, counted against the saving)',
  );
});

test('measure-only, nothing seen, and fail-open sessions say so', () => {
  expect(summaryLine(summarize('codex', stats({ tokensAfter: 41_200, saved: 0 }), { ...extra, compress: false }))).toContain('measured only');
  expect(summaryLine(summarize('codex', stats({ tokensBefore: 0, tokensAfter: 0, saved: 0, usage: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 } }), extra))).toBe(
    'headroom: codex, 12 requests, no tool output seen, 1 retrieval\n',
  );
  expect(summaryLine(summarize('gemini', stats({ failOpen: 2 }), extra))).toContain('2 sent unchanged after an error');
  expect(summaryLine(summarize('claude', stats({ shedUnread: 5, shedLate: 2 }), extra))).toContain('7 with new outputs sent whole under load');
  expect(summaryLine(summarize('claude', stats(), extra))).not.toContain('under load');
});

test('repacks after a lapsed cache are counted apart from drift, and only shown when there were some', () => {
  expect(summaryLine(summarize('claude', stats({ repacks: 2 }), extra))).toContain('2 repacks after the prompt cache lapsed');
  expect(summaryLine(summarize('claude', stats(), extra))).not.toContain('repack');
  expect(summarize('claude', stats({ repacks: 2, drift: 0 }), extra)).toMatchObject({ repacks: 2, drift: 0 });
});

test('the JSON form carries the same figures', () => {
  const s = summarize('claude', stats(), extra);
  expect(s).toMatchObject({ agent: 'claude', tokens: 'estimated', requests: 12, tokensBefore: 41_200, tokensAfter: 6_310, savedPercent: 84.7, cacheReadShare: 0.9, retrievals: 1, durationMs: 1235 });
  expect(s.dollars).toEqual({ spent: 0.42, saved: 0.12, retrievals: 0.01, net: 0.11, netPercent: 20.8 });
});
