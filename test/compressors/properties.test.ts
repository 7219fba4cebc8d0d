import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compress } from '../../src/compressors/engine.js';
import { COMPRESSORS } from '../../src/compressors/registry.js';
import { makeProbe } from '../../src/compressors/probe.js';
import { contextFor } from './contract.js';
import { corpusCase } from '../helpers/corpus.js';

// Properties over random and adversarial text: determinism, idempotence, no
// throw, never larger than the input. Inputs are built from real lines mixed
// with noise so every compressor gets exercised, not just the fallback.

const REAL_LINES = [
  'logs/loghub-zookeeper',
  'logs/pytest-requests-failures',
  'grep/rg-cobra-completion',
  'diffs/gitlog-p-cobra',
  'listings/ls-laR-cobra',
  'code/cobra-args-go',
  'json/octokit-errors',
].flatMap((id) => corpusCase(id).input.split('\n').slice(0, 400));

const line = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...REAL_LINES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('{', '}', '[', ']', '```', '@@ -1,2 +1,2 @@', '--- a/x', '+++ b/x', '\0', '\uFFFD') },
);
const payload = fc.array(line, { minLength: 0, maxLength: 600 }).map((ls) => ls.join('\n'));

describe('engine properties', () => {
  it('is deterministic, idempotent, and never grows the input', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (text) => {
        const a = await compress(text, { tokens: 'estimate' });
        const b = await compress(text, { tokens: 'estimate' });
        expect(b.text).toBe(a.text);
        const again = await compress(a.text, { tokens: 'estimate' });
        expect(again.text).toBe(a.text);
        expect(a.tokensAfter).toBeLessThanOrEqual(a.tokensBefore);
      }),
      { numRuns: 150, seed: 20261121 },
    );
  }, 120_000);

  it('every compressor survives every payload when forced', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (text) => {
        for (const c of COMPRESSORS) {
          expect(Number.isFinite(c.score(makeProbe(text)))).toBe(true);
          const r = await compress(text, { type: c.type, tokens: 'estimate', minTokens: 0 });
          expect(typeof r.text).toBe('string');
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  }, 120_000);

  it('compressors are pure: same bytes from a fresh context', async () => {
    const text = REAL_LINES.join('\n');
    for (const c of COMPRESSORS) {
      const ctx = contextFor(text);
      if (c.prepare) await c.prepare(text, ctx);
      let first: string | undefined;
      try {
        first = c.compress(text, ctx).text;
      } catch {
        continue; // declining by throwing is allowed; the engine passes through
      }
      expect(c.compress(text, contextFor(text)).text).toBe(first);
    }
  });
});
