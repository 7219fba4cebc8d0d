import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/index.js';
import { type Env, type Finding, note, octal, ok, problem } from '../types.js';

// headroom's XDG folders: config, data (the store, the CA), state (logs,
// saved proposals, session folders). Owner-only, 0700, or nothing yet.

const VARS = ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR'] as const;

export function checkFolders(config: Config, env: Env): Finding[] {
  const out: Finding[] = [];
  for (const name of VARS) {
    const v = env[name];
    // The XDG spec says a relative value is invalid and must be ignored; headroom does.
    if (v && !path.isAbsolute(v)) out.push(note('folders', `${name}=${v} is not an absolute path, so it is ignored`, { variable: name }));
  }
  const folders: Array<[string, string]> = [
    ['config', path.dirname(config.configFile)],
    ['data', config.dataDir],
    ['state', config.stateDir],
  ];
  for (const [what, dir] of folders) {
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      out.push(ok('folders', `${what}: ${dir} (not created yet)`, { what, dir, exists: false }));
      continue;
    }
    const mode = st.mode & 0o777;
    const data = { what, dir, exists: true, mode: octal(mode) };
    if (!st.isDirectory()) out.push(problem('folders', `${what}: ${dir} is not a folder`, `mv ${dir} ${dir}.old`, data));
    else if ((mode & 0o077) !== 0) {
      // headroom makes data and state 0700; the config folder is the user's own, and only holds secrets when a Redis URL has a password.
      out.push(
        what === 'config'
          ? { ...note('folders', `${what}: ${dir} is ${octal(mode)}: others can read a Redis password in the config file`, data), fix: `chmod 700 ${dir}` }
          : problem('folders', `${what}: ${dir} is ${octal(mode)}: others can look inside`, `chmod 700 ${dir}`, data),
      );
    }
    else out.push(ok('folders', `${what}: ${dir} (${octal(mode)})`, data));
  }
  return out;
}
