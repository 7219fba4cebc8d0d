import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { jsonAnswer, streamEvents } from './fake-answers.js';

// A fake Anthropic provider that makes the agent call one MCP tool: the turn
// that declares a tool named like `tool` (agents prefix MCP tools:
// mcp__headroom__<tool>, headroom_<tool>) is answered with a call of it with
// `input`; the turn carrying its result is answered with that result's text
// after RESULT_PREFIX, so the agent's own output shows what the tool said.
// Side calls (titles, summaries) get a short text.

export const RESULT_PREFIX = 'TOOL SAID: ';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface McpCallProvider {
  readonly url: string;
  /** Request bodies of /v1/messages, parsed. */
  readonly bodies: Json[];
  /** The text of the tool result the agent sent back, once it did. */
  result(): string | undefined;
  close(): Promise<void>;
}

function toolResultText(body: Json): string | undefined {
  for (const m of arr(body.messages)) {
    if (!isObj(m)) continue;
    for (const b of arr(m.content)) {
      if (!isObj(b) || b.type !== 'tool_result') continue;
      const c = b.content;
      if (typeof c === 'string') return c;
      return arr(c).map((x) => (isObj(x) && typeof x.text === 'string' ? x.text : '')).join('');
    }
  }
  return undefined;
}

export async function startMcpCallProvider(tool: string, input: Json): Promise<McpCallProvider> {
  const bodies: Json[] = [];
  let result: string | undefined;
  const sockets = new Set<Duplex>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const pathname = (req.url ?? '/').split('?')[0]!;
      if (req.method !== 'POST' || !pathname.endsWith('/v1/messages')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(pathname.endsWith('/count_tokens') ? '{"input_tokens":100}' : '{}');
        return;
      }
      let body: Json = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
      } catch {
        // answered as a side call
      }
      bodies.push(body);
      const name = arr(body.tools)
        .map((t) => (isObj(t) && typeof t.name === 'string' ? t.name : ''))
        .find((n) => n === tool || n.endsWith(`__${tool}`) || n.endsWith(`_${tool}`));
      const done = toolResultText(body);
      if (done !== undefined) result = done;
      const opts = done !== undefined ? { text: `${RESULT_PREFIX}${done}` } : name ? { text: '', calls: [{ name, input }] } : { text: 'Memory check' };
      if (body.stream === true) {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
        for (const frame of streamEvents('anthropic', opts)) res.write(frame);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jsonAnswer('anthropic', opts)));
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    result: () => result,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}
