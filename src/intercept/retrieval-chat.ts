import type { JsonEditor, StreamEditor } from './retrieval-stream.js';
import { RETRIEVE_TOOL, type RetrievalCall, type RetrievalResult, callFromArguments } from './retrieval-tool.js';
import { type Frame, frameText } from './sse-frames.js';
import { type JsonObject as Obj, isJsonObject as isObj } from '../json-object.js';

// Chat Completions answers with headroom_retrieve calls in them. The client
// sees one stream: the first answer's chunks up to our call, then each
// continuation's chunks with `id` and `created` rewritten to the first
// answer's (SDK accumulators and loggers key a completion by id, so a second
// id mid-stream would look like a second completion), and only the last
// answer's finish chunk, usage chunk and [DONE]. The usage chunk the client
// reads is the last answer's; the proxy's own tap counts every answer.
// Only single-choice answers (n = 1) are edited.

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

interface Call {
  id: string;
  name: string;
  args: string;
}

interface Held {
  readonly frame: Frame;
  readonly chunk: Obj | undefined;
}

function parseChunk(data: string): Obj | undefined {
  try {
    const v: unknown = JSON.parse(data);
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const choicesOf = (v: unknown): unknown[] => (isObj(v) && Array.isArray(v.choices) ? v.choices : []);

/** A continuation's opening chunk (role, empty content): the client already had one. */
function roleOnly(chunk: Obj): boolean {
  const choices = choicesOf(chunk);
  const c = choices[0];
  if (choices.length !== 1 || !isObj(c) || c.finish_reason != null || !isObj(c.delta)) return false;
  return Object.entries(c.delta).every(([k, v]) => k === 'role' || (k === 'content' && (v === '' || v === null)));
}

function resultTurns(results: readonly RetrievalResult[]): Obj[] {
  return results.map((r) => ({ role: 'tool', tool_call_id: r.callId, content: r.text }));
}

export class ChatStreamEditor implements StreamEditor {
  private round = 0;
  private id: unknown;
  private created: unknown;
  private content = '';
  private toolCalls = new Map<number, Call>();
  private held: Held[] = [];
  private holding = false;
  private otherTool = false;
  private unsafe = false;
  private finished = false;

  frame(f: Frame): string[] {
    let chunk: Obj | undefined;
    if (f.data !== undefined && f.data.trim() !== '[DONE]') {
      chunk = parseChunk(f.data);
      if (!chunk) this.unsafe = true;
      else {
        if (this.round === 0 && this.id === undefined) {
          this.id = chunk.id;
          this.created = chunk.created;
        }
        this.read(chunk);
        if (this.round > 0 && roleOnly(chunk)) return [];
      }
    }
    if (this.holding) {
      this.held.push({ frame: f, chunk });
      return [];
    }
    return [this.out({ frame: f, chunk })];
  }

  calls(): readonly RetrievalCall[] | undefined {
    if (!this.holding || this.otherTool || this.unsafe || !this.finished) return undefined;
    const calls: RetrievalCall[] = [];
    for (const c of [...this.toolCalls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c)) {
      const call = c.name === RETRIEVE_TOOL ? callFromArguments(c.id, c.args) : undefined;
      if (!call) return undefined;
      calls.push(call);
    }
    return calls;
  }

  turns(results: readonly RetrievalResult[]): unknown[] {
    const tool_calls = [...this.toolCalls.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, c]) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } }));
    return [{ role: 'assistant', content: this.content === '' ? null : this.content, tool_calls }, ...resultTurns(results)];
  }

  flush(): string[] {
    const out = this.held.map((h) => this.out(h));
    this.held = [];
    return out;
  }

  advance(): string[] {
    // Text held back after our call started still reaches the client, without the call or the finish.
    const keep: string[] = [];
    for (const h of this.held) {
      const c = choicesOf(h.chunk)[0];
      if (!h.chunk || !isObj(c) || !isObj(c.delta) || str(c.delta.content) === '') continue;
      const text = { ...h.chunk, choices: [{ ...c, delta: { content: c.delta.content }, finish_reason: null }] };
      keep.push(this.out({ frame: h.frame, chunk: text }, true));
    }
    this.round++;
    this.content = '';
    this.toolCalls = new Map();
    this.held = [];
    this.holding = this.otherTool = this.unsafe = this.finished = false;
    return keep;
  }

  private read(chunk: Obj): void {
    const choices = choicesOf(chunk);
    if (choices.length > 1) this.unsafe = true;
    for (const c of choices) {
      if (!isObj(c) || c.index !== 0) {
        this.unsafe = true;
        continue;
      }
      if (c.finish_reason != null) this.finished = true;
      const d = c.delta;
      if (!isObj(d)) continue;
      this.content += str(d.content);
      for (const t of Array.isArray(d.tool_calls) ? d.tool_calls : []) this.toolDelta(t);
    }
  }

  private toolDelta(t: unknown): void {
    if (!isObj(t) || typeof t.index !== 'number') {
      this.unsafe = true;
      return;
    }
    const fn = isObj(t.function) ? t.function : {};
    let call = this.toolCalls.get(t.index);
    if (!call) {
      call = { id: str(t.id), name: str(fn.name), args: '' };
      this.toolCalls.set(t.index, call);
      // The name comes with a call's first delta: decide there whether to hold the answer back.
      if (call.name === RETRIEVE_TOOL) this.holding = true;
      else this.otherTool = true;
    }
    call.args += str(fn.arguments);
  }

  /** A chunk for the client: a continuation's carries the first answer's id and created. */
  private out(h: Held, changed = false): string {
    if (!h.chunk || (this.round === 0 && !changed)) return h.frame.raw;
    const chunk = this.round === 0 ? h.chunk : { ...h.chunk, id: this.id, created: this.created };
    return frameText(h.frame.event, chunk);
  }
}

const choiceOf = (answer: unknown): Obj | undefined => {
  const choices = choicesOf(answer);
  const c = choices[0];
  return choices.length === 1 && isObj(c) ? c : undefined;
};
const messageOf = (answer: unknown): Obj | undefined => {
  const m = choiceOf(answer)?.message;
  return isObj(m) ? m : undefined;
};

/** Non-streamed Chat answers: one completion whose message content runs on through every round. */
export const chatJson: JsonEditor = {
  calls(answer) {
    const m = messageOf(answer);
    const list = m && Array.isArray(m.tool_calls) ? m.tool_calls : [];
    const calls: RetrievalCall[] = [];
    for (const t of list) {
      const fn = isObj(t) && isObj(t.function) ? t.function : undefined;
      const call = isObj(t) && fn?.name === RETRIEVE_TOOL ? callFromArguments(str(t.id), str(fn.arguments)) : undefined;
      if (!call) return undefined;
      calls.push(call);
    }
    return calls.length > 0 ? calls : undefined;
  },
  turns(answer, results) {
    const m = messageOf(answer) ?? {};
    return [{ role: 'assistant', content: m.content ?? null, tool_calls: m.tool_calls }, ...resultTurns(results)];
  },
  merge(sofar, next) {
    const c = choiceOf(next);
    if (!isObj(sofar) || !isObj(next) || !c) return next;
    const m = isObj(c.message) ? c.message : {};
    const content = str(messageOf(sofar)?.content) + str(m.content);
    return { ...next, id: sofar.id, created: sofar.created, choices: [{ ...c, message: { ...m, content: content === '' ? (m.content ?? null) : content } }] };
  },
};
