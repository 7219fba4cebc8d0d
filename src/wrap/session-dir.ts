import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from './types.js';

// A private folder per session for the few files an agent must read (settings
// overrides, a CA bundle). It is removed when the session ends; a folder left
// by a session that was killed is removed by the next one.

const PREFIX = 'wrap-';

function baseDir(env: Env): string {
  const runtime = env.XDG_RUNTIME_DIR;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return runtime && path.isAbsolute(runtime) ? path.join(runtime, 'headroom') : path.join(os.tmpdir(), `headroom-${uid}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes folders of sessions whose process is gone. */
function sweep(base: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^wrap-(\d+)-/.exec(name)?.[1]);
    if (pid && !alive(pid)) fs.rmSync(path.join(base, name), { recursive: true, force: true });
  }
}

export interface SessionDir {
  readonly path: string;
  write(name: string, content: string): string;
  remove(): void;
  /** Removes folders of killed sessions; called once the agent runs, off its start-up path. */
  sweepLeftovers(): void;
}

export function createSessionDir(env: Env): SessionDir {
  let base = baseDir(env);
  fs.mkdirSync(base, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(base);
  // A shared /tmp: never use a folder someone else made or can write to.
  const ours = st.isDirectory() && (typeof process.getuid !== 'function' || st.uid === process.getuid()) && (st.mode & 0o077) === 0;
  if (!ours) base = os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, `${PREFIX}${process.pid}-`));
  fs.chmodSync(dir, 0o700);
  return {
    path: dir,
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content, { mode: 0o600 });
      return file;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
    sweepLeftovers: () => {
      if (ours) sweep(base);
    },
  };
}
