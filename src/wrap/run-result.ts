import os from 'node:os';

export interface RunOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  /** Called with the agent's pid once it runs. */
  readonly onStart?: (pid: number) => void;
}

export interface RunResult {
  /** What `headroom wrap` exits with: the agent's code, or 128 + signal number as a shell reports it. */
  readonly exitCode: number;
  readonly signal?: NodeJS.Signals;
}

export function exitCodeOf(code: number | undefined | null, signal: NodeJS.Signals | undefined): number {
  if (signal) return 128 + (os.constants.signals[signal] ?? 0);
  return typeof code === 'number' ? code : 1;
}
