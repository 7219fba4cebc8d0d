import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { RETRIEVE_TOOL } from '../../src/intercept/retrieval-tool.js';
import { type Harness, sentBytes } from '../helpers/proxy-harness.js';
import { CASES, LOG, anthropicMessage, chatMessage, markerId, withRetrievalHarness, sseEvents } from '../helpers/retrieval-cases.js';

// Streamed answers that call headroom_retrieve, end to end: the proxy answers
// the call from its store, asks the provider again, and the client gets one
// well-formed answer with the continuation in it and no trace of the call.

type Json = Record<string, unknown>;
const retrieveCall = (id: string) => ({ name: RETRIEVE_TOOL, input: { id } });
const UNKNOWN_ID = 'hr_aaaaaaaaaaaa';

/** The messages the follow-up request appended after those of the first request. */
function appended(first: Buffer, follow: Buffer): Json[] {
  const a = JSON.parse(first.toString('utf8')) as { messages: Json[] };
  const b = JSON.parse(follow.toString('utf8')) as { messages: Json[] };
  expect(b.messages.slice(0, a.messages.length)).toEqual(a.messages);
  return b.messages.slice(a.messages.length);
}

/** The follow-up is the first body with text spliced in at one place (before messages' `]`). */
function expectSpliced(first: Buffer, follow: Buffer): void {
  const a = first.toString('utf8');
  const b = follow.toString('utf8');
  let p = 0;
  while (p < a.length && a[p] === b[p]) p++;
  expect(b.endsWith(a.slice(p))).toBe(true);
  expect(a[p]).toBe(']');
}

function toolResultText(kind: 'anthropic' | 'chat', turns: Json[]): string {
  if (kind === 'chat') return String(turns.find((t) => t.role === 'tool')!.content);
  const user = turns.find((t) => t.role === 'user')!;
  return String((user.content as Json[]).find((b) => b.type === 'tool_result')!.content);
}

function expectOneAnswer(kind: 'anthropic' | 'chat', body: Buffer, text: string): void {
  const events = sseEvents(body);
  if (kind === 'anthropic') {
    const m = anthropicMessage(events);
    expect(m.types.filter((t) => t === 'message_start')).toHaveLength(1);
    expect(m.types.filter((t) => t === 'message_stop')).toHaveLength(1);
    expect(m.types.at(-1)).toBe('message_stop');
    expect(m.blocks.some((b) => b.name === RETRIEVE_TOOL)).toBe(false);
    expect(m.text).toBe(text);
  } else {
    const m = chatMessage(events);
    expect(m.finishes).toEqual(['stop']);
    expect(m.toolNames).toEqual([]);
    expect(m.ids.size).toBe(1);
    expect(m.text).toBe(text);
    expect(events.at(-1)!.data).toBe('[DONE]');
    expect(events.filter((e) => e.data === '[DONE]')).toHaveLength(1);
  }
}

