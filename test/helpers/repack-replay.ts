import fs from 'node:fs';
import path from 'node:path';
import { anthropicAdapter } from '../../src/intercept/providers/anthropic.js';
import { createInlineRunner } from '../../src/intercept/pool/index.js';
import { createProxySession, rewriteRequest } from '../../src/intercept/rewrite.js';
import { claudeTranscripts } from '../../src/learn/transcripts/claude.js';
import { withOutputLimit } from '../../src/learn/transcripts/transcript-io.js';
import type { Session } from '../../src/learn/types.js';
import type { Store } from '../../src/memory/types.js';
import { conversationOf } from '../../src/savings/conversation.js';

// A real session's requests sent through the rewriter in order, on a clock
// made of its transcript's own timestamps (plus, where a test says so, a
// pause before a request: the user stepping away). What went up is kept turn
// by turn, for the cache-safety checks of the repack tests.

export const FIVE_MINUTES = 5 * 60_000;

export async function readClaudeSessions(file: string): Promise<Session[]> {
  return withOutputLimit(Number.MAX_SAFE_INTEGER, () => claudeTranscripts.read(file));
}

export function sessionFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
}

export interface SentRequest {
  /** Each turn's JSON as it went up. */
  readonly turns: string[];
  /** The clock's time of the request (NaN when the transcript does not say). */
  readonly at: number;
  readonly repacked: boolean;
}

/** A replay's requests; `from`/`to` pick a range (a restart test sends a session in two parts, each with its own proxy). */
export function requestsOf(session: Session, pauses: ReadonlyMap<number, number> = new Map()): Array<{ body: Buffer; at: number }> {
  const conv = conversationOf(session);
  let shift = 0;
  return conv.requests.map((n, r) => {
    shift += pauses.get(r) ?? 0;
    const t = conv.times[r];
    const body = Buffer.from(JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 32_000, stream: true, messages: conv.messages.slice(0, n) }));
    return { body, at: t === undefined ? Number.NaN : t + shift };
  });
}

/** Sends requests [from, to) through one proxy session on `store`, closed afterwards (a restart between calls). */
export async function sendAll(
  store: Store,
  hint: string,
  requests: ReadonlyArray<{ body: Buffer; at: number }>,
  from = 0,
  to = requests.length,
  repackBudgetMs = 60_000,
): Promise<SentRequest[]> {
  let clock = Number.NaN;
  const proxy = createProxySession({ store, budgetMs: 60_000, repackBudgetMs, runner: createInlineRunner(), clock: () => clock });
  const sent: SentRequest[] = [];
  try {
    for (let r = from; r < to; r++) {
      const { body, at } = requests[r]!;
      clock = at;
      const out = await rewriteRequest(body, 'POST', '/v1/messages', proxy, hint);
      if (out.failOpen) throw new Error(`request ${r} failed open: ${out.failOpen}`);
      const text = out.body.toString('utf8');
      const spans = anthropicAdapter.parse(text, '/v1/messages').turnSpans!;
      sent.push({ turns: spans.map((s) => text.slice(s.start, s.end)), at, repacked: out.repacked === true });
    }
  } finally {
    await proxy.close();
  }
  return sent;
}
