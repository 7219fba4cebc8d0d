import { describe, expect, it } from 'vitest';
import { createProxySession } from '../../src/intercept/rewrite.js';
import { createMemoryStore } from '../../src/memory/memory-store.js';
import { corpusCase } from '../helpers/corpus.js';
import { AGENT_HEADERS, agentRequest, startHarness } from '../helpers/proxy-harness.js';

// End to end with compression on: an agent's real tool turn carrying a real
// log goes up smaller, with only the tool output's literal changed, and the
// same request sent again goes up byte-identical (the provider's cache holds).

const LOG = corpusCase('logs/loghub-hadoop').input;
type Json = Record<string, unknown>;

function claudeWithLog(): Buffer {
  const j = JSON.parse(agentRequest('claude-toolturn').toString('utf8')) as { messages: Array<{ content: Json[] }> };
  j.messages.at(-1)!.content.find((b) => b.type === 'tool_result')!.content = LOG;
  return Buffer.from(JSON.stringify(j));
}

function codexWithLog(): Buffer {
  const j = JSON.parse(agentRequest('codex-toolturn').toString('utf8')) as { input: Json[] };
  j.input.find((x) => x.type === 'custom_tool_call_output')!.output = [{ type: 'input_text', text: LOG }];
  return Buffer.from(JSON.stringify(j));
}

const session = () => createProxySession({ store: createMemoryStore({ ttlDays: 30, maxBytes: 1 << 30 }), budgetMs: 5_000 });

describe('compression through the proxy', () => {
  const cases = [
    { name: 'claude tool turn', target: '/v1/messages?beta=true', headers: AGENT_HEADERS.anthropic, body: claudeWithLog() },
    { name: 'codex tool turn', target: '/v1/responses', headers: AGENT_HEADERS.openai, body: codexWithLog() },
  ];
  for (const c of cases) {
    it(`${c.name}: the log goes up compressed, everything else unchanged, and again identically`, async () => {
      const h = await startHarness({}, { session: session() });
      try {
        const first = await h.send(c.target, { headers: c.headers, body: c.body });
        expect(first.status).toBe(200);
        const sent = h.fake.requests[0]!.body;
        expect(sent.length).toBeLessThan(c.body.length / 2);
        expect(h.fake.requests[0]!.headers['content-length']).toBe(String(sent.length));
        // Only the tool output's literal changed: same prefix, same suffix around it.
        const raw = c.body.toString('utf8');
        const literal = JSON.stringify(LOG);
        const at = raw.indexOf(literal);
        const tail = raw.slice(at + literal.length);
        const out = sent.toString('utf8');
        expect(out.slice(0, at)).toBe(raw.slice(0, at));
        expect(out.endsWith(tail)).toBe(true);
        JSON.parse(out);

        await h.send(c.target, { headers: c.headers, body: c.body });
        expect(h.fake.requests[1]!.body.equals(sent)).toBe(true);

        const stats = h.proxy.stats();
        expect(stats.requests).toBe(2);
        expect(stats.rewritten).toBe(2);
        expect(stats.saved).toBeGreaterThan(0);
        expect(stats.tokensAfter).toBeLessThan(stats.tokensBefore);
        expect(stats.failOpen).toBe(0);
      } finally {
        await h.close();
      }
    });
  }

  it('fails open on malformed JSON: the bytes go up as they came, counted', async () => {
    const h = await startHarness({}, { session: session() });
    try {
      // Malformed, yet it claims a tool result: the rewriter must parse it, fail, and let it go.
      const body = Buffer.from('{"model": "claude", "messages": [ {"role": "user", "content": [{"type": "tool_result", "content": "unterminated');
      await h.send('/v1/messages', { headers: AGENT_HEADERS.anthropic, body });
      expect(h.fake.requests[0]!.body.equals(body)).toBe(true);
      expect(h.proxy.stats()).toMatchObject({ rewritten: 0, failOpen: 1 });
    } finally {
      await h.close();
    }
  });
});
