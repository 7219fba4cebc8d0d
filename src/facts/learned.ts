import path from 'node:path';
import { projectScope } from './scope.js';
import { type FactStore, type SaveOutcome, SecretRefused } from './types.js';

// `headroom learn --memory`: a rule accepted into one agent's file (CLAUDE.md,
// AGENTS.md, ...) is also saved as a fact of that file's project, so every
// other wrapped agent gets it too, deduplicated like any other save.

export interface LearnedSave {
  readonly rule: string;
  /** The save's outcome, or why it was not saved. */
  readonly outcome: SaveOutcome | 'refused';
}

export async function saveLearnedRules(store: FactStore, written: ReadonlyArray<{ readonly file: string; readonly rules: readonly string[] }>, session: string): Promise<LearnedSave[]> {
  const out: LearnedSave[] = [];
  for (const w of written) {
    const scope = projectScope(path.dirname(path.resolve(w.file)));
    for (const rule of w.rules) {
      try {
        out.push({ rule, outcome: (await store.save({ text: rule, scope, agent: 'learn', session })).outcome });
      } catch (err) {
        if (!(err instanceof SecretRefused)) throw err;
        out.push({ rule, outcome: 'refused' });
      }
    }
  }
  return out;
}
