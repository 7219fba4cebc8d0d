import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './corpus.js';
import { tempDir } from './temp-dir.js';

// Runs the built CLI (bin/headroom) in a real process, as a user would.

export const BIN = path.join(REPO_ROOT, 'bin', 'headroom');

export interface Run {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export async function headroom(args: string[], opts: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const child = execFile(process.execPath, [BIN, ...args], {
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'buffer',
    env: { ...process.env, ...opts.env },
    ...(opts.cwd && { cwd: opts.cwd }),
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d));
  child.stderr!.on('data', (d: Buffer) => err.push(d));
  child.stdin!.end(opts.input ?? '');
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
}

/** An isolated HOME / XDG tree with its own store, so tests never touch the user's. */
export function isolatedEnv(store?: string): Record<string, string> {
  const home = tempDir('headroom-home-');
  // Agents a test starts keep their temp and socket folders here too: Claude Code
  // writes /tmp/claude-<uid> and /tmp/cc-socks unless these say where.
  const tmp = path.join(home, 'tmp');
  const runtime = path.join(home, 'run');
  fs.mkdirSync(tmp);
  fs.mkdirSync(runtime, { mode: 0o700 });
  return {
    HOME: home,
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    XDG_RUNTIME_DIR: runtime,
    CLAUDE_CODE_TMPDIR: tmp,
    ...(store ? { HEADROOM_STORE: store } : {}),
  };
}

/** Runs `fn` over items with at most `limit` at once. */
export async function inPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
