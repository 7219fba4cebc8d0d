import path from 'node:path';
import { expect, it } from 'vitest';
import { anthropicAdapter } from '../../../src/intercept/providers/anthropic.js';
import { createProxySession } from '../../../src/intercept/rewrite.js';
import { createMemoryStore } from '../../../src/memory/memory-store.js';
import { CORPUS_ROOT } from '../../helpers/corpus.js';
import { AGENT_HEADERS, startHarness } from '../../helpers/proxy-harness.js';
import { anthropicBody, requestsOf } from '../../helpers/transcript-session.js';

// Through the proxy, on the wire: the answer's usage, read from the stream
// without changing it, tells the proxy that nothing was cached, and the
// thread's next request is repacked; with a cache read, it goes up as before.

const requests = requestsOf(path.join(CORPUS_ROOT, 'transcripts', 'claude-code', 'spotter-session-fa812bfe', 'input.txt'));
const [earlier, later] = requests.slice(-2).map((m) => Buffer.from(anthropicBody(m)));
const uncached = JSON.stringify({
  id: 'msg_01Fake', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'ok' }],
  stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 41_000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 2 },
});
const turns = (body: Buffer): string[] => {
  const text = body.toString('utf8');
  return anthropicAdapter.parse(text, '/v1/messages').turnSpans!.map((s) => text.slice(s.start, s.end));
};

for (const cached of [true, false]) {
  it(`an answer that ${cached ? 'read the cache' : 'cached nothing'}: the next request ${cached ? 'repeats every earlier byte' : 'is repacked, counted apart from drift'}`, { timeout: 60_000 }, async () => {
    const session = createProxySession({ store: createMemoryStore({ ttlDays: 30, maxBytes: 1 << 30 }), budgetMs: 10_000 });
    const h = await startHarness(cached ? {} : { status: 200, body: uncached, headers: { 'content-type': 'application/json' } }, { session });
    try {
      const headers = { ...AGENT_HEADERS.anthropic, 'x-claude-code-session-id': 'repack-proxy-test' };
      const answer = await h.send('/v1/messages', { headers, body: earlier! });
      expect(answer.status).toBe(200);
      expect((await h.send('/v1/messages', { headers, body: later! })).status).toBe(200);
      const [first, second] = [turns(h.fake.requests[0]!.body), turns(h.fake.requests[1]!.body)];
      const same = second.slice(0, first.length).every((t, i) => t === first[i]);
      expect(same).toBe(cached);
      const stats = h.proxy.stats();
      expect(stats.repacks).toBe(cached ? 0 : 1);
      expect(stats.drift).toBe(0);
      // The answer went to the client as the provider wrote it.
      expect(answer.body.equals(Buffer.concat(h.fake.requests[0]!.sent))).toBe(true);
    } finally {
      await h.close();
    }
  });
}
