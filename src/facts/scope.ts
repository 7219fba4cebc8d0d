import fs from 'node:fs';
import path from 'node:path';
import type { Scope } from './types.js';

// A project is its git root, so every agent started anywhere in the checkout
// (and every worktree's own root) shares the same facts. Outside git, the
// folder itself is the project.

/** The git root above `cwd` (a `.git` folder or file), else `cwd`; real paths, so symlinked checkouts agree. */
export function projectScope(cwd: string): Scope {
  let dir = realpath(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return realpath(cwd);
    dir = up;
  }
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
