import { countTokens } from '../compressors/index.js';
import { callShape } from '../intercept/backoff/index.js';
import type { ToolPolicy } from '../intercept/policy.js';
import type { Session, Step } from '../learn/types.js';
import { conversationOf } from './conversation.js';
import type { OutputRecord, Replayed } from './replay.js';
import type { RetrievalCost } from './types.js';

// What compression cost back (issue 14, honest accounting): a session run
// under headroom holds the round trips its markers caused, calls fetching an
// original back (`headroom_retrieve` by MCP or the proxy, `headroom retrieve`
// in a shell) and their answers, often a whole extra turn. Without headroom
// they would not have happened, so the "before" side is the session replayed
// without them, the "after" side the session as it ran: the difference is
// what the retrievals cost, subtracted from the savings.

type Replay = (session: Session, policy?: ToolPolicy) => Promise<Replayed>;

/** The ids of the session's calls that fetched an original back. */
export function retrievalCallIds(session: Session): Set<string> {
  const ids = new Set<string>();
  for (const s of session.steps) {
    if (s.kind !== 'call') continue;
    // The parser's command first: a shell call's input may be clipped, its command is not.
    const input = s.command !== undefined ? JSON.stringify({ command: s.command }) : s.input;
    if (callShape(s.tool, input).kind === 'retrieve') ids.add(s.id);
  }
  return ids;
}

/** The session as it would have run without headroom: its retrieval calls and their results dropped. */
export function withoutRetrievals(session: Session, ids: ReadonlySet<string>): Session {
  const steps: Step[] = session.steps.filter((s) => s.kind === 'user' || !ids.has(s.id));
  return { ...session, steps };
}

/**
 * Replays a session and, when it holds retrievals, once more without them:
 * costs and tool-output tokens "before" come from that second replay, so the
 * savings reported are net of the round trips.
 */
export async function replayAccounted(session: Session, replay: Replay, policy?: ToolPolicy): Promise<Replayed> {
  const ids = retrievalCallIds(session);
  const full = await replay(session, policy);
  if (ids.size === 0) return full;
  const bare = await replay(withoutRetrievals(session, ids), policy);
  let tokens = 0;
  for (const s of session.steps) {
    if (s.kind === 'user' || !ids.has(s.id)) continue;
    tokens += await countTokens(s.kind === 'call' ? s.input : s.output);
  }
  const retrievals: RetrievalCost = {
    calls: ids.size,
    turns: full.savings.requests - bare.savings.requests,
    tokens,
    cost: full.savings.costAfter.total - bare.savings.costAfter.total,
  };
  // A retrieval's answer is tool output that only exists because of compression: nothing before, all of it after.
  // The replay lists outputs in the conversation's order.
  const order = conversationOf(session).outputs;
  const outputs: OutputRecord[] = full.outputs.map((o, i) => (ids.has(order[i]?.id ?? '') ? { ...o, tokensBefore: 0, tokensAfter: o.tokensBefore } : o));
  return {
    savings: {
      ...full.savings,
      outputTokensBefore: outputs.reduce((n, o) => n + o.tokensBefore, 0),
      outputTokensAfter: outputs.reduce((n, o) => n + o.tokensAfter, 0),
      before: bare.savings.before,
      costBefore: bare.savings.costBefore,
      retrievals,
    },
    outputs,
  };
}
