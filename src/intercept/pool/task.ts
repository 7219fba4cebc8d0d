import { compress, estimateTokens } from '../../compressors/index.js';
import { prepareOriginal } from '../../memory/blob.js';
import { Decisions } from '../decisions.js';
import type { CompressionEvent, OriginalMeta, PreparedOriginal } from '../../memory/types.js';

// One tool output compressed for the proxy, the same in a worker thread or
// inline: the engine runs against a keeper that only collects what it would
// store (the original hashed and encoded, the stats event), and the main
// thread writes that to the real store. So a worker never opens SQLite or
// Redis, and the store is written by one thread whatever the backend.

export interface CompressTask {
  readonly text: string;
  readonly tool: string;
  /** estimateTokens(text), when the caller has it already (else the worker counts). */
  readonly tokens?: number;
}

export type TaskResult =
  | { readonly kind: 'leave'; readonly tokensBefore: number }
  | {
      readonly kind: 'compressed';
      readonly tokensBefore: number;
      readonly text: string;
      readonly tokensAfter: number;
      /** The original to keep, when a marker names its id. */
      readonly original?: { readonly id: string; readonly prepared: PreparedOriginal; readonly meta: OriginalMeta };
      readonly event: CompressionEvent;
    };

export async function runTask(task: CompressTask): Promise<TaskResult> {
  let original: { id: string; prepared: PreparedOriginal; meta: OriginalMeta } | undefined;
  let event: CompressionEvent | undefined;
  const keeper = {
    put: async (id: string, bytes: Uint8Array, meta: OriginalMeta): Promise<void> => {
      original = { id, prepared: prepareOriginal(bytes), meta };
    },
    recordCompression: async (e: CompressionEvent): Promise<void> => {
      event = e;
    },
  };
  const tokensBefore = task.tokens ?? estimateTokens(task.text);
  const r = await compress(task.text, { store: keeper, tool: task.tool, tokens: 'estimate', inputTokens: tokensBefore });
  if (r.passthrough || r.text === task.text || !event) return { kind: 'leave', tokensBefore };
  return { kind: 'compressed', text: r.text, tokensBefore, tokensAfter: r.tokensAfter, ...(original ? { original } : {}), event };
}

/** An output too large to compress, as its literal's bytes: only its key and size are wanted. */
export interface InspectTask {
  readonly scope: string;
  readonly tool: string | undefined;
  /** The UTF-8 bytes of the JSON string literal, quotes included. */
  readonly literal: Uint8Array;
}

export interface Inspected {
  readonly key: string;
  readonly tokens: number;
}

/** Decoding and counting a large output is most of its cost: done here, off the event loop. */
export function inspect(task: InspectTask): Inspected {
  const bytes = Buffer.from(task.literal.buffer, task.literal.byteOffset, task.literal.byteLength);
  return { key: Decisions.key(task.scope, task.tool, bytes), tokens: estimateTokens(JSON.parse(bytes.toString('utf8')) as string) };
}
