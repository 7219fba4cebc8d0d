import { corpusCase } from './corpus.js';

// A Claude Code conversation of Bash turns with real logs, as the agent sends
// it turn after turn: every request repeats the earlier messages byte for byte
// and adds one tool call and its result (the live zone).

type Message = { role: 'user' | 'assistant'; content: string | Array<Record<string, unknown>> };

/** A real log of about `chars` characters: a window of a loghub case of the shared corpus. */
export function realLog(name: 'loghub-hdfs' | 'loghub-hadoop' | 'loghub-zookeeper' | 'loghub-openssh' | 'loghub-bgl' | 'loghub-linux' | 'loghub-apache', chars = 80_000, from = 0): string {
  const input = corpusCase(`logs/${name}`).input;
  const start = input.indexOf('\n', from % Math.max(1, input.length - chars)) + 1;
  return input.slice(start, input.lastIndexOf('\n', start + chars) + 1);
}

/** The messages of a conversation whose Bash calls returned `outputs`, in order. */
export function bashTurns(outputs: readonly string[]): Message[] {
  const messages: Message[] = [{ role: 'user', content: 'Look at the job logs and tell me why the job failed.' }];
  outputs.forEach((output, i) => {
    messages.push({
      role: 'assistant',
      content: [{ type: 'tool_use', id: `toolu_${i}`, name: 'Bash', input: { command: `cat logs/part-${i}.log`, description: 'Show a log' } }],
    });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${i}`, content: output }] });
  });
  return messages;
}

/** The body Claude Code would send after the i-th output; the messages come last, so earlier turns are a byte prefix. */
export function claudeBody(outputs: readonly string[]): Buffer {
  return Buffer.from(JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 1024, stream: true, messages: bashTurns(outputs) }));
}

/**
 * Whether `next` repeats every message `prev` sent, byte for byte: with the
 * messages last, that is `prev` without its closing ']}' as a prefix.
 */
export function repeatsPrefix(prev: Buffer, next: Buffer): boolean {
  const head = prev.subarray(0, prev.length - 2);
  return prev.subarray(prev.length - 2).toString() === ']}' && next.subarray(0, head.length).equals(head);
}

/** One tool call and what it returned, for bodies of calls other than `cat`. */
export interface CallStep {
  readonly id: string;
  readonly tool: string;
  readonly input: Record<string, unknown>;
  readonly output: string;
}

/** The body Claude Code sends after these calls, one call per assistant turn. */
export function callsBody(steps: readonly CallStep[]): Buffer {
  const messages: Message[] = [{ role: 'user', content: 'Why did the job fail?' }];
  for (const s of steps) {
    messages.push({ role: 'assistant', content: [{ type: 'tool_use', id: s.id, name: s.tool, input: s.input }] });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: s.id, content: s.output }] });
  }
  return Buffer.from(JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 1024, stream: true, messages }));
}

/** A Bash call of `command` that printed `output`. */
export const bashCall = (id: string, command: string, output: string): CallStep => ({ id, tool: 'Bash', input: { command, description: 'Show the log' }, output });
