import type { Store } from '../memory/types.js';
import { type Decision, LEAVE } from './decisions.js';
import { toJsonString } from './json-literal.js';
import type { CompressRunner } from './pool/index.js';

// A new tool output compressed within its request's deadline, off the event
// loop; then the main thread keeps the original (so every marker's id can be
// honoured) before the compressed bytes may go up. Anything short of that,
// late, failed, a store that cannot write, leaves the output as it came.

export async function compressOutput(runner: CompressRunner, store: Store, text: string, tool: string, tokens: number, deadline: number): Promise<Decision> {
  const out = await runner.run({ text, tool, tokens }, deadline);
  if (!out.ok || out.result.kind === 'leave') return LEAVE;
  const r = out.result;
  if (r.original) {
    try {
      await store.putPrepared(r.original.id, r.original.prepared, r.original.meta);
    } catch {
      return LEAVE; // a marker would promise what cannot be honoured
    }
  }
  await store.recordCompression(r.event);
  return { kind: 'compressed', literal: toJsonString(r.text), tokensAfter: r.tokensAfter };
}
