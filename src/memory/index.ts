// Public surface of the store.
export { openStore } from './open-store.js';
export { createMemoryStore } from './memory-store.js';
export { contentId, isContentId } from './id.js';
export { retrieve, parseLineRange, RetrieveUsageError } from './retrieve.js';
export type { Retrieved, RetrieveOptions } from './retrieve.js';
export { NOT_AVAILABLE, StoreError } from './types.js';
export type { CompressionEvent, OriginalMeta, RetrievalEvent, StatsReport, StatsRow, Store, StoreOptions } from './types.js';
export { storeTarget } from './store-target.js';
export type { StoreTarget } from './store-target.js';
export { clearStore, pruneStore, storeFileBytes } from './upkeep.js';
export type { Upkeep } from './upkeep.js';
