import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/memory/memory-store.js';
import { anthropicAdapter } from '../../src/intercept/providers/anthropic.js';
import { createProxySession, rewriteRequest } from '../../src/intercept/rewrite.js';
import { CORPUS_ROOT, corpusCases } from '../helpers/corpus.js';
import { anthropicBody, requestsOf } from '../helpers/transcript-session.js';

// Real Claude Code sessions replayed through the rewriter turn by turn: the
// turns a request repeats from the one before must go upstream exactly as they
// went the first time, so the provider's cached prefix holds.

const turnsSent = (body: string): string[] => {
  const spans = anthropicAdapter.parse(body, '/v1/messages').turnSpans!;
  return spans.map((s) => body.slice(s.start, s.end));
};

describe('multi-turn sessions from real transcripts', () => {
  for (const k of corpusCases('transcripts/claude-code')) {
    it(`${k.name}: earlier turns go upstream byte-identical`, { timeout: 120_000 }, async () => {
      const requests = requestsOf(path.join(CORPUS_ROOT, k.id, 'input.txt'));
      expect(requests.length).toBeGreaterThan(3);
      const session = createProxySession({ store: createMemoryStore({ ttlDays: 30, maxBytes: 1 << 30 }), budgetMs: 60_000 });
      let previous: string[] | undefined;
      let before = 0;
      let after = 0;
      for (const messages of requests) {
        const raw = Buffer.from(anthropicBody(messages));
        const out = await rewriteRequest(raw, 'POST', '/v1/messages', session, k.name);
        expect(out.failOpen).toBeUndefined();
        before += out.tokensBefore;
        after += out.tokensAfter;
        const sent = turnsSent(out.body.toString('utf8'));
        expect(sent).toHaveLength(messages.length);
        if (previous) expect(sent.slice(0, previous.length)).toEqual(previous);
        previous = sent;
      }
      expect(session.drift.drifts).toBe(0);
      // Requests without a tool result are sent on unparsed, so the check starts at the first one with.
      const withResults = requests.filter((m) => m.some((x) => x.content.some((b) => b.type === 'tool_result'))).length;
      expect(session.drift.compared).toBe(withResults - 1);
      expect(after).toBeLessThanOrEqual(before);
    });
  }

  it('compresses the large tool outputs of a session, and only those in the newest turn', async () => {
    const k = corpusCases('transcripts/claude-code').find((c) => c.name === 'spotter-session-8463c716')!;
    const requests = requestsOf(path.join(CORPUS_ROOT, k.id, 'input.txt'));
    const session = createProxySession({ store: createMemoryStore({ ttlDays: 30, maxBytes: 1 << 30 }), budgetMs: 60_000 });
    let compressed = 0;
    for (const messages of requests) {
      const out = await rewriteRequest(Buffer.from(anthropicBody(messages)), 'POST', '/v1/messages', session, 'x');
      compressed += out.compressed;
    }
    expect(compressed).toBeGreaterThan(0);
    // A proxy that starts mid-session must leave what was sent before it alone.
    const late = createProxySession({ store: createMemoryStore({ ttlDays: 30, maxBytes: 1 << 30 }), budgetMs: 60_000 });
    const last = Buffer.from(anthropicBody(requests.at(-1)!));
    const out = await rewriteRequest(last, 'POST', '/v1/messages', late, 'x');
    const parsed = anthropicAdapter.parse(last.toString('utf8'), '/v1/messages');
    const sent = out.body.toString('utf8');
    const lastSpans = anthropicAdapter.parse(sent, '/v1/messages').turnSpans!;
    const rawSpans = parsed.turnSpans!;
    for (let i = 0; i < parsed.liveFrom; i++) {
      expect(sent.slice(lastSpans[i]!.start, lastSpans[i]!.end)).toBe(last.toString('utf8').slice(rawSpans[i]!.start, rawSpans[i]!.end));
    }
  });
});
