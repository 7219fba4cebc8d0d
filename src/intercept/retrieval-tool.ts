import { RetrieveUsageError, retrieve } from '../memory/retrieve.js';
import { NOT_AVAILABLE, type Store } from '../memory/types.js';
import { getMember, getString } from './json-spans.js';
import { spliceBody } from './json-literal.js';
import { readRequestBody, requireTurns } from './providers/body-shape.js';

// The request side of proxy-side retrieval, for agents without MCP: a
// `headroom_retrieve` tool declared at the end of the request's own `tools`
// array, so the model can ask for an original a marker names. The proxy
// answers those calls itself (retrieval-stream.ts); the agent never sees them.
// The literal is the same bytes on every request, so the cached prefix holds.

export const RETRIEVE_TOOL = 'headroom_retrieve';

/** The wire formats that get the tool: the two whose answers the proxy can edit. */
export type RetrievalFormat = 'anthropic' | 'openai-chat';

const DESCRIPTION =
  'Fetch the original of a tool output that headroom shortened. Its first marker, like ' +
  '"[headroom: 120 lines omitted (...); retrieve id=hr_k3m9x2p7q4ab]", names the id of the whole ' +
  'original, kept intact; later markers of the same output say what else was left out. Call this with ' +
  'that id to read it, optionally only some lines ' +
  '("A-B", 1-based) or only the lines matching a regular expression (grep).';

const SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'The id from the marker, e.g. hr_k3m9x2p7q4ab' },
    lines: { type: 'string', description: 'Optional 1-based line range "A-B", "A" or "A-"' },
    grep: { type: 'string', description: 'Optional regular expression: only matching lines, with their numbers' },
  },
  required: ['id'],
} as const;

/** Serialised once: every request carries exactly these bytes. */
const TOOL_LITERAL: Record<RetrievalFormat, string> = {
  anthropic: JSON.stringify({ name: RETRIEVE_TOOL, description: DESCRIPTION, input_schema: SCHEMA }),
  'openai-chat': JSON.stringify({ type: 'function', function: { name: RETRIEVE_TOOL, description: DESCRIPTION, parameters: SCHEMA } }),
};

/**
 * The body with the tool appended to its top-level `tools` array, or undefined
 * when there is no such array (a request without tools must stay toolless) or
 * it already declares the tool. Throws on a body it cannot read.
 */
export function injectRetrievalTool(body: string, format: RetrievalFormat): string | undefined {
  const root = readRequestBody(body);
  const tools = getMember(root, 'tools');
  if (tools?.kind !== 'array') return undefined;
  const declared = tools.items.some((t) => (format === 'anthropic' ? getString(t, 'name') : getString(getMember(t, 'function'), 'name')) === RETRIEVE_TOOL);
  if (declared) return undefined;
  const at = tools.end - 1; // the closing bracket
  const literal = tools.items.length > 0 ? `,${TOOL_LITERAL[format]}` : TOOL_LITERAL[format];
  return spliceBody(body, [{ start: at, end: at, literal }]);
}

/** A request body that turns can be appended to without re-serialising it. */
export interface GrowingBody {
  readonly text: string;
  /** Offset of the `messages` array's closing bracket. */
  readonly insertAt: number;
  readonly empty: boolean;
}

/** Reads where the messages array of a body as sent ends; throws on a body it cannot read. */
export function growingBody(text: string): GrowingBody {
  const messages = requireTurns(readRequestBody(text), 'messages');
  return { text, insertAt: messages.end - 1, empty: messages.items.length === 0 };
}

/** The body with `turns` (JSON values, in order) spliced in before the closing bracket of messages. */
export function appendTurns(body: GrowingBody, turns: readonly unknown[]): GrowingBody {
  const joined = turns.map((t) => JSON.stringify(t)).join(',');
  const literal = body.empty ? joined : `,${joined}`;
  const text = spliceBody(body.text, [{ start: body.insertAt, end: body.insertAt, literal }]);
  return { text, insertAt: body.insertAt + literal.length, empty: false };
}

/** One headroom_retrieve call the model made. */
export interface RetrievalCall {
  /** The provider's call id (tool_use id / tool_call id), which the result must name. */
  readonly callId: string;
  readonly id: string;
  readonly lines?: string;
  readonly grep?: string;
}

export interface RetrievalResult {
  readonly callId: string;
  readonly text: string;
  readonly isError: boolean;
}

/** The call's arguments, when they are the object the schema asks for. */
export function callFromArguments(callId: string, args: string): RetrievalCall | undefined {
  let value: unknown;
  try {
    value = JSON.parse(args === '' ? '{}' : args);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string') return undefined;
  return {
    callId,
    id: o.id,
    ...(typeof o.lines === 'string' && { lines: o.lines }),
    ...(typeof o.grep === 'string' && { grep: o.grep }),
  };
}

/**
 * Runs each call against the store. A bad id or range is the model's mistake
 * and becomes an error result it can read; a store failure throws, and the
 * caller then gives the tool call to the client as it came.
 */
export async function runRetrievals(store: Store | undefined, calls: readonly RetrievalCall[]): Promise<RetrievalResult[]> {
  const out: RetrievalResult[] = [];
  for (const c of calls) {
    if (!store) {
      out.push({ callId: c.callId, text: `${c.id} is ${NOT_AVAILABLE}`, isError: true });
      continue;
    }
    try {
      const r = await retrieve(store, c.id, { ...(c.lines !== undefined && { lines: c.lines }), ...(c.grep !== undefined && { grep: c.grep }) });
      if (!r.found) out.push({ callId: c.callId, text: r.message, isError: true });
      else {
        const text = Buffer.from(r.bytes).toString('utf8');
        out.push({ callId: c.callId, text: r.note ? `${text}[headroom: ${r.note}]` : text, isError: false });
      }
    } catch (err) {
      if (!(err instanceof RetrieveUsageError)) throw err;
      out.push({ callId: c.callId, text: err.message, isError: true });
    }
  }
  return out;
}

/** What forward.ts needs from the request side: the body to send, and whether answers may hold our calls. */
export interface Declared {
  readonly body: Buffer;
  readonly format: RetrievalFormat;
}

/** The tool declared in a rewritten body; undefined (send the body as it is) when it does not apply or anything fails. */
export function declareRetrievalTool(body: Buffer, adapter: string | undefined): Declared | undefined {
  if (adapter !== 'anthropic' && adapter !== 'openai-chat') return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    const out = injectRetrievalTool(text, adapter);
    return out === undefined ? undefined : { body: Buffer.from(out, 'utf8'), format: adapter };
  } catch {
    return undefined;
  }
}
