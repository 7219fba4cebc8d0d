import { render, useApp } from 'ink';
import { UsageError } from '../../cli/errors.js';
import type { Proposal } from '../types.js';
import { ApprovalScreen } from './approval-screen.js';
import type { ApprovalResult, Rebuild } from './approval-state.js';

// Puts the approval screen on a real terminal and gives back what the person
// decided. The terminal is handed back in cooked mode on every path: done,
// quit, Ctrl-C, or an error thrown while rendering.

export interface RunApprovalOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  /** false for NO_COLOR. */
  readonly color: boolean;
}

// Exits ink with the screen's result, so waitUntilExit resolves with it after
// the summary frame is drawn and raw mode is off.
function Runner(props: { proposals: readonly Proposal[]; rebuild: Rebuild; color: boolean }) {
  const { exit } = useApp();
  return <ApprovalScreen {...props} onDone={(result) => exit(result)} />;
}

export async function runApproval(proposals: readonly Proposal[], rebuild: Rebuild, o: RunApprovalOptions): Promise<ApprovalResult> {
  // A person must see every diff and press a key for it: without a terminal on
  // both ends nobody can, and nothing may be written.
  if (!o.stdin.isTTY || typeof o.stdin.setRawMode !== 'function') {
    throw new UsageError('approving changes needs an interactive terminal, and stdin is not one; nothing was written');
  }
  if (!o.stdout.isTTY) {
    throw new UsageError('approving changes needs an interactive terminal, and stdout is not one; nothing was written');
  }
  if (proposals.length === 0) return { decisions: [], quit: false, interrupted: false };

  // Ctrl-C is a key here (an interruption the caller honours), not ink's process exit.
  const app = render(<Runner proposals={proposals} rebuild={rebuild} color={o.color} />, {
    stdin: o.stdin,
    stdout: o.stdout,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  try {
    const result = (await app.waitUntilExit()) as ApprovalResult | undefined;
    // Unmounted without a result (a signal): an interruption.
    return result ?? { decisions: [], quit: true, interrupted: true };
  } finally {
    app.unmount();
    if (o.stdin.isRaw) o.stdin.setRawMode(false);
  }
}
