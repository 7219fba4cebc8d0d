// What the fake provider answers: event sequences shaped like each API's real
// streams (the event names, envelopes and usage placement the SDKs parse),
// and the matching non-streamed bodies. Deterministic, so tests can compare
// the bytes a client got with the bytes the provider sent.

export type Shape = 'anthropic' | 'chat' | 'responses' | 'gemini';

/** The usage each shape reports, raw, and what headroom should count from it (cached tokens outside `input`). */
export const FAKE_USAGE: Record<Shape, { input: number; cacheRead: number; cacheWrite: number; output: number }> = {
  anthropic: { input: 12, cacheRead: 40_000, cacheWrite: 3_000, output: 57 },
  chat: { input: 1_500, cacheRead: 20_000, cacheWrite: 0, output: 42 },
  responses: { input: 2_500, cacheRead: 30_000, cacheWrite: 0, output: 77 },
  gemini: { input: 900, cacheRead: 8_000, cacheWrite: 0, output: 35 },
};

export function shapeOf(pathname: string): Shape | undefined {
  if (pathname.endsWith('/v1/messages')) return 'anthropic';
  if (pathname.endsWith('/v1/chat/completions')) return 'chat';
  if (pathname.endsWith('/v1/responses')) return 'responses';
  if (/:(stream)?generateContent$/i.test(pathname)) return 'gemini';
  return undefined;
}

export interface AnswerOptions {
  /** Answer with a tool call (Bash / exec / run_shell_command) instead of text. */
  readonly tool?: boolean;
  /** Number of text deltas: more makes a longer stream. */
  readonly deltas?: number;
  /** Anthropic and Chat only: stream this text (one delta per word) instead of word0 word1 ... */
  readonly text?: string;
  /** Anthropic and Chat only: end with these tool calls (after the text, if any) instead of `tool`'s Bash call. */
  readonly calls?: ReadonlyArray<{ readonly name: string; readonly input: unknown }>;
}

