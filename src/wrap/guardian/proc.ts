import fs from 'node:fs';

// What the kernel says about processes, read from /proc: enough to tell a
// session's processes from everyone else's, and a process from a later one
// that was given the same pid (its start time differs). Linux only: elsewhere
// every reader answers "unknown" and callers fall back to the pids they hold.

/** A process as recorded: its pid and, where the kernel tells it, its start time (clock ticks since boot). */
export interface ProcId {
  readonly pid: number;
  readonly start?: number;
}

export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  /** Session id: the pid of the session's leader (setsid). */
  readonly sid: number;
  readonly start: number;
}

export const HAS_PROC = fs.existsSync('/proc/self/stat');

/** The process as /proc/<pid>/stat shows it; undefined when it is gone or a zombie (already dead, not yet reaped). */
export function procInfo(pid: number): ProcInfo | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The name in parentheses may hold spaces and parentheses itself: fields start after the last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  if (f[0] === 'Z' || f[0] === 'X') return undefined;
  return { pid, ppid: Number(f[1]), sid: Number(f[3]), start: Number(f[19]) };
}

/** This process as a ProcId, for records others check later. */
export function selfId(pid = process.pid): ProcId {
  const start = procInfo(pid)?.start;
  return start === undefined ? { pid } : { pid, start };
}

/** True while the process recorded as `id` runs: same pid and, where known, same start time. */
export function isRunning(id: ProcId): boolean {
  if (HAS_PROC && id.start !== undefined) return procInfo(id.pid)?.start === id.start;
  try {
    process.kill(id.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every live process; empty without /proc. */
export function processTable(): ProcInfo[] {
  if (!HAS_PROC) return [];
  const out: ProcInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = procInfo(Number(name));
    if (info) out.push(info);
  }
  return out;
}

/**
 * True when the environment the process started with holds `entry` exactly
 * (`NAME=value`). Only processes of our own user can be read, which is what
 * a session can have started anyway.
 */
export function environHas(pid: number, entry: string): boolean {
  try {
    const env = fs.readFileSync(`/proc/${pid}/environ`);
    // Whole entries only: `\0NAME=value\0`, the file's edges counting as separators.
    return Buffer.concat([NUL, env, NUL]).includes(`\0${entry}\0`);
  } catch {
    return false;
  }
}

const NUL = Buffer.from([0]);
