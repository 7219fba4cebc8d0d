import { errorLine, isCollateral, isFailure } from './signals.js';
import type { Session, ToolCall, ToolResult, UserTurn } from './types.js';

// A session read as episodes: each failed call with what came after it (the
// calls that followed until the user spoke, and whether they worked), and
// each thing the user said to correct or stop the agent.

export interface Attempt {
  readonly call: ToolCall;
  readonly result?: ToolResult;
  readonly failed: boolean;
}

export interface FailureEpisode {
  readonly kind: 'failure';
  readonly session: Session;
  readonly attempt: Attempt;
  readonly error: string;
  /** The attempts after it, in order, up to the next thing the user said (at most a dozen). */
  readonly after: readonly Attempt[];
}

export interface UserEpisode {
  readonly kind: 'user';
  readonly session: Session;
  readonly turn: UserTurn;
  /** The call the user was reacting to, if any. */
  readonly previous?: Attempt;
}

export type Episode = FailureEpisode | UserEpisode;

const WINDOW = 12;

export function episodesOf(session: Session): Episode[] {
  // Calls with their results, in call order; user turns in between.
  const results = new Map<string, ToolResult>();
  for (const s of session.steps) if (s.kind === 'result') results.set(s.id, s);
  const timeline: Array<Attempt | UserTurn> = [];
  for (const s of session.steps) {
    if (s.kind === 'call') {
      const result = results.get(s.id);
      timeline.push({ call: s, ...(result && { result }), failed: result !== undefined && isFailure(result) && !isCollateral(result) });
    } else if (s.kind === 'user') timeline.push(s);
  }

  const out: Episode[] = [];
  let previous: Attempt | undefined;
  for (let i = 0; i < timeline.length; i++) {
    const item = timeline[i]!;
    if ('kind' in item) {
      out.push({ kind: 'user', session, turn: item, ...(previous && { previous }) });
      continue;
    }
    previous = item;
    if (!item.failed || !item.result) continue;
    const after: Attempt[] = [];
    for (let j = i + 1; j < timeline.length && after.length < WINDOW; j++) {
      const next = timeline[j]!;
      if ('kind' in next) {
        if (next.text.trim() !== '' && !next.interrupted) break; // the user changed the subject
        continue;
      }
      after.push(next);
    }
    out.push({ kind: 'failure', session, attempt: item, error: errorLine(item.result.output), after });
  }
  return out;
}
