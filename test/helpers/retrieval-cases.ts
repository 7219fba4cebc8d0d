import { createProxySession } from '../../src/intercept/rewrite.js';
import { createMemoryStore } from '../../src/memory/memory-store.js';
import { corpusCase } from './corpus.js';
import { AGENT_HEADERS, type Harness, agentRequest, startHarness } from './proxy-harness.js';

// Requests and answers for the proxy-side retrieval tests: an agent's real
// tool turn carrying a real log (so the proxy compresses it and stores the
// original), and helpers that read the client's SSE back as events.

export const LOG = corpusCase('logs/loghub-hadoop').input;
type Json = Record<string, unknown>;

export function claudeWithLog(stream = true): Buffer {
  const j = JSON.parse(agentRequest('claude-toolturn').toString('utf8')) as { messages: Array<{ content: Json[] }>; stream?: boolean };
  j.messages.at(-1)!.content.find((b) => b.type === 'tool_result')!.content = LOG;
  j.stream = stream;
  return Buffer.from(JSON.stringify(j));
}

export function chatWithLog(stream = true): Buffer {
  const j = JSON.parse(agentRequest('copilot-first').toString('utf8')) as { messages: Json[]; stream?: boolean; stream_options?: unknown };
  j.messages.push(
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_log1', type: 'function', function: { name: 'bash', arguments: '{"command":"cat hadoop.log"}' } }] },
    { role: 'tool', tool_call_id: 'call_log1', content: LOG },
  );
  j.stream = stream;
  if (!stream) delete j.stream_options;
  return Buffer.from(JSON.stringify(j));
}

export const CASES = {
  anthropic: { target: '/v1/messages?beta=true', headers: AGENT_HEADERS.anthropic, body: claudeWithLog },
  chat: { target: '/v1/chat/completions', headers: AGENT_HEADERS.openai, body: chatWithLog },
} as const;

export async function retrievalHarness(retrievalTool = true): Promise<Harness> {
  const session = createProxySession({ store: createMemoryStore({ ttlDays: 30, maxBytes: 1 << 30 }), budgetMs: 5_000, retrievalTool });
  return startHarness({}, { session });
}

/** Runs a test against a fresh retrieval harness and always closes it. */
export async function withRetrievalHarness(test: (h: Harness) => Promise<void>): Promise<void> {
  const h = await retrievalHarness();
  try {
    await test(h);
  } finally {
    await h.close();
  }
}

/** The id of the first marker in a body the proxy sent upstream. */
export function markerId(sent: Buffer): string {
  const m = /retrieve id=(hr_[0-9a-z]+)/.exec(sent.toString('utf8'));
  if (!m) throw new Error('no headroom marker in the body sent upstream');
  return m[1]!;
}

export interface ClientEvent {
  readonly event: string;
  readonly data: string;
  readonly json: Json | undefined;
}

/** The client's SSE, event by event. */
export function sseEvents(body: Buffer): ClientEvent[] {
  return body
    .toString('utf8')
    .split(/\r?\n\r?\n/)
    .filter((f) => f.trim() !== '')
    .map((f) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of f.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      const text = data.join('\n');
      let json: Json | undefined;
      try {
        json = JSON.parse(text) as Json;
      } catch {
        json = undefined;
      }
      return { event, data: text, json };
    });
}

/** The text an Anthropic client assembles, and its blocks by index (checks the indexes are consistent). */
export function anthropicMessage(events: readonly ClientEvent[]): { text: string; blocks: Json[]; types: string[] } {
  const blocks: Json[] = [];
  for (const e of events) {
    const j = e.json;
    if (!j) continue;
    if (j.type === 'content_block_start') {
      if (j.index !== blocks.length) throw new Error(`block ${String(j.index)} started after ${blocks.length} blocks`);
      blocks.push({ ...(j.content_block as Json), text: '', partial: '' });
    } else if (j.type === 'content_block_delta') {
      const b = blocks[j.index as number];
      if (!b) throw new Error(`delta for unknown block ${String(j.index)}`);
      const d = j.delta as Json;
      if (d.type === 'text_delta') b.text = String(b.text) + String(d.text);
      if (d.type === 'input_json_delta') b.partial = String(b.partial) + String(d.partial_json);
    }
  }
  return { text: blocks.map((b) => String(b.text ?? '')).join(''), blocks, types: events.map((e) => String(e.json?.type ?? e.data)) };
}

/** The text and tool calls a Chat client assembles, and every finish_reason seen. */
export function chatMessage(events: readonly ClientEvent[]): { text: string; toolNames: string[]; finishes: string[]; ids: Set<unknown> } {
  let text = '';
  const toolNames: string[] = [];
  const finishes: string[] = [];
  const ids = new Set<unknown>();
  for (const e of events) {
    const j = e.json;
    if (!j) continue;
    ids.add(j.id);
    for (const c of (j.choices as Json[]) ?? []) {
      const d = (c.delta ?? {}) as Json;
      if (typeof d.content === 'string') text += d.content;
      for (const t of (d.tool_calls as Json[] | undefined) ?? []) {
        const name = (t.function as Json | undefined)?.name;
        if (typeof name === 'string') toolNames.push(name);
      }
      if (typeof c.finish_reason === 'string') finishes.push(c.finish_reason);
    }
  }
  return { text, toolNames, finishes, ids };
}
