import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';

/**
 * `--from PATH` of learn and savings, checked before any scan: a path that is
 * not there is a typo to fix, not a folder with no sessions in it.
 */
export function checkFromPath(from: string | undefined, cwd: string): void {
  if (from === undefined) return;
  if (from.trim() === '') throw new UsageError('--from needs a transcript file or a folder of them');
  if (!fs.existsSync(path.resolve(cwd, from))) {
    throw new UsageError(`--from ${from}: no such file or folder. Give a transcript file or a folder of them (for example ~/.claude/projects), or leave --from out to read this folder's sessions`);
  }
}
