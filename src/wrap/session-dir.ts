import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from './types.js';

// A private folder per session for the few files an agent must read (settings
// overrides, a CA bundle). It is removed when the session ends; a folder left
// by a session that was killed is removed by the next one. It lives in
// $XDG_RUNTIME_DIR, else under headroom's state folder, and only as a last
// resort in the shared temp folder: some agents (Gemini CLI) refuse settings
// in a folder with any parent others can write to, /tmp included.

const PREFIX = 'wrap-';
const uid = () => (typeof process.getuid === 'function' ? process.getuid() : undefined);

function baseDirs(env: Env, stateDir: string): string[] {
  const runtime = env.XDG_RUNTIME_DIR;
  return [
    ...(runtime && path.isAbsolute(runtime) ? [path.join(runtime, 'headroom')] : []),
    path.join(stateDir, 'run'),
    path.join(os.tmpdir(), `headroom-${uid() ?? 0}`),
  ];
}

/** Made (or found) as a folder of ours that nobody else can write to. */
function ownFolder(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    return st.isDirectory() && (uid() === undefined || st.uid === uid()) && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** The nearest folder above `dir` that group or others can write to (a sticky /tmp counts), or undefined. */
export function writableParent(dir: string): string | undefined {
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    try {
      if ((fs.statSync(p).mode & 0o022) !== 0) return p;
    } catch {
      return p;
    }
    if (p === path.dirname(p)) return undefined;
  }
}

/** True when no folder above `dir` can be written by group or others. */
export function privatePath(dir: string): boolean {
  return writableParent(dir) === undefined;
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
  /** No parent of it is writable by others: agents that check where their settings come from accept it. */
  readonly private: boolean;
  write(name: string, content: string): string;
  remove(): void;
  /** Removes folders of killed sessions; called once the agent runs, off its start-up path. */
  sweepLeftovers(): void;
}

export function createSessionDir(env: Env, stateDir: string): SessionDir {
  // Never a folder someone else made or can write to; the shared temp folder itself as the very last resort.
  const base = baseDirs(env, stateDir).find(ownFolder);
  const dir = fs.mkdtempSync(path.join(base ?? os.tmpdir(), `${PREFIX}${process.pid}-`));
  fs.chmodSync(dir, 0o700);
  return {
    path: dir,
    private: privatePath(dir),
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content, { mode: 0o600 });
      return file;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
    sweepLeftovers: () => {
      if (base) sweep(base);
    },
  };
}
