import fs from 'node:fs';

// Rebuilds the requests a Claude Code session sent, turn by turn, from its
// transcript: each time the assistant answers, the request it answered held
// every message before that answer. Consecutive records of one role merge
// into one message, as the API requires alternating roles.

type Block = Record<string, unknown>;
export interface Message {
  role: 'user' | 'assistant';
  content: Block[];
}

function blocks(content: unknown): Block[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? (content as Block[]).filter((b) => b && typeof b === 'object') : [];
}

/** The messages of every request of the session, oldest first. */
export function requestsOf(transcriptFile: string): Message[][] {
  const messages: Message[] = [];
  const requests: Message[][] = [];
  for (const line of fs.readFileSync(transcriptFile, 'utf8').split('\n')) {
    let r: { type?: string; message?: { role?: string; content?: unknown } };
    try {
      r = JSON.parse(line) as typeof r;
    } catch {
      continue; // cut or malformed line: the window of a long session may start mid-record
    }
    const role = r.message?.role;
    if ((r.type !== 'user' && r.type !== 'assistant') || (role !== 'user' && role !== 'assistant')) continue;
    const content = blocks(r.message!.content).filter((b) => b.type !== 'thinking' && b.type !== 'redacted_thinking');
    if (content.length === 0) continue;
    const last = messages.at(-1);
    if (role === 'assistant' && last?.role === 'user') requests.push(structuredClone(messages));
    if (last && last.role === role) last.content.push(...content);
    else if (messages.length > 0 || role === 'user') messages.push({ role, content });
  }
  return requests.filter((m) => m.length > 0 && m[0]!.role === 'user');
}

/** An Anthropic Messages body like Claude Code's: messages first, then system and tools. */
export function anthropicBody(messages: Message[]): string {
  return JSON.stringify({
    model: 'claude-opus-4-6',
    messages,
    system: [{ type: 'text', text: 'You are Claude Code.' }],
    tools: [{ name: 'Bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
    max_tokens: 32000,
    stream: true,
  });
}
