// Public surface of the compression pool.
export { createCompressRunner, createInlineRunner, defaultThreads } from './pool.js';
export type { CompressRunner, PoolOptions, RunOutcome } from './pool.js';
export type { CompressTask, TaskResult } from './task.js';
