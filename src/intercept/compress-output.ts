import type { Store } from '../memory/types.js';
import { estimateTokens } from '../compressors/tokens.js';
import { type Decision, leave } from './decisions.js';
import { toJsonString } from './json-literal.js';
import type { CompressRunner } from './pool/index.js';

// A new tool output compressed off the event loop, if a worker takes it up
// within its request's time budget; then the main thread keeps the original (so every marker's id can be
// honoured) before the compressed bytes may go up. Anything short of that,
// late, failed, a store that cannot write, leaves the output as it came.

/** `notRun` hears when no worker took the output up in time (its "leave" says nothing about the output). */
export async function compressOutput(
  runner: CompressRunner,
  store: Store,
  text: string,
  tool: string,
  tokens: number | undefined,
  startBy: number,
  notRun?: () => void,
): Promise<Decision> {
  const out = await runner.run({ text, tool, ...(tokens !== undefined && { tokens }) }, startBy);
  // Not run: counted here, the one case the worker did not count it.
  if (!out.ok) {
    notRun?.();
    return leave(tokens ?? estimateTokens(text));
  }
  const r = out.result;
  if (r.kind === 'leave') return leave(r.tokensBefore);
  if (r.original) {
    try {
      await store.putPrepared(r.original.id, r.original.prepared, r.original.meta);
    } catch {
      return leave(r.tokensBefore); // a marker would promise what cannot be honoured
    }
  }
  await store.recordCompression(r.event);
  return { kind: 'compressed', literal: toJsonString(r.text), tokensBefore: r.tokensBefore, tokensAfter: r.tokensAfter };
}
