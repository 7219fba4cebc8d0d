import { spawn } from 'node:child_process';
import type { RunOptions, RunResult } from './run-result.js';
import { exitCodeOf } from './run-result.js';

// Without a terminal (CI, a pipe) the agent inherits our standard streams
// directly: no copy in between, so nothing is buffered, re-encoded or lost.
// node:child_process rather than execa here: execa takes ~120 ms to import,
// most of wrap's start-up budget, for features inherited stdio does not need.

const ALWAYS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];

export function runWithPipes(file: string, args: readonly string[], o: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { cwd: o.cwd, env: o.env, stdio: 'inherit' });
    // Ctrl-C at a terminal already reaches the whole foreground group, the
    // agent included; forwarding it again would make it a double Ctrl-C.
    const interactive = Boolean((process.stdout as NodeJS.WriteStream).isTTY || (process.stderr as NodeJS.WriteStream).isTTY);
    const forwarded = interactive ? ALWAYS : [...ALWAYS, 'SIGINT' as const];
    const onSignal = (signal: NodeJS.Signals) => child.kill(signal);
    const ignore = () => {};
    for (const s of forwarded) process.on(s, onSignal);
    if (interactive) process.on('SIGINT', ignore);
    const done = () => {
      for (const s of forwarded) process.off(s, onSignal);
      process.off('SIGINT', ignore);
    };
    child.once('spawn', () => child.pid !== undefined && o.onStart?.(child.pid));
    child.once('error', (err) => {
      done();
      reject(err);
    });
    child.once('exit', (code, signal) => {
      done();
      resolve({ exitCode: exitCodeOf(code, signal ?? undefined), ...(signal && { signal }) });
    });
  });
}
