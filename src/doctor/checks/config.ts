import fs from 'node:fs';
import { type Config, ConfigError, loadConfig, HEADROOM_VARIABLES } from '../../config/index.js';
import { closestName } from '../../config/closest.js';
import { type Env, type Finding, note, ok, problem } from '../types.js';

/** The config file parsed as every command parses it, unknown keys named; HEADROOM_* variables nobody reads. */
export function checkConfig(env: Env): { findings: Finding[]; config?: Config } {
  const findings: Finding[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const file = env.HEADROOM_CONFIG || 'the config file';
    findings.push(problem('config', err.message, `fix it in an editor, or move it aside: mv ${file} ${file}.bak`));
  }
  if (config) {
    const exists = fs.existsSync(config.configFile);
    findings.push(ok('config', exists ? `${config.configFile}: read` : `no config file (${config.configFile}): the defaults apply`, { file: config.configFile, exists }));
    for (const u of config.unknownKeys ?? []) {
      findings.push(
        problem(
          'config',
          `${config.configFile}: unknown key "${u.key}" is ignored${u.closest ? ` (did you mean "${u.closest}"?)` : ''}`,
          u.closest ? `rename "${u.key}" to "${u.closest}" in ${config.configFile}` : `remove "${u.key}" from ${config.configFile}`,
          { key: u.key, ...(u.closest && { closest: u.closest }) },
        ),
      );
    }
  }
  for (const name of Object.keys(env).filter((k) => k.startsWith('HEADROOM_')).sort()) {
    if ((HEADROOM_VARIABLES as readonly string[]).includes(name)) continue;
    const near = closestName(name, HEADROOM_VARIABLES);
    findings.push(
      near
        ? problem('config', `${name} is set but nothing reads it (did you mean ${near}?)`, `export ${near}="$${name}"; unset ${name}`, { variable: name, closest: near })
        : note('config', `${name} is set but nothing in headroom reads it`, { variable: name }),
    );
  }
  return { findings, ...(config && { config }) };
}
