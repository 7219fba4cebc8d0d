import type { Attempt } from './episodes.js';
import { clip } from './signals.js';

// What every rule maker returns, and the small helpers they share.

export interface Finding {
  readonly key: string;
  readonly rule: string;
  /** The call that worked instead, when there was one. */
  readonly fix?: Attempt;
  readonly fromUser: boolean;
  /** How many failures the finding stands for, when more than its own (a loop of retries). */
  readonly times?: number;
  /** The fix the failing tool suggested in its output, when the agent's own fix is not in the transcript. */
  readonly hint?: string;
  /**
   * The cause is known and holds beyond this session (the environment, a hook,
   * the tool's own rule, the user's refusal): worth proposing after one time.
   * Other findings (a flag that fixed a command, an edit that got it past an
   * error) wait for --min-count sightings.
   */
  readonly strong?: boolean;
  /**
   * A one-off mistake (a guessed path that did not exist): however often it
   * happened, proposed only when every sighting is asked for (--min-count 1).
   */
  readonly oneOff?: boolean;
}

const SHELL = /^(?:Bash|bash|shell|exec|exec_command|run_shell_command|local_shell|run|terminal|execute)$/i;
export const isShell = (a: Attempt): boolean => a.call.command !== undefined && (SHELL.test(a.call.tool) || a.call.command !== '');
export const ok = (a: Attempt): boolean => a.result !== undefined && !a.failed;
export const code = (s: string): string => `\`${clip(s, 80).replace(/`/g, "'")}\``;
export const base = (p: string): string => p.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '');
