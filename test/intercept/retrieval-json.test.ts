import { describe, expect, it } from 'vitest';
import { RETRIEVE_TOOL } from '../../src/intercept/retrieval-tool.js';
import { sentBytes } from '../helpers/proxy-harness.js';
import { CASES, LOG, markerId, withRetrievalHarness } from '../helpers/retrieval-cases.js';

// Non-streamed answers that call headroom_retrieve: the client gets one merged
// JSON answer, with its content-length, and no trace of the call.

type Json = Record<string, unknown>;
const retrieveCall = (id: string) => ({ name: RETRIEVE_TOOL, input: { id } });

function merged(kind: 'anthropic' | 'chat', body: Buffer): { text: string; tools: string[]; finish: unknown; id: unknown } {
  const j = JSON.parse(body.toString('utf8')) as Json;
  if (kind === 'anthropic') {
    const content = j.content as Json[];
    return {
      text: content.filter((b) => b.type === 'text').map((b) => String(b.text)).join(''),
      tools: content.filter((b) => b.type === 'tool_use').map((b) => String(b.name)),
      finish: j.stop_reason,
      id: j.id,
    };
  }
  const choice = (j.choices as Json[])[0]!;
  const m = choice.message as Json;
  return { text: String(m.content), tools: ((m.tool_calls as Json[] | undefined) ?? []).map((t) => String((t.function as Json).name)), finish: choice.finish_reason, id: j.id };
}

for (const kind of ['anthropic', 'chat'] as const) {
  const c = CASES[kind];
  describe(`${kind}: non-streamed answers calling headroom_retrieve`, () => {
    it('returns one merged answer, the follow-up holding the original', async () => {
      await withRetrievalHarness(async (h) => {
        await h.send(c.target, { headers: c.headers, body: c.body(false) });
        const id = markerId(h.fake.requests[0]!.body);
        h.fake.queue({ text: 'Reading it. ', calls: [retrieveCall(id)] }, { text: 'Done reading.' });
        const r = await h.send(c.target, { headers: c.headers, body: c.body(false) });
        expect(r.status).toBe(200);
        expect(r.headers['content-length']).toBe(String(r.body.length));
        const m = merged(kind, r.body);
        expect(m.text).toBe('Reading it. Done reading.');
        expect(m.tools).toEqual([]);
        expect(m.finish).toBe(kind === 'anthropic' ? 'end_turn' : 'stop');
        const follow = JSON.parse(h.fake.requests[2]!.body.toString('utf8')) as { messages: Json[] };
        const last = follow.messages.at(-1)!;
        const result = kind === 'anthropic' ? (last.content as Json[])[0]!.content : last.content;
        expect(result).toBe(LOG);
        expect(h.proxy.stats().usageAnswers).toBe(3);
      });
    });

    it('mixed tool calls, or a failed follow-up: the first answer byte for byte', async () => {
      await withRetrievalHarness(async (h) => {
        h.fake.queue({ text: 'Both. ', calls: [retrieveCall('hr_aaaaaaaaaaaa'), { name: 'Bash', input: { command: 'ls' } }] });
        const mixed = await h.send(c.target, { headers: c.headers, body: c.body(false) });
        expect(h.fake.requests).toHaveLength(1);
        expect(mixed.body.equals(sentBytes(h.fake, 0))).toBe(true);

        h.fake.queue({ text: 'Looking. ', calls: [retrieveCall('hr_aaaaaaaaaaaa')] }, { status: 500, body: '{"error":"boom"}' });
        const failed = await h.send(c.target, { headers: c.headers, body: c.body(false) });
        expect(h.fake.requests).toHaveLength(3);
        expect(failed.status).toBe(200);
        expect(failed.body.equals(sentBytes(h.fake, 1))).toBe(true);
        expect(merged(kind, failed.body).tools).toEqual([RETRIEVE_TOOL]);
      });
    });
  });
}
