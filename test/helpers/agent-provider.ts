import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { FAKE_USAGE, type Shape, jsonAnswer, shapeOf, streamEvents } from './fake-answers.js';

// A fake model provider that real agent CLIs can drive through one tool round
// trip: the turn that carries the user's prompt is answered with a single call
// of the agent's own shell tool running `cat <logFile>`, and the turn that
// carries that tool's result is answered with the text FINAL_TEXT. Everything
// else an agent asks for on the side (a title, a routing decision, a model
// list, a token count, a liveness probe) gets a small answer of the right
// shape, because an agent that gets an answer it cannot parse retries with
// backoff and turns a seconds-long run into minutes.

export const FINAL_TEXT = 'ALL DONE';

/** What the provider decided a request was, and so what it answered. */
export type AnswerKind =
  | 'tool-call' // the prompt turn: answered with the shell tool call
  | 'final' // the turn carrying the tool result: answered with FINAL_TEXT
  | 'side-text' // a model call with no shell tool (titles, summaries, quota checks)
  | 'json-schema' // a call asking for JSON that fits a schema (gemini's router, next-speaker check)
  | 'count-tokens'
  | 'models'
  | 'websocket-426' // codex's WebSocket attempt, refused so it falls back to HTTP
  | 'other'; // liveness probes, telemetry: 200 with an empty JSON object

export interface AgentRequest {
  readonly method: string;
  /** Path with query, as received. */
  readonly url: string;
  readonly pathname: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly kind: AnswerKind;
  /** ms since the provider started, when the request's body was complete. */
  readonly at: number;
}

