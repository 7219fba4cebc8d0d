import type { JsonEditor, StreamEditor } from './retrieval-stream.js';
import { RETRIEVE_TOOL, type RetrievalCall, type RetrievalResult, callFromArguments } from './retrieval-tool.js';
import { type Frame, frameText } from './sse-frames.js';
import { type JsonObject as Obj, isJsonObject as isObj } from '../json-object.js';

// Anthropic Messages answers with headroom_retrieve calls in them. The client
// sees one message: the first answer's message_start, its blocks up to our
// call, then each continuation's blocks renumbered after the ones already
// sent, and the last answer's message_delta / message_stop (so the usage the
// client reads in message_delta is the last answer's; the proxy's own tap
// counts every answer).

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Block types whose content the follow-up can send back; any other makes the round pass through. */
const KNOWN_BLOCKS = new Set(['text', 'thinking', 'redacted_thinking', 'tool_use']);
/** Tool calls that are not ours: the client must run them, so the answer goes to it as it came. */
const TOOL_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

interface Block {
  readonly start: Obj;
  readonly retrieve: boolean;
  text: string;
  thinking: string;
  signature: string;
  json: string;
}

interface Held {
  readonly frame: Frame;
  readonly event: Obj | undefined;
}

function parseEvent(data: string | undefined): Obj | undefined {
  if (data === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(data);
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const isRetrieve = (b: unknown): boolean => isObj(b) && b.type === 'tool_use' && b.name === RETRIEVE_TOOL;

/** A block as the follow-up's assistant turn must repeat it (thinking with its signature, or the API refuses). */
function asContent(b: Block): Obj | undefined {
  switch (b.start.type) {
    case 'text': {
      const text = str(b.start.text) + b.text;
      return text === '' ? undefined : { type: 'text', text }; // empty text blocks are rejected
    }
    case 'thinking':
      return { type: 'thinking', thinking: str(b.start.thinking) + b.thinking, signature: str(b.start.signature) + b.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: str(b.start.data) };
    default: {
      let input: unknown = {};
      try {
        input = JSON.parse(b.json === '' ? '{}' : b.json);
      } catch {
        // calls() already refused a round whose own calls do not parse; another tool's would not get here
      }
      return { type: 'tool_use', id: str(b.start.id), name: str(b.start.name), input };
    }
  }
}

function resultTurn(results: readonly RetrievalResult[]): Obj {
  return {
    role: 'user',
    content: results.map((r) => ({ type: 'tool_result', tool_use_id: r.callId, content: r.text, ...(r.isError && { is_error: true }) })),
  };
}

export class AnthropicStreamEditor implements StreamEditor {
  private round = 0;
  /** The client index the next block gets. */
  private nextIndex = 0;
  /** Upstream block index -> client block index, this round. */
  private indexes = new Map<number, number>();
  private blocks = new Map<number, Block>();
  private held: Held[] = [];
  private holding = false;
  private otherTool = false;
  private unsafe = false;
  private stopped = false;

  frame(f: Frame): string[] {
    const e = parseEvent(f.data);
    if (f.data !== undefined && !e) this.unsafe = true;
    if (e) {
      const type = e.type;
      if (type === 'message_start' && this.round > 0) return []; // the client has its message already
      if (type === 'content_block_start') this.start(e);
      else if (type === 'content_block_delta') this.delta(e);
      else if (type === 'message_stop') this.stopped = true;
      else if (type === 'error') this.unsafe = true;
    }
    if (this.holding) {
      this.held.push({ frame: f, event: e });
      return [];
    }
    return [this.out({ frame: f, event: e })];
  }

  calls(): readonly RetrievalCall[] | undefined {
    if (!this.holding || this.otherTool || this.unsafe || !this.stopped) return undefined;
    const calls: RetrievalCall[] = [];
    for (const b of this.blocks.values()) {
      if (!b.retrieve) continue;
      const call = callFromArguments(str(b.start.id), b.json);
      if (!call) return undefined;
      calls.push(call);
    }
    return calls;
  }

  turns(results: readonly RetrievalResult[]): unknown[] {
    const content = [...this.blocks.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, b]) => asContent(b) ?? []);
    return [{ role: 'assistant', content }, resultTurn(results)];
  }

  flush(): string[] {
    const out = this.held.map((h) => this.out(h));
    this.held = [];
    return out;
  }

  advance(): string[] {
    // Held blocks other than our calls (text the model wrote after calling) still reach the client.
    const keep = this.held.filter((h) => {
      const type = h.event?.type;
      if (type !== 'content_block_start' && type !== 'content_block_delta' && type !== 'content_block_stop') return false;
      return !this.blocks.get(Number(h.event?.index))?.retrieve;
    });
    const out = keep.map((h) => this.out(h));
    this.round++;
    this.indexes = new Map();
    this.blocks = new Map();
    this.held = [];
    this.holding = this.otherTool = this.unsafe = this.stopped = false;
    return out;
  }

  private start(e: Obj): void {
    const index = e.index;
    const block = e.content_block;
    if (typeof index !== 'number' || !isObj(block) || this.blocks.has(index)) {
      this.unsafe = true;
      return;
    }
    const retrieve = isRetrieve(block);
    this.blocks.set(index, { start: block, retrieve, text: '', thinking: '', signature: '', json: '' });
    if (retrieve) this.holding = true;
    else if (TOOL_BLOCKS.has(str(block.type))) this.otherTool = true;
    else if (!KNOWN_BLOCKS.has(str(block.type))) this.unsafe = true;
  }

  private delta(e: Obj): void {
    const b = typeof e.index === 'number' ? this.blocks.get(e.index) : undefined;
    const d = e.delta;
    if (!b || !isObj(d)) {
      this.unsafe = true;
      return;
    }
    if (d.type === 'text_delta') b.text += str(d.text);
    else if (d.type === 'thinking_delta') b.thinking += str(d.thinking);
    else if (d.type === 'signature_delta') b.signature += str(d.signature);
    else if (d.type === 'input_json_delta') b.json += str(d.partial_json);
    else if (d.type !== 'citations_delta') this.unsafe = true;
  }

  /** An event for the client, its block index renumbered when the client's numbering differs. */
  private out(h: Held): string {
    const e = h.event;
    if (!e || typeof e.index !== 'number' || !String(e.type).startsWith('content_block_')) return h.frame.raw;
    let index = this.indexes.get(e.index);
    if (index === undefined) this.indexes.set(e.index, (index = this.nextIndex++));
    return index === e.index ? h.frame.raw : frameText(h.frame.event, { ...e, index });
  }
}

const contentOf = (answer: unknown): unknown[] => (isObj(answer) && Array.isArray(answer.content) ? answer.content : []);

/** Non-streamed Messages answers: one message whose content runs on through every round. */
export const anthropicJson: JsonEditor = {
  calls(answer) {
    const tools = contentOf(answer).filter((b) => isObj(b) && TOOL_BLOCKS.has(str(b.type)));
    if (tools.length === 0 || !tools.every(isRetrieve)) return undefined;
    const calls: RetrievalCall[] = [];
    for (const b of tools) {
      const call = isObj(b) ? callFromArguments(str(b.id), JSON.stringify(b.input ?? {})) : undefined;
      if (!call) return undefined;
      calls.push(call);
    }
    return calls;
  },
  turns(answer, results) {
    const content = contentOf(answer).filter((b) => !(isObj(b) && b.type === 'text' && b.text === ''));
    return [{ role: 'assistant', content }, resultTurn(results)];
  },
  merge(sofar, next) {
    if (!isObj(sofar) || !isObj(next)) return next;
    const content = [...contentOf(sofar).filter((b) => !isRetrieve(b)), ...contentOf(next)];
    return { ...next, id: sofar.id, content };
  },
};
