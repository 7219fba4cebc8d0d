import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../../src/compressors/engine.js';
import { isWrapperLine } from '../../src/compressors/guard/index.js';
import { loadTokenizer } from '../../src/compressors/tokens.js';
import { CORPUS_ROOT, FIXTURES_ROOT, WIDE_ROOT, allCases, corpusCase, missingNeedles } from '../helpers/corpus.js';

// What an agent wraps around a tool output is how the model finds its way:
// Claude Code's `Exit code N` header says the command failed, and its
// <persisted-output> preview names the only path to the full output. Issue
// 11 found both lost (a test run's `Exit code 2`; the `Full output saved to:`
// path under `headroom wrap claude`). Real tool results Claude Code sent.

beforeAll(async () => {
  await loadTokenizer();
});

describe("the agent's own wrapping", () => {
  it('a failing test run keeps its Exit code header, the failure and the summary, at any budget', async () => {
    const k = corpusCase('test/claude-code-exit1-pytest-v-networkx', FIXTURES_ROOT);
    for (const budgetTokens of [undefined, 300, 100]) {
      const r = await compress(k.input, { tokens: 'estimate', ...(budgetTokens ? { budgetTokens } : {}) });
      expect(r.tokensAfter).toBeLessThan(r.tokensBefore);
      expect(r.text.startsWith('Exit code 1\n')).toBe(true);
      expect(missingNeedles(r.text, k.needles)).toEqual([]);
    }
  });

  it("Claude Code's persisted-output preview keeps the path to the full output", async () => {
    const k = corpusCase('diff/claude-code-persisted-gitlog-p-headroom', WIDE_ROOT);
    const saved = k.input.split('\n').find((l) => l.includes('Full output saved to: '))!;
    expect(saved).toMatch(/tool-results\/\w+\.txt$/);
    for (const budgetTokens of [undefined, 200]) {
      const r = await compress(k.input, { tokens: 'estimate', ...(budgetTokens ? { budgetTokens } : {}) });
      expect(r.text).toContain(saved);
      expect(r.text).toContain('<persisted-output>');
      expect(r.text).toContain('</persisted-output>');
    }
  });

  it('every wrapper line of every corpus case survives compression', async () => {
    const cases = [...allCases(CORPUS_ROOT), ...allCases(WIDE_ROOT)].filter((k) => k.input.split('\n', 400).some(isWrapperLine));
    expect(cases.length).toBeGreaterThanOrEqual(6);
    for (const k of cases) {
      const r = await compress(k.input, { tokens: 'estimate' });
      const lost = k.input.split('\n').filter((l) => isWrapperLine(l) && !r.text.includes(l));
      expect({ id: k.id, lost }).toEqual({ id: k.id, lost: [] });
    }
  });
});