export interface AgentProvider {
  readonly url: string;
  readonly requests: AgentRequest[];
  /** The shell command the tool call asks for. */
  readonly command: string;
  /** `+ms METHOD /path kind` for each request, for failure messages and reports. */
  trace(): string[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** POSIX single quotes, so a temp path with odd characters still reaches cat intact. */
export const shellQuote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const sse = (event: string | undefined, data: unknown, eol = '\n'): string =>
  `${event ? `event: ${event}${eol}` : ''}data: ${JSON.stringify(data)}${eol}${eol}`;

// ---------------------------------------------------------------- Anthropic

function anthropicKind(body: Json, steps: number): { kind: AnswerKind; tool?: string; step: number } {
  const tool = arr(body.tools).map((t) => str(isObj(t) ? t.name : '')).find((n) => n === 'Bash' || n === 'bash');
  const step = arr(body.messages).reduce<number>((n, m) => n + (isObj(m) ? arr(m.content).filter((b) => isObj(b) && b.type === 'tool_result').length : 0), 0);
  if (step >= steps) return { kind: 'final', step };
  if (tool) return { kind: 'tool-call', tool, step };
  return { kind: 'side-text', step };
}

// ---------------------------------------------------------------- Chat Completions

function chatKind(body: Json, steps: number): { kind: AnswerKind; tool?: string; step: number } {
  const names = arr(body.tools).map((t) => (isObj(t) && isObj(t.function) ? str(t.function.name) : ''));
  const tool = names.find((n) => n === 'bash' || n === 'shell' || n === 'Bash');
  const step = arr(body.messages).filter((m) => isObj(m) && m.role === 'tool').length;
  if (step >= steps) return { kind: 'final', step };
  if (tool) return { kind: 'tool-call', tool, step };
  return { kind: 'side-text', step };
}

// ---------------------------------------------------------------- Responses (codex)

interface DeclaredTool {
  readonly type: string;
  readonly name: string;
}

/** Codex declares tools either top-level or in an `additional_tools` input item, nested in namespaces. */
function responsesTools(body: Json): DeclaredTool[] {
  const out: DeclaredTool[] = [];
  const walk = (tools: unknown[]): void => {
    for (const t of tools) {
      if (!isObj(t)) continue;
      if (t.type === 'namespace') walk(arr(t.tools));
      else out.push({ type: str(t.type), name: str(t.name) || (isObj(t.function) ? str(t.function.name) : '') });
    }
  };
  walk(arr(body.tools));
  for (const item of arr(body.input)) if (isObj(item) && item.type === 'additional_tools') walk(arr(item.tools));
  return out;
}

/**
 * The call codex can run, in the form it declared: 0.169's only shell entry
 * point is the freeform `exec` tool (JavaScript that calls nested tools), older
 * builds declare `exec_command` or `shell` as plain functions.
 */
function codexCall(tools: DeclaredTool[], command: string): Json | undefined {
  const has = (type: string, name: string) => tools.some((t) => t.type === type && t.name === name);
  if (has('custom', 'exec')) {
    // max_output_tokens: the default (10k tokens) would cut a few-hundred-line log in the middle.
    const input = `const r = await tools.exec_command(${JSON.stringify({ cmd: command, max_output_tokens: 100_000 })});\ntext(r.output);`;
    return { type: 'custom_tool_call', id: 'ctc_Fake', call_id: 'call_Fake', name: 'exec', input, status: 'completed' };
  }
  if (has('function', 'exec_command')) {
    return { type: 'function_call', id: 'fc_Fake', call_id: 'call_Fake', name: 'exec_command', arguments: JSON.stringify({ cmd: command, max_output_tokens: 100_000 }), status: 'completed' };
  }
  if (has('function', 'shell')) {
    return { type: 'function_call', id: 'fc_Fake', call_id: 'call_Fake', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', command] }), status: 'completed' };
  }
  return undefined;
}

function responsesKind(body: Json, commands: readonly string[]): { kind: AnswerKind; item?: Json; step: number } {
  const step = arr(body.input).filter((i) => isObj(i) && (i.type === 'custom_tool_call_output' || i.type === 'function_call_output')).length;
  if (step >= commands.length) return { kind: 'final', step };
  const item = codexCall(responsesTools(body), commands[step]!);
  return item ? { kind: 'tool-call', item, step } : { kind: 'side-text', step };
}

function responseObject(status: string, output: unknown[], usage: unknown): Json {
  return { id: 'resp_Fake', object: 'response', created_at: 1_760_000_000, status, model: 'gpt-5-codex', output, parallel_tool_calls: false, usage };
}

function responsesUsage(): Json {
  const u = FAKE_USAGE.responses;
  return { input_tokens: u.input + u.cacheRead, input_tokens_details: { cached_tokens: u.cacheRead }, output_tokens: u.output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: u.input + u.cacheRead + u.output };
}

const textItem = (text: string): Json => ({ type: 'message', id: 'msg_Fake', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] });

function responsesEvents(item: Json): string[] {
  let seq = 0;
  const ev = (type: string, body: Json) => sse(type, { type, sequence_number: seq++, ...body });
  const out = [ev('response.created', { response: responseObject('in_progress', [], null) }), ev('response.in_progress', { response: responseObject('in_progress', [], null) })];
  const id = str(item.id);
  if (item.type === 'custom_tool_call') {
    out.push(ev('response.output_item.added', { output_index: 0, item: { ...item, input: '', status: 'in_progress' } }));
    out.push(ev('response.custom_tool_call_input.delta', { item_id: id, output_index: 0, delta: item.input }));
    out.push(ev('response.custom_tool_call_input.done', { item_id: id, output_index: 0, input: item.input }));
  } else if (item.type === 'function_call') {
    out.push(ev('response.output_item.added', { output_index: 0, item: { ...item, arguments: '', status: 'in_progress' } }));
    out.push(ev('response.function_call_arguments.delta', { item_id: id, output_index: 0, delta: item.arguments }));
    out.push(ev('response.function_call_arguments.done', { item_id: id, output_index: 0, arguments: item.arguments }));
  } else {
    const text = str((arr(item.content)[0] as Json | undefined)?.text);
    out.push(ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }));
    out.push(ev('response.content_part.added', { item_id: id, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }));
    out.push(ev('response.output_text.delta', { item_id: id, output_index: 0, content_index: 0, delta: text }));
    out.push(ev('response.output_text.done', { item_id: id, output_index: 0, content_index: 0, text }));
    out.push(ev('response.content_part.done', { item_id: id, output_index: 0, content_index: 0, part: { type: 'output_text', text, annotations: [] } }));
  }
  out.push(ev('response.output_item.done', { output_index: 0, item }));
  out.push(ev('response.completed', { response: responseObject('completed', [item], responsesUsage()) }));
  return out;
}

// ---------------------------------------------------------------- Gemini

