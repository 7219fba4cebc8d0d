import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { endSessionProcesses, isRunning, readRecord } from './guardian/index.js';
import type { Env } from './types.js';

// A private folder per session for the few files an agent must read (settings
// overrides, a CA bundle, the session record). It is removed when the session
// ends, by its guardian when wrap was killed, or else by the next session,
// which also ends whatever the dead session left running. It lives in
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

/**
 * Ends what sessions whose wrap is dead left behind, then removes their
 * folders. Their guardian normally did it already; this covers a guardian
 * that was killed too. A folder without a record (an older headroom's, or one
 * whose wrap died before writing it, so before its agent started) goes when
 * the pid in its name is gone.
 */
async function sweep(base: string, own: string): Promise<void> {
  let names: string[];
  try {
    names = fs.readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(base, name);
    if (!name.startsWith(PREFIX) || dir === own) continue;
    const record = readRecord(dir);
    if (record) {
      if (isRunning(record.wrap)) continue;
      await endSessionProcesses(record);
      // A guardian still there would hold the dead session's port: nothing of the session is left to protect.
      if (record.guardian && isRunning(record.guardian)) killNow(record.guardian.pid);
    } else {
      const pid = Number(/^wrap-(\d+)-/.exec(name)?.[1]);
      if (!pid || isRunning({ pid })) continue;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function killNow(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}

export interface SessionDir {
  readonly path: string;
  /** No parent of it is writable by others: agents that check where their settings come from accept it. */
  readonly private: boolean;
  write(name: string, content: string): string;
  remove(): void;
  /** Ends what killed sessions left running and removes their folders; called once the agent runs, off its start-up path. */
  sweepLeftovers(): Promise<void>;
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
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 }); // `memory/AGENTS.md`: a folder holding that file alone
      fs.writeFileSync(file, content, { mode: 0o600 });
      return file;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
    sweepLeftovers: async () => {
      if (base) await sweep(base, dir);
    },
  };
}
