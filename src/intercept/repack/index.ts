// Repack when the cache has lapsed (issue 14, lever 1): the public surface.
export { type RoleContext, decideRole, repackPolicy } from './decide.js';
export { DEFAULT_EPOCH_BYTES, Epochs, type Opened, type RequestFacts, type ThreadRef } from './epochs.js';
export { type Seen, lapsed, lastSeen, uncachedAnswer } from './lapse.js';
export { type Plan, type Role, decodePlan, encodePlan, planRepack, roleKeys } from './plan.js';
export { type Superseded, type SupersededReason, supersededBy } from './supersede.js';
export { type CallTarget, callTarget } from './targets.js';
export { DEFAULT_TTL_MS, MAX_TTL_MS, declaredTtlMs } from './ttl.js';
export { type RepackStep, repackStep } from './step.js';