/** A value that fits a (Gemini-dialect or JSON Schema) schema: enough for gemini-cli's router and next-speaker checks. */
export function exampleFor(schema: unknown): unknown {
  if (!isObj(schema)) return null;
  const enumValues = arr(schema.enum);
  // gemini-cli's next-speaker check lists "user" first: that ends the turn instead of prompting the model again.
  if (enumValues.length) return enumValues[0];
  const type = str(Array.isArray(schema.type) ? schema.type[0] : schema.type).toLowerCase();
  switch (type) {
    case 'object': {
      const out: Json = {};
      const props = isObj(schema.properties) ? schema.properties : {};
      for (const [k, v] of Object.entries(props)) out[k] = exampleFor(v);
      return out;
    }
    case 'array':
      return [exampleFor(schema.items)];
    case 'integer':
    case 'number': {
      // gemini-cli's router scores complexity 1-100: a low score picks its fast model, which is fine here.
      const min = typeof schema.minimum === 'number' ? schema.minimum : 1;
      const max = typeof schema.maximum === 'number' ? schema.maximum : Math.max(min, 10);
      return Math.min(max, Math.max(min, 10));
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'Deterministic answer from the fake provider.';
  }
}

function geminiKind(body: Json, steps: number): { kind: AnswerKind; schema?: unknown; step: number } {
  const gc = isObj(body.generationConfig) ? body.generationConfig : {};
  const schema = gc.responseJsonSchema ?? gc.responseSchema;
  if (schema !== undefined || gc.responseMimeType === 'application/json') return { kind: 'json-schema', schema, step: 0 };
  const step = arr(body.contents).reduce<number>((n, c) => n + (isObj(c) ? arr(c.parts).filter((p) => isObj(p) && isObj(p.functionResponse)).length : 0), 0);
  if (step >= steps) return { kind: 'final', step };
  const declares = arr(body.tools).some((t) => isObj(t) && arr(t.functionDeclarations).some((f) => isObj(f) && f.name === 'run_shell_command'));
  return declares ? { kind: 'tool-call', step } : { kind: 'side-text', step };
}

function geminiChunk(parts: unknown[]): Json {
  const u = FAKE_USAGE.gemini;
  return {
    candidates: [{ content: { parts, role: 'model' }, index: 0, finishReason: 'STOP' }],
    usageMetadata: { promptTokenCount: u.input + u.cacheRead, cachedContentTokenCount: u.cacheRead, candidatesTokenCount: u.output, totalTokenCount: u.input + u.cacheRead + u.output },
    modelVersion: 'gemini-2.5-pro',
    responseId: 'fakeResponseId',
  };
}

// ---------------------------------------------------------------- side calls

const MODEL_IDS = ['claude-sonnet-4-5', 'gpt-5', 'gpt-5-codex', 'gemini-2.5-pro', 'gemini-2.5-flash'];

/** One body that satisfies the OpenAI, Anthropic and Gemini model-list readers at once. */
function modelList(): Json {
  const data = MODEL_IDS.map((id) => ({ id, object: 'model', type: 'model', created: 1_760_000_000, created_at: '2025-10-01T00:00:00Z', owned_by: 'fake', display_name: id }));
  return {
    object: 'list',
    data,
    has_more: false,
    first_id: MODEL_IDS[0],
    last_id: MODEL_IDS[MODEL_IDS.length - 1],
    models: MODEL_IDS.map((id) => ({ name: `models/${id}`, displayName: id, supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'] })),
  };
}

// ---------------------------------------------------------------- server

/** Every string in a request's JSON body, joined: needles match whatever escaping the agent's serializer used. */
export function requestText(r: AgentRequest): string {
  const raw = r.body.toString('utf8');
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) Object.values(v).forEach(walk);
  };
  try {
    walk(JSON.parse(raw));
  } catch {
    return raw;
  }
  return strings.join('\n');
}

interface Reply {
  readonly kind: AnswerKind;
  readonly status: number;
  readonly contentType: string;
  /** Whole body, or SSE frames written one by one. */
  readonly body: string | string[];
}

const json = (kind: AnswerKind, body: unknown): Reply => ({ kind, status: 200, contentType: 'application/json', body: JSON.stringify(body) });
const stream = (kind: AnswerKind, frames: string[]): Reply => ({ kind, status: 200, contentType: 'text/event-stream; charset=utf-8', body: frames });

function parse(body: Buffer): Json {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return isObj(v) ? v : {};
  } catch {
    return {};
  }
}

/** Tool-call ids unique per step: agents match results to calls by id. */
const perStep = (frames: string[], step: number): string[] =>
  step === 0 ? frames : frames.map((f) => f.replace(/(toolu_0|call_|fc_)(\d*)Fake/g, `$1$2S${step}Fake`));

function modelReply(shape: Shape, url: string, body: Json, commands: readonly string[]): Reply {
  switch (shape) {
    case 'anthropic':
    case 'chat': {
      const { kind, tool, step } = shape === 'anthropic' ? anthropicKind(body, commands.length) : chatKind(body, commands.length);
      const opts =
        kind === 'tool-call'
          ? { text: '', calls: [{ name: tool!, input: { command: commands[step]!, description: 'Run a shell command' } }] }
          : { text: kind === 'final' ? FINAL_TEXT : 'Log file check' };
      if (body.stream === true) return stream(kind, perStep(streamEvents(shape, opts), step));
      return { ...json(kind, jsonAnswer(shape, opts)), body: perStep([JSON.stringify(jsonAnswer(shape, opts))], step)[0]! };
    }
    case 'responses': {
      const { kind, item, step } = responsesKind(body, commands);
      const out = item ?? textItem(kind === 'final' ? FINAL_TEXT : 'Log file check');
      return body.stream === false
        ? { ...json(kind, {}), body: perStep([JSON.stringify(responseObject('completed', [out], responsesUsage()))], step)[0]! }
        : stream(kind, perStep(responsesEvents(out), step));
    }
    case 'gemini': {
      const { kind, schema, step } = geminiKind(body, commands.length);
      let parts: unknown[];
      if (kind === 'json-schema') parts = [{ text: JSON.stringify(exampleFor(schema) ?? {}) }];
      else if (kind === 'tool-call') parts = [{ functionCall: { name: 'run_shell_command', args: { command: commands[step]!, description: 'Run a shell command' } } }];
      else parts = [{ text: kind === 'final' ? FINAL_TEXT : 'Log file check' }];
      const chunk = geminiChunk(parts);
      if (!url.includes(':streamGenerateContent')) return json(kind, chunk);
      // Without alt=sse, Google streams one JSON array of chunks.
      return /[?&]alt=sse\b/.test(url) ? stream(kind, [sse(undefined, chunk, '\r\n')]) : json(kind, [chunk]);
    }
  }
}

function route(method: string, url: string, body: Buffer, commands: readonly string[]): Reply {
  const pathname = url.split('?')[0]!;
  if (method === 'POST' && pathname.endsWith('/count_tokens')) return json('count-tokens', { input_tokens: Math.ceil(body.length / 4) });
  if (method === 'POST' && pathname.endsWith(':countTokens')) return json('count-tokens', { totalTokens: Math.ceil(body.length / 4) });
  if (method === 'GET' && /\/models\/?$/.test(pathname)) return json('models', modelList());
  const shape = method === 'POST' ? shapeOf(pathname) : undefined;
  if (shape) {
    // `{hr_id}` in a command: the first store id the request shows (a marker of a compressed output).
    const id = /hr_[a-km-np-z2-9]{12}/.exec(body.toString('utf8'))?.[0] ?? 'hr_notseenyet';
    return modelReply(shape, url, parse(body), commands.map((c) => c.replaceAll('{hr_id}', id)));
  }
  return { kind: 'other', status: 200, contentType: 'application/json', body: method === 'HEAD' ? '' : '{}' };
}

/**
 * `then`: more shell commands, one tool call each, after the first (`{hr_id}`
 * in one stands for the first store id the request carrying it shows); the
 * final text comes once every call has its result. `first` replaces the
 * default first command (`cat <logFile>`), e.g. with one that fails.
 */
export async function startAgentProvider(opts: { logFile: string; first?: string; then?: readonly string[] }): Promise<AgentProvider> {
  const command = opts.first ?? `cat ${shellQuote(opts.logFile)}`;
  const commands = [command, ...(opts.then ?? [])];
  const requests: AgentRequest[] = [];
  const sockets = new Set<Duplex>();
  const started = Date.now();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? '';
      const url = req.url ?? '/';
      const pathname = url.split('?')[0]!;
      const reply = route(method, url, body, commands);
      requests.push({ method, url, pathname, headers: req.headers, body, kind: reply.kind, at: Date.now() - started });
      res.writeHead(reply.status, { 'content-type': reply.contentType, 'cache-control': 'no-cache', 'x-fake-provider': '1' });
      if (typeof reply.body === 'string') res.end(reply.body);
      else {
        for (const frame of reply.body) res.write(frame);
        res.end();
      }
    });
  });
  // Codex opens a WebSocket on GET /v1/responses first; 426 is its signal to fall back to HTTP POST.
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '/', pathname: (req.url ?? '/').split('?')[0]!, headers: req.headers, body: Buffer.alloc(0), kind: 'websocket-426', at: Date.now() - started });
    socket.on('error', () => {});
    socket.end('HTTP/1.1 426 Upgrade Required\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    command,
    trace: () => requests.map((r) => `+${r.at}ms ${r.method} ${r.pathname} ${r.kind}`),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}
