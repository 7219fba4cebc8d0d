import { CONFIG_KEYS, type Config, ConfigError, loadConfig } from '../config/index.js';
import type { Store } from '../memory/types.js';
import { EXIT, ExitError, UsageError } from './errors.js';

// Opens the configured store for a command, turning configuration and store
// problems into messages that say what to do.

let warned = false;

/** Unknown keys, once per process however often the config is read: a typo is silently ignored otherwise. */
function warnUnknownKeys(config: Config): void {
  if (warned) return;
  warned = true;
  for (const u of config.unknownKeys ?? []) {
    const hint = u.closest ? `did you mean "${u.closest}"?` : `known keys: ${CONFIG_KEYS.join(', ')}`;
    process.stderr.write(`headroom: ${config.configFile}: unknown key "${u.key}" is ignored (${hint})\n`);
  }
}

/** The configuration, with a broken config file reported as the user's to fix. */
export function configuredOrExplain(): Config {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message, { cause: err });
    throw err;
  }
  warnUnknownKeys(config);
  return config;
}

/** `onWarning` defaults to stderr; `headroom wrap` sends warnings to its log while the agent owns the terminal. */
export async function openConfiguredStore(onWarning: (msg: string) => void = (msg) => process.stderr.write(`headroom: ${msg}\n`)): Promise<Store> {
  const config = configuredOrExplain();
  const { openStore } = await import('../memory/open-store.js');
  try {
    return await openStore(config, { onWarning });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ExitError(`cannot open the store (${config.store}): ${why}`, EXIT.failure, { cause: err });
  }
}
