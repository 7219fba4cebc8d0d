import type { Session } from '../learn/types.js';

// A transcript's steps rebuilt as the requests the agent sent, turn by turn:
// the conversation in the Anthropic Messages shape (user text, assistant
// tool_use, user tool_result), one request before each model turn. Every
// agent's sessions are replayed in this one shape: the live zone, decisions
// and compressors behind it are the same for every provider adapter.

export interface Block {
  readonly type: 'text' | 'tool_use' | 'tool_result';
  readonly [k: string]: unknown;
}

export interface Message {
  readonly role: 'user' | 'assistant';
  readonly content: Block[];
}

export interface ToolOutput {
  readonly id: string;
  readonly tool: string;
  readonly text: string;
}

export interface Conversation {
  readonly messages: readonly Message[];
  /** How many messages each request carried, in order (each ends with a user message). */
  readonly requests: readonly number[];
  /** When each request was sent (ms), when the transcript says: the cache lapses after 5 minutes. */
  readonly times: ReadonlyArray<number | undefined>;
  /** Tokens of the model's answer to each request, as far as the transcript shows it (its tool calls). */
  readonly answers: readonly string[];
  readonly outputs: readonly ToolOutput[];
}

function inputOf(json: string, command: string | undefined): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return command !== undefined ? { command } : {}; // clipped input: what it ran is what matters
  }
}

export function conversationOf(session: Session): Conversation {
  const messages: Message[] = [];
  const requests: number[] = [];
  const times: Array<number | undefined> = [];
  const answers: string[] = [];
  const outputs: ToolOutput[] = [];
  const tools = new Map<string, string>();
  let lastAt: number | undefined;

  const open = (role: Message['role']): Message => {
    const last = messages.at(-1);
    if (last?.role === role) return last;
    if (role === 'assistant' && last?.role === 'user') {
      // The model is called with everything so far: that is one request.
      requests.push(messages.length);
      times.push(lastAt);
      answers.push('');
    }
    const m: Message = { role, content: [] };
    messages.push(m);
    return m;
  };

  for (const step of session.steps) {
    if (step.at) lastAt = Date.parse(step.at) || lastAt;
    if (step.kind === 'user') {
      if (step.text.trim() === '') continue;
      open('user').content.push({ type: 'text', text: step.text });
    } else if (step.kind === 'call') {
      if (messages.length === 0) open('user').content.push({ type: 'text', text: '(the task)' });
      const block: Block = { type: 'tool_use', id: step.id, name: step.tool, input: inputOf(step.input, step.command) };
      open('assistant').content.push(block);
      answers[answers.length - 1] += JSON.stringify(block);
      tools.set(step.id, step.tool);
    } else {
      const tool = tools.get(step.id);
      if (tool === undefined) continue; // a result without its call cannot be placed
      open('user').content.push({ type: 'tool_result', tool_use_id: step.id, content: step.output, ...(step.isError && { is_error: true }) });
      outputs.push({ id: step.id, tool, text: step.output });
    }
  }
  // The last tool results went to the model once more, for its final answer.
  if (messages.at(-1)?.role === 'user' && messages.some((m) => m.role === 'assistant')) {
    requests.push(messages.length);
    times.push(lastAt);
    answers.push('');
  }
  return { messages, requests, times, answers, outputs };
}
