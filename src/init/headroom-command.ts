import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOnPath } from '../wrap/find-binary.js';
import type { Env } from '../wrap/types.js';

/** bin/headroom of this installation. */
const OWN_BIN = fileURLToPath(new URL('../../bin/headroom', import.meta.url));

const real = (file: string): string => {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
};

/**
 * How the aliases should call headroom: plain `headroom` when that name on
 * PATH is this installation (npm i -g, npm link), else this installation's
 * full path, so the aliases work from a clone that is not on PATH too.
 */
export function headroomCommand(env: Env): string {
  const onPath = findOnPath('headroom', env);
  return onPath && real(onPath) === real(OWN_BIN) ? 'headroom' : OWN_BIN;
}
