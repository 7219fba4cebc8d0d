import { type Config, ConfigError, loadConfig } from '../config/index.js';
import type { Store } from '../memory/types.js';
import { EXIT, ExitError, UsageError } from './errors.js';

// Opens the configured store for a command, turning configuration and store
// problems into messages that say what to do.

/** The configuration, with a broken config file reported as the user's to fix. */
export function configuredOrExplain(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message, { cause: err });
    throw err;
  }
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
