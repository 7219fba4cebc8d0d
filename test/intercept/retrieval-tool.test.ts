import { describe, expect, it } from 'vitest';
import { createProxySession } from '../../src/intercept/rewrite.js';
import { RETRIEVE_TOOL, injectRetrievalTool } from '../../src/intercept/retrieval-tool.js';
import { AGENT_HEADERS, agentRequest, startHarness } from '../helpers/proxy-harness.js';

// The request side: headroom_retrieve is appended to the request's own tools
// by splicing, the same bytes every time, and nothing else changes.

/** What was inserted into `before` to make `after`, and where; fails when more than one insertion happened. */
function insertion(before: string, after: string): { at: number; text: string } {
  let p = 0;
  while (p < before.length && before[p] === after[p]) p++;
  const text = after.slice(p, p + after.length - before.length);
  expect(after.slice(p + text.length)).toBe(before.slice(p));
  return { at: p, text };
}

type Tools = { tools: Array<Record<string, unknown>> };

describe('headroom_retrieve declared in requests', () => {
  const cases = [
    { name: 'anthropic', files: ['claude-first', 'claude-toolturn', 'opencode-main'], target: '/v1/messages', headers: AGENT_HEADERS.anthropic },
    { name: 'chat', files: ['copilot-first', 'copilot-first'], target: '/v1/chat/completions', headers: AGENT_HEADERS.openai },
  ] as const;
  for (const c of cases) {
    it(`${c.name}: appended at the end of tools, identically in consecutive requests, nothing else changed`, async () => {
      const h = await startHarness({}, { session: createProxySession({ retrievalTool: true }) });
      try {
        const literals = new Set<string>();
        for (const [i, file] of c.files.entries()) {
          const body = agentRequest(file);
          const r = await h.send(c.target, { headers: c.headers, body });
          expect(r.status).toBe(200);
          const sent = h.fake.requests[i]!.body.toString('utf8');
          expect(h.fake.requests[i]!.headers['content-length']).toBe(String(Buffer.byteLength(sent)));
          const { at, text } = insertion(body.toString('utf8'), sent);
          literals.add(text.replace(/^,/, ''));
          const parsed = JSON.parse(sent) as Tools;
          const original = JSON.parse(body.toString('utf8')) as Tools;
          expect(parsed.tools.length).toBe(original.tools.length + 1);
          const last = parsed.tools.at(-1)!;
          const name = c.name === 'anthropic' ? last.name : (last.function as { name: string }).name;
          expect(name).toBe(RETRIEVE_TOOL);
          expect(sent[at + text.length]).toBe(']');
        }
        expect(literals.size).toBe(1);
        const schema = JSON.parse([...literals][0]!) as Record<string, Record<string, unknown>>;
        const params = c.name === 'anthropic' ? schema.input_schema! : (schema.function!.parameters as Record<string, unknown>);
        expect(params.required).toEqual(['id']);
        expect(h.proxy.stats().rewritten).toBe(c.files.length);
      } finally {
        await h.close();
      }
    });
  }

  it('leaves bodies without tools, already declaring it, or of other APIs alone', async () => {
    expect(injectRetrievalTool('{"model":"m","messages":[]}', 'anthropic')).toBeUndefined();
    const once = injectRetrievalTool('{"tools":[]}', 'anthropic')!;
    expect(JSON.parse(once)).toMatchObject({ tools: [{ name: RETRIEVE_TOOL }] });
    expect(injectRetrievalTool(once, 'anthropic')).toBeUndefined();
    const h = await startHarness({}, { session: createProxySession({ retrievalTool: true }) });
    try {
      for (const [file, target, headers] of [
        ['codex-first', '/v1/responses', AGENT_HEADERS.openai],
        ['gemini-toolturn', '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse', AGENT_HEADERS.gemini],
      ] as const) {
        const body = agentRequest(file);
        const n = h.fake.requests.length;
        await h.send(target, { headers, body });
        expect(h.fake.requests[n]!.body.equals(body)).toBe(true);
      }
    } finally {
      await h.close();
    }
  });
});
