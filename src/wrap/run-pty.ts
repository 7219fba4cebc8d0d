import os from 'node:os';
import type { RunOptions, RunResult } from './run-result.js';
import { exitCodeOf } from './run-result.js';

// The agent under a pseudo-terminal of its own, bridged to ours byte for byte:
// our terminal goes raw so every key (Ctrl-C included) reaches the agent's
// line discipline, which turns it into the agent's own signal; window sizes
// follow ours; the agent's output is written as it comes, with backpressure.

// In raw mode the terminal sends no signals of its own; any that reach us came from kill(1) and belong to the agent.
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export async function runInPty(file: string, args: readonly string[], o: RunOptions): Promise<RunResult> {
  const pty = await import('node-pty');
  const stdin = o.stdin as NodeJS.ReadStream;
  const stdout = o.stdout as NodeJS.WriteStream;
  const term = pty.spawn(file, [...args], {
    name: o.env.TERM || 'xterm-256color',
    cols: stdout.columns || 80,
    rows: stdout.rows || 24,
    cwd: o.cwd,
    env: o.env,
    encoding: null, // Buffers both ways: what the agent draws is not re-decoded
  });
  o.onStart?.(term.pid);

  const wasRaw = stdin.isRaw;
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.resume();
  const onInput = (data: Buffer) => term.write(data);
  stdin.on('data', onInput);
  const onResize = () => term.resize(Math.max(1, stdout.columns || 80), Math.max(1, stdout.rows || 24));
  stdout.on('resize', onResize);
  const onSignal = (signal: NodeJS.Signals) => term.kill(signal);
  for (const s of FORWARDED) process.on(s, onSignal);

  let paused = false;
  const data = term.onData((chunk: string | Buffer) => {
    if (!stdout.write(chunk) && !paused) {
      paused = true;
      term.pause();
      stdout.once('drain', () => {
        paused = false;
        term.resume();
      });
    }
  });

  const exit = await new Promise<{ exitCode: number; signal?: number }>((resolve) => term.onExit(resolve));
  data.dispose();
  stdin.off('data', onInput);
  stdout.off('resize', onResize);
  for (const s of FORWARDED) process.off(s, onSignal);
  if (stdin.isTTY) stdin.setRawMode(wasRaw);
  stdin.pause();
  const signal = exit.signal ? signalName(exit.signal) : undefined;
  return { exitCode: exitCodeOf(exit.exitCode, signal), ...(signal && { signal }) };
}

function signalName(n: number): NodeJS.Signals | undefined {
  return (Object.entries(os.constants.signals) as Array<[NodeJS.Signals, number]>).find(([, v]) => v === n)?.[0];
}
