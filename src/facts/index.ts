// Public surface of the memory of facts shared by wrapped agents.
export { openFactStore } from './open-facts.js';
export type { FactConfig } from './open-facts.js';
export { createFactStore, MAX_TEXT } from './fact-store.js';
export { projectScope } from './scope.js';
export { isFactId } from './ids.js';
export { findSecret } from './secrets.js';
export { compare, relate, MERGE_THRESHOLD, UPDATE_THRESHOLD } from './similarity.js';
export { renderSessionFacts } from './session-facts.js';
export { parseFactLine } from './jsonl.js';
export { GLOBAL, SecretRefused } from './types.js';
export type { Fact, FactStore, ListOptions, Provenance, SaveInput, SaveOutcome, SaveResult, Scope, SearchHit, SearchOptions } from './types.js';
export { saveLearnedRules } from './learned.js';
