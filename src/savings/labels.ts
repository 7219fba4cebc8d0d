import { DEFAULT_POLICY, LARGE_READ_TOKENS } from '../intercept/policy.js';
import type { Breakdown, SessionSavings } from './types.js';

// Words the table and the page share: how a session is named, and why file
// reads show no saving.

/** The parent's id of a subagent (whose id is "<parent>/agent-<its id>"), or the session's own. */
export function parentId(s: SessionSavings): string {
  const tail = s.subagent ? `/agent-${s.subagent}` : '';
  return tail && s.id.endsWith(tail) ? s.id.slice(0, -tail.length) : s.id;
}

/** "8463c716" for a session, "8463c716 subagent a2898e3" for one of its subagents: the two share an id. */
export function sessionName(s: SessionSavings, subagent = 'subagent'): string {
  const parent = parentId(s);
  // A UUID is told apart by its first 8 characters; other ids (Codex rollouts, Gemini) stay whole.
  const short = /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(parent) ? parent.slice(0, 8) : parent;
  return s.subagent ? `${short} ${subagent} ${s.subagent}` : short;
}

/** "2026-02-12 15:41" in UTC, or "" when the transcript has no times. */
export function startedAt(s: SessionSavings): string {
  return s.started ? `${s.started.slice(0, 10)} ${s.started.slice(11, 16)}` : '';
}

/** The tools the proxy leaves whole below LARGE_READ_TOKENS: file reads, which agents edit from. */
const READ_TOOLS = new Set(Object.entries(DEFAULT_POLICY.tools).filter(([, rule]) => typeof rule === 'object').map(([tool]) => tool));

/** Why reads saved nothing, when the report has reads that saved nothing; undefined otherwise. */
export function readsNote(byTool: readonly Breakdown[]): string | undefined {
  const reads = byTool.filter((b) => READ_TOOLS.has(b.name) && b.tokensBefore > 0 && b.tokensAfter >= b.tokensBefore).map((b) => b.name);
  if (reads.length === 0) return undefined;
  return (
    `File reads (${reads.join(', ')}) saved 0% by design: the proxy leaves reads under ${LARGE_READ_TOKENS.toLocaleString('en-US')} tokens whole, ` +
    `since agents edit from their exact text. {"tools": {"${reads[0]}": "compress"}} in the config file compresses them too.`
  );
}
