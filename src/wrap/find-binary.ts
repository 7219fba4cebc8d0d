import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from './types.js';

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Every executable of that name on PATH, in the order the shell would try them. */
export function candidatesOnPath(name: string, env: Env): string[] {
  if (name.includes('/')) return executable(name) ? [path.resolve(name)] : [];
  const out: string[] = [];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (executable(file)) out.push(file);
  }
  return out;
}

/** The agent's executable as the shell would find it on PATH, or undefined. */
export function findOnPath(name: string, env: Env): string | undefined {
  return candidatesOnPath(name, env)[0];
}

/** bin/headroom of this installation: a `claude` that is a link to it is headroom, not Claude Code. */
const OWN_BIN = fileURLToPath(new URL('../../bin/headroom', import.meta.url));

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * True for a script that runs `headroom wrap` (a `claude` shim of the user's
 * that means "always wrap"): launching it from wrap would start wrap again,
 * and again. Only small text files are read; a real agent binary is not.
 */
export function isHeadroomShim(file: string): boolean {
  if (realpath(file) === realpath(OWN_BIN)) return true;
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(4096);
      head = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  if (head.subarray(0, 2).toString('latin1') !== '#!' || head.includes(0)) return false;
  return /\bheadroom\b[^\n]*\bwrap\b/.test(head.toString('utf8'));
}

export interface AgentLookup {
  /** The first executable on PATH that is not one of headroom's own shims. */
  readonly binary?: string;
  /** Shims skipped on the way, in PATH order. */
  readonly shims: readonly string[];
}

/** The agent as the shell would find it, skipping scripts that run `headroom wrap` themselves. */
export function findAgent(name: string, env: Env): AgentLookup {
  const shims: string[] = [];
  for (const file of candidatesOnPath(name, env)) {
    if (!isHeadroomShim(file)) return { binary: file, shims };
    shims.push(file);
  }
  return { shims };
}