/** The text deltas of an answer. */
const textParts = (o: AnswerOptions): string[] => (o.text !== undefined ? (o.text.match(/\S+\s*|\s+/g) ?? []) : words(o.deltas ?? 8));
/** A tool call's arguments in three pieces, as models stream them. */
const argParts = (input: unknown): string[] => {
  const json = JSON.stringify(input);
  const third = Math.ceil(json.length / 3);
  return [json.slice(0, third), json.slice(third, 2 * third), json.slice(2 * third)];
};

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i} `);
const TOOL_ARGS = ['{"command": "', 'npm test', ' 2>&1 | tail -50"}'];

const sse = (event: string | undefined, data: unknown, eol = '\n') =>
  `${event ? `event: ${event}${eol}` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}${eol}${eol}`;

function anthropic(o: AnswerOptions): string[] {
  const u = FAKE_USAGE.anthropic;
  const start = { type: 'message_start', message: { id: 'msg_01Fake', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: u.input, cache_creation_input_tokens: u.cacheWrite, cache_read_input_tokens: u.cacheRead, output_tokens: 1, service_tier: 'standard' } } };
  const out = [sse('message_start', start), sse('ping', { type: 'ping' })];
  if (o.calls) {
    let index = 0;
    if (o.text) {
      out.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      for (const w of textParts(o)) out.push(sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: w } }));
      out.push(sse('content_block_stop', { type: 'content_block_stop', index: index++ }));
    }
    o.calls.forEach((c, i) => {
      out.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: `toolu_0${i}Fake`, name: c.name, input: {} } }));
      for (const part of argParts(c.input)) out.push(sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } }));
      out.push(sse('content_block_stop', { type: 'content_block_stop', index: index++ }));
    });
    out.push(sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: u.output } }));
    out.push(sse('message_stop', { type: 'message_stop' }));
    return out;
  }
  if (o.tool) {
    out.push(sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_01Fake', name: 'Bash', input: {} } }));
    for (const part of TOOL_ARGS) out.push(sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: part } }));
  } else {
    out.push(sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
    for (const w of textParts(o)) out.push(sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: w } }));
  }
  out.push(sse('content_block_stop', { type: 'content_block_stop', index: 0 }));
  out.push(sse('message_delta', { type: 'message_delta', delta: { stop_reason: o.tool ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: u.output } }));
  out.push(sse('message_stop', { type: 'message_stop' }));
  return out;
}

function chat(o: AnswerOptions): string[] {
  const u = FAKE_USAGE.chat;
  const chunk = (choices: unknown[], usage: unknown = null) => sse(undefined, { id: 'chatcmpl-Fake', object: 'chat.completion.chunk', created: 1_760_000_000, model: 'gpt-5', system_fingerprint: 'fp_fake', choices, usage });
  const out = [chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }])];
  if (o.calls) {
    for (const w of o.text ? textParts(o) : []) out.push(chunk([{ index: 0, delta: { content: w }, logprobs: null, finish_reason: null }]));
    o.calls.forEach((c, i) => {
      out.push(chunk([{ index: 0, delta: { tool_calls: [{ index: i, id: `call_${i}Fake`, type: 'function', function: { name: c.name, arguments: '' } }] }, finish_reason: null }]));
      for (const part of argParts(c.input)) out.push(chunk([{ index: 0, delta: { tool_calls: [{ index: i, function: { arguments: part } }] }, finish_reason: null }]));
    });
  } else if (o.tool) {
    out.push(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_Fake', type: 'function', function: { name: 'bash', arguments: '' } }] }, finish_reason: null }]));
    for (const part of TOOL_ARGS) out.push(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: part } }] }, finish_reason: null }]));
  } else {
    for (const w of textParts(o)) out.push(chunk([{ index: 0, delta: { content: w }, logprobs: null, finish_reason: null }]));
  }
  out.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: o.tool || o.calls ? 'tool_calls' : 'stop' }]));
  out.push(chunk([], { prompt_tokens: u.input + u.cacheRead, completion_tokens: u.output, total_tokens: u.input + u.cacheRead + u.output, prompt_tokens_details: { cached_tokens: u.cacheRead, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } }));
  out.push(sse(undefined, '[DONE]'));
  return out;
}

function responseObject(status: string, output: unknown[], usage: unknown) {
  return { id: 'resp_Fake', object: 'response', created_at: 1_760_000_000, status, model: 'gpt-5-codex', output, parallel_tool_calls: false, usage };
}

function responses(o: AnswerOptions): string[] {
  const u = FAKE_USAGE.responses;
  let seq = 0;
  const ev = (type: string, body: Record<string, unknown>) => sse(type, { type, sequence_number: seq++, ...body });
  const out = [ev('response.created', { response: responseObject('in_progress', [], null) }), ev('response.in_progress', { response: responseObject('in_progress', [], null) })];
  let item: Record<string, unknown>;
  if (o.tool) {
    item = { type: 'function_call', id: 'fc_Fake', call_id: 'call_Fake', name: 'shell', arguments: TOOL_ARGS.join(''), status: 'completed' };
    out.push(ev('response.output_item.added', { output_index: 0, item: { ...item, arguments: '', status: 'in_progress' } }));
    for (const part of TOOL_ARGS) out.push(ev('response.function_call_arguments.delta', { item_id: 'fc_Fake', output_index: 0, delta: part }));
    out.push(ev('response.function_call_arguments.done', { item_id: 'fc_Fake', output_index: 0, arguments: item.arguments }));
  } else {
    const text = words(o.deltas ?? 8);
    item = { type: 'message', id: 'msg_Fake', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: text.join(''), annotations: [] }] };
    out.push(ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }));
    for (const w of text) out.push(ev('response.output_text.delta', { item_id: 'msg_Fake', output_index: 0, content_index: 0, delta: w }));
  }
  out.push(ev('response.output_item.done', { output_index: 0, item }));
  const usage = { input_tokens: u.input + u.cacheRead, input_tokens_details: { cached_tokens: u.cacheRead }, output_tokens: u.output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: u.input + u.cacheRead + u.output };
  out.push(ev('response.completed', { response: responseObject('completed', [item], usage) }));
  return out;
}

function geminiChunks(o: AnswerOptions): Record<string, unknown>[] {
  const u = FAKE_USAGE.gemini;
  const prompt = { promptTokenCount: u.input + u.cacheRead, cachedContentTokenCount: u.cacheRead };
  const chunk = (parts: unknown[], final: boolean) => ({
    candidates: [{ content: { parts, role: 'model' }, index: 0, ...(final ? { finishReason: 'STOP' } : {}) }],
    usageMetadata: final ? { ...prompt, candidatesTokenCount: u.output, totalTokenCount: u.input + u.cacheRead + u.output } : { ...prompt, totalTokenCount: u.input + u.cacheRead },
    modelVersion: 'gemini-2.5-pro',
    responseId: 'fakeResponseId',
  });
  if (o.tool) return [chunk([{ functionCall: { name: 'run_shell_command', args: { command: 'npm test' } } }], true)];
  const text = words(o.deltas ?? 8);
  return text.map((w, i) => chunk([{ text: w }], i === text.length - 1));
}

/** The events of a streamed answer, each a complete SSE frame (Gemini's use CRLF, as Google's do). */
export function streamEvents(shape: Shape, o: AnswerOptions = {}): string[] {
  switch (shape) {
    case 'anthropic': return anthropic(o);
    case 'chat': return chat(o);
    case 'responses': return responses(o);
    case 'gemini': return geminiChunks(o).map((c) => sse(undefined, c, '\r\n'));
  }
}

/** The body of a non-streamed answer. */
export function jsonAnswer(shape: Shape, o: AnswerOptions = {}): unknown {
  const u = FAKE_USAGE[shape];
  switch (shape) {
    case 'anthropic': {
      const calls = (o.calls ?? []).map((c, i) => ({ type: 'tool_use', id: `toolu_0${i}Fake`, name: c.name, input: c.input }));
      const content = [...(o.text !== '' ? [{ type: 'text', text: o.text ?? 'Hello.' }] : []), ...calls];
      return { id: 'msg_01Fake', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content, stop_reason: o.calls ? 'tool_use' : 'end_turn', stop_sequence: null, usage: { input_tokens: u.input, cache_creation_input_tokens: u.cacheWrite, cache_read_input_tokens: u.cacheRead, output_tokens: u.output } };
    }
    case 'chat': {
      const tool_calls = o.calls?.map((c, i) => ({ id: `call_${i}Fake`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.input) } }));
      const message = { role: 'assistant', content: o.text === '' ? null : (o.text ?? 'Hello.'), ...(tool_calls && { tool_calls }) };
      return { id: 'chatcmpl-Fake', object: 'chat.completion', created: 1_760_000_000, model: 'gpt-5', choices: [{ index: 0, message, finish_reason: tool_calls ? 'tool_calls' : 'stop' }], usage: { prompt_tokens: u.input + u.cacheRead, completion_tokens: u.output, total_tokens: u.input + u.cacheRead + u.output, prompt_tokens_details: { cached_tokens: u.cacheRead } } };
    }
    case 'responses':
      return responseObject('completed', [{ type: 'message', id: 'msg_Fake', role: 'assistant', content: [{ type: 'output_text', text: 'Hello.' }] }], { input_tokens: u.input + u.cacheRead, input_tokens_details: { cached_tokens: u.cacheRead }, output_tokens: u.output, total_tokens: u.input + u.cacheRead + u.output });
    case 'gemini':
      return geminiChunks({ ...o, deltas: 1 })[0];
  }
}