for (const kind of ['anthropic', 'chat'] as const) {
  const c = CASES[kind];
  describe(`${kind}: streamed answers calling headroom_retrieve`, () => {
    it('answers the call from the store and streams the continuation as one answer', async () => {
      await withRetrievalHarness(async (h) => {
        await h.send(c.target, { headers: c.headers, body: c.body() });
        const id = markerId(h.fake.requests[0]!.body);
        h.fake.queue({ text: 'Let me read the original. ', calls: [retrieveCall(id)] }, { text: 'The log shows block replication.' });
        const r = await h.send(c.target, { headers: c.headers, body: c.body() });
        expect(r.status).toBe(200);
        expect(r.error).toBeUndefined();
        expect(h.fake.requests).toHaveLength(3);
        expectOneAnswer(kind, r.body, 'Let me read the original. The log shows block replication.');
        // The follow-up: the body as sent, plus the assistant turn and the original as the tool result.
        const [sent, follow] = [h.fake.requests[1]!.body, h.fake.requests[2]!.body];
        expectSpliced(sent, follow);
        const turns = appended(sent, follow);
        expect(turns.map((t) => t.role)).toEqual(kind === 'anthropic' ? ['assistant', 'user'] : ['assistant', 'tool']);
        expect(toolResultText(kind, turns)).toBe(LOG);
        expect(JSON.stringify(turns[0])).toContain('Let me read the original.');
        // Every upstream answer's usage is counted.
        expect(h.proxy.stats().usageAnswers).toBe(3);
      });
    });

    it('an unknown id gets a "no longer available" result, and the continuation still streams', async () => {
      await withRetrievalHarness(async (h) => {
        h.fake.queue({ text: 'Checking. ', calls: [retrieveCall(UNKNOWN_ID)] }, { text: 'It is gone, re-running.' });
        const r = await h.send(c.target, { headers: c.headers, body: c.body() });
        expectOneAnswer(kind, r.body, 'Checking. It is gone, re-running.');
        const turns = appended(h.fake.requests[0]!.body, h.fake.requests[1]!.body);
        expect(toolResultText(kind, turns)).toContain('no longer available');
      });
    });

    it('three rounds at most: a fourth call reaches the client as it came', async () => {
      await withRetrievalHarness(async (h) => {
        const ask = (n: number) => ({ text: `Round ${n}. `, calls: [retrieveCall(UNKNOWN_ID)] });
        h.fake.queue(ask(1), ask(2), ask(3), ask(4), { text: 'never asked' });
        const r = await h.send(c.target, { headers: c.headers, body: c.body() });
        expect(h.fake.requests).toHaveLength(4);
        const events = sseEvents(r.body);
        if (kind === 'anthropic') {
          const m = anthropicMessage(events);
          expect(m.text).toBe('Round 1. Round 2. Round 3. Round 4. ');
          expect(m.blocks.filter((b) => b.name === RETRIEVE_TOOL)).toHaveLength(1);
          expect(m.types.filter((t) => t === 'message_stop')).toHaveLength(1);
        } else {
          const m = chatMessage(events);
          expect(m.text).toBe('Round 1. Round 2. Round 3. Round 4. ');
          expect(m.toolNames).toEqual([RETRIEVE_TOOL]);
          expect(m.finishes).toEqual(['tool_calls']);
        }
        // Each round appends its own assistant turn and results to the previous follow-up.
        expect(appended(h.fake.requests[2]!.body, h.fake.requests[3]!.body)).toHaveLength(2);
      });
    });

    it('streams: the text before the call reaches the client while the provider is still sending', async () => {
      await withRetrievalHarness(async (h) => {
        h.fake.queue({ text: 'Early words arrive early. ', calls: [retrieveCall(UNKNOWN_ID)], delayMs: 40 }, { text: 'Then the rest.' });
        const firstAnswerOpen = await textWhileFirstAnswerOpen(h, c);
        expect(firstAnswerOpen).toBe(true);
        expect(h.fake.requests).toHaveLength(2);
      });
    });

    it('asks for a plain answer; an encoded one passes through untouched', async () => {
      await withRetrievalHarness(async (h) => {
        h.fake.queue({ text: 'Zipped. ', calls: [retrieveCall(UNKNOWN_ID)], gzip: true });
        const r = await h.send(c.target, { headers: { ...c.headers, 'accept-encoding': 'gzip, br' }, body: c.body() });
        expect(h.fake.requests[0]!.headers['accept-encoding']).toBe('identity');
        expect(h.fake.requests).toHaveLength(1);
        expect(r.body.equals(sentBytes(h.fake, 0))).toBe(true);
      });
    });

    it('the client leaves during the continuation: the follow-up upstream is cancelled too', async () => {
      await withRetrievalHarness(async (h) => {
        h.fake.queue({ text: 'Looking. ', calls: [retrieveCall(UNKNOWN_ID)] }, { deltas: 200, delayMs: 20 });
        const abort = new AbortController();
        const pending = h.send(c.target, { headers: c.headers, body: c.body(), signal: abort.signal }).catch((err: unknown) => err);
        while (h.fake.requests.length < 2) await new Promise((r) => setTimeout(r, 10));
        abort.abort();
        await pending;
        await h.fake.requests[1]!.closed;
        expect(h.fake.requests[1]!.closedEarly).toBe(true);
      });
    });

    it('other tool calls in the same answer: the answer passes through byte for byte', async () => {
      await withRetrievalHarness(async (h) => {
        h.fake.queue({ text: 'Both. ', calls: [retrieveCall(UNKNOWN_ID), { name: 'Bash', input: { command: 'ls' } }] });
        const r = await h.send(c.target, { headers: c.headers, body: c.body() });
        expect(h.fake.requests).toHaveLength(1);
        expect(r.body.equals(sentBytes(h.fake, 0))).toBe(true);
      });
    });

    it('an answer without our call passes through byte for byte', async () => {
      await withRetrievalHarness(async (h) => {
        const r = await h.send(c.target, { headers: c.headers, body: c.body() });
        expect(r.body.equals(sentBytes(h.fake, 0))).toBe(true);
        h.fake.queue({ tool: true });
        const t = await h.send(c.target, { headers: c.headers, body: c.body() });
        expect(t.body.equals(sentBytes(h.fake, 1))).toBe(true);
      });
    });

    it('the follow-up fails upstream: the first answer reaches the client unchanged, well-formed', async () => {
      await withRetrievalHarness(async (h) => {
        h.fake.queue({ text: 'Looking. ', calls: [retrieveCall(UNKNOWN_ID)] }, { status: 529, body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' });
        const r = await h.send(c.target, { headers: c.headers, body: c.body() });
        expect(r.error).toBeUndefined();
        expect(h.fake.requests).toHaveLength(2);
        expect(r.body.equals(sentBytes(h.fake, 0))).toBe(true);
      });
    });

    it('the follow-up breaks off mid-stream: the client answer breaks too, no hang', async () => {
      await withRetrievalHarness(async (h) => {
        h.fake.queue({ text: 'Looking. ', calls: [retrieveCall(UNKNOWN_ID)] }, { text: 'half of an answer that never ends', resetAfter: 4 });
        const r = await h.send(c.target, { headers: c.headers, body: c.body() });
        expect(r.error).toBeDefined();
        expect(r.body.toString('utf8')).toContain('Looking.');
      });
    });

    it('the provider hangs up before answering the follow-up: the first answer, unchanged', async () => {
      await withRetrievalHarness(async (h) => {
        h.fake.queue({ text: 'Looking. ', calls: [retrieveCall(UNKNOWN_ID)] }, { resetAfter: 0 });
        const r = await h.send(c.target, { headers: c.headers, body: c.body() });
        expect(r.error).toBeUndefined();
        expect(h.fake.requests).toHaveLength(2);
        expect(r.body.equals(sentBytes(h.fake, 0))).toBe(true);
      });
    });
  });
}

/** True when the client got its first text while the provider's first answer was still unfinished. */
function textWhileFirstAnswerOpen(h: Harness, c: (typeof CASES)[keyof typeof CASES]): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${h.proxy.url}${c.target}`, { method: 'POST', headers: c.headers });
    req.on('error', reject);
    req.on('response', (res) => {
      let seen: boolean | undefined;
      res.on('data', (chunk: Buffer) => {
        if (seen === undefined && chunk.toString('utf8').includes('Early')) seen = h.fake.requests[0]?.finished === false;
      });
      res.on('end', () => resolve(seen === true));
    });
    req.end(c.body());
  });
}
