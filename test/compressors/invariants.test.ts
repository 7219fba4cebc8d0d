import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../../src/compressors/engine.js';
import { loadTokenizer } from '../../src/compressors/tokens.js';
import { CORPUS_ROOT, WIDE_ROOT, allCases } from '../helpers/corpus.js';
import { invariantProblem } from '../helpers/invariants.js';

// The engine's guarantees as properties over real inputs: every case of both
// corpora (both halves: this is a check, not tuning), and random payloads made
// of their lines mixed with noise. Any output that breaks structure, drops a
// line without a marker or carries a marker costlier than what it replaced
// fails CI.

const cases = [...allCases(CORPUS_ROOT), ...allCases(WIDE_ROOT)];

beforeAll(async () => {
  await loadTokenizer();
});

describe('every corpus case', () => {
  it('has cases to check', () => {
    expect(cases.length).toBeGreaterThan(60);
  });
  for (const k of cases) {
    it(`${k.id}: the output holds every invariant`, async () => {
      const r = await compress(k.input, { tokens: 'estimate' });
      expect(invariantProblem(k.input, r)).toBeNull();
    });
  }
});

describe('random payloads of real lines', () => {
  const pool = cases.flatMap((k) => k.input.split('\n').slice(0, 200));
  const line = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...pool) },
    { weight: 1, arbitrary: fc.string({ maxLength: 120 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '}', '```', '@@ -1,2 +1,2 @@', 'ERROR boom', 'Exit code 2', '\u001b[31mred\u001b[0m') },
  );
  const payload = fc.array(line, { minLength: 20, maxLength: 800 }).map((ls) => ls.join('\n'));

  it('every output holds every invariant, at any budget', async () => {
    await fc.assert(
      fc.asyncProperty(payload, fc.constantFrom(undefined, 300, 2000), async (text, budget) => {
        const r = await compress(text, { tokens: 'estimate', ...(budget ? { budgetTokens: budget } : {}) });
        expect(invariantProblem(text, r)).toBeNull();
      }),
      { numRuns: 200, seed: 20261206 },
    );
  }, 120_000);
});
