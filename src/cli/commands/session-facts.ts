import type { Config } from '../../config/index.js';
import { EXIT, ExitError } from '../errors.js';

/** How many facts a session starts with: enough for a project's standing rules, few enough to stay a short block. */
const TOP = 15;

/** `headroom wrap --memory`: the project's top facts as one block, read once before the agent starts; undefined when there are none. */
export async function sessionFacts(config: Config, cwd: string): Promise<string | undefined> {
  const { openFactStore, projectScope, renderSessionFacts } = await import('../../facts/index.js');
  let store;
  try {
    store = await openFactStore({ store: config.store, dataDir: config.dataDir });
  } catch (err) {
    throw new ExitError(`--memory: cannot open the memory store (${config.store}): ${err instanceof Error ? err.message : String(err)}; run without --memory, or fix the store`, EXIT.failure, { cause: err });
  }
  try {
    return renderSessionFacts(await store.top(projectScope(cwd), TOP));
  } finally {
    await store.close();
  }
}
