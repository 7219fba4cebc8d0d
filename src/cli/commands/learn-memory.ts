import { openFactStore, saveLearnedRules } from '../../facts/index.js';
import { configuredOrExplain } from '../open-store.js';
import { cliSession } from './memory.js';

/** `headroom learn --memory`: the rules just written also go to the memory store; a store that cannot open is said, not fatal (the files are written). */
export async function rulesToMemory(written: ReadonlyArray<{ readonly file: string; readonly rules: readonly string[] }>): Promise<void> {
  const config = configuredOrExplain();
  let store;
  try {
    store = await openFactStore({ store: config.store, dataDir: config.dataDir });
  } catch (err) {
    process.stderr.write(`headroom learn: the rules were written, but not saved to memory: ${err instanceof Error ? err.message : String(err)}\n`);
    return;
  }
  try {
    const saved = await saveLearnedRules(store, written, cliSession());
    const refused = saved.filter((s) => s.outcome === 'refused').length;
    process.stderr.write(`headroom learn: saved ${saved.length - refused} rule${saved.length - refused === 1 ? '' : 's'} to memory${refused ? ` (${refused} refused: they look like secrets)` : ''}\n`);
  } finally {
    await store.close();
  }
}
