import { ConfigError, loadConfig } from '../config/index.js';
import type { Store } from '../memory/types.js';
import { ExitError, UsageError } from './errors.js';
import { EXIT } from './errors.js';

// Opens the configured store for a command, turning configuration and store
// problems into messages that say what to do.

export async function openConfiguredStore(): Promise<Store> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message, { cause: err });
    throw err;
  }
  const { openStore } = await import('../memory/open-store.js');
  try {
    return await openStore(config, { onWarning: (msg) => process.stderr.write(`headroom: ${msg}\n`) });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ExitError(`cannot open the store (${config.store}): ${why}`, EXIT.failure, { cause: err });
  }
}
