import type { ToolOutput } from '../providers/types.js';
import { callTarget } from './targets.js';

// Outputs a later call made stale (issue 14, lever 1): a file read again (the
// whole file, or the same part) or changed since, a command run again since.
// Each names the newest call that stands in for it; a call that failed stands
// in for nothing. Pure: the request alone
// decides, so the same request always gives the same answer.

export type SupersededReason = 'read again' | 'edited' | 'run again';

export interface Superseded {
  /** The newest later call that supersedes it. */
  readonly by: string;
  readonly reason: SupersededReason;
}

/** A later call that may supersede earlier ones, with its literal's size in bytes. */
interface Candidate extends Superseded {
  readonly size: number;
}

/** Claude Code's Bash result for a command that ran and exited non-zero (one that never ran says "<tool_use_error>..."). */
const RAN_AND_FAILED = /^Exit code \d+/;

/** A read again must be at least this share of the earlier one's size to stand in for it. */
const SHRUNK = 0.5;

/** For each output, the call that supersedes it, or undefined. Outputs without a call id never take part. */
export function supersededBy(outputs: readonly ToolOutput[]): Array<Superseded | undefined> {
  const result: Array<Superseded | undefined> = new Array(outputs.length).fill(undefined);
  // Walking back from the newest: the first later call met for a subject is the newest one.
  const wholeOrEdit = new Map<string, Candidate>();
  const part = new Map<string, Candidate>();
  const runs = new Map<string, Candidate>();
  for (let i = outputs.length - 1; i >= 0; i--) {
    const o = outputs[i]!;
    if (o.callId === undefined) continue;
    const t = callTarget(o.tool, o.input);
    if (!t) continue;
    const by = o.callId;
    const size = o.end - o.start;
    const later = (s: Candidate | undefined): Superseded | undefined => {
      if (!s || s.by === by) return undefined;
      // A read again that came back much smaller (Claude Code's "unchanged since your last Read" stub) does not stand in for this one.
      if (t.kind === 'read' && s.reason === 'read again' && s.size < size * SHRUNK) return undefined;
      return { by: s.by, reason: s.reason };
    };
    // A failed call changed nothing and shows nothing newer: it supersedes nothing. A command that ran and failed is its newest result.
    const stands = !o.isError || (t.kind === 'run' && RAN_AND_FAILED.test(o.text.slice(0, 32)));
    const mine: Candidate | undefined = stands ? { by, reason: t.kind === 'run' ? 'run again' : t.kind === 'edit' ? 'edited' : 'read again', size } : undefined;
    if (t.kind === 'run') {
      result[i] = later(runs.get(t.command));
      if (mine && !runs.has(t.command)) runs.set(t.command, mine);
    } else if (t.kind === 'edit') {
      if (mine && !wholeOrEdit.has(t.file)) wholeOrEdit.set(t.file, mine);
    } else {
      const key = `${t.file}\0${t.range ?? ''}`;
      result[i] = later(wholeOrEdit.get(t.file)) ?? (t.range !== undefined ? later(part.get(key)) : undefined);
      if (!mine) continue;
      if (t.range === undefined) {
        if (!wholeOrEdit.has(t.file)) wholeOrEdit.set(t.file, mine);
      } else if (!part.has(key)) part.set(key, mine);
    }
  }
  return result;
}
