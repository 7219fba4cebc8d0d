import { describe, expect, it } from 'vitest';
import { searchCompressor } from '../../../src/compressors/search/search.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { corpusCase, corpusCases } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

runCompressorContract(searchCompressor, { cases: corpusCases('grep') });

const run = (text: string, budget?: number) =>
  searchCompressor.compress(text, contextFor(text, budget === undefined ? {} : { budgetTokens: budget }));

describe('search compressor', () => {
  it('groups hits by file, keeping path:line for the first hit and line numbers for the rest', () => {
    const out = run(corpusCase('grep/rg-cobra-completion').input).text;
    expect(out).toContain('./active_help_test.go:41:\trootCmd.ValidArgsFunction = activeHelpFunc\n');
    expect(out).toContain('[headroom: 10 matches omitted (also at lines 57, 67, 98, 121, 145, 183, 205, 283, 338, 388)]');
    expect(out).toContain('./zsh_completions.go:50:');
  });

  it('shows later hits as line:text when the budget allows', () => {
    const out = run(corpusCase('grep/grep-requests-raise').input, 700).text;
    expect(out).toContain('src/requests/adapters.py:67:        raise InvalidSchema("Missing dependencies for SOCKS support.")');
    expect(out).toMatch(/\n151: {8}raise NotImplementedError\n/);
  });

  it('drops -A/-B context before hits and keeps the first match of each file', () => {
    const out = run(corpusCase('grep/grep-gotestsum-getenv').input).text;
    expect(out).toContain('./testjson/format.go:442:\t\tif os.Getenv("GITHUB_ACTIONS") == "true" {');
    expect(out).not.toContain('./testjson/format.go-441-');
    expect(out).toContain('./cmd/main.go:182:');
    expect(out).toMatch(/also at lines 259, 396-397/);
  });

  it('clips very long hit lines', () => {
    const long = `min.js:1:${'var a=1;'.repeat(2000)}`;
    const input = Array.from({ length: 5 }, (_, i) => long.replace('min.js:1:', `dist/app${i}.min.js:1:`)).join('\n');
    const out = run(input, 300).text;
    expect(out.length).toBeLessThan(1000);
    expect(out).toContain('dist/app4.min.js:1:var a=1;');
    expect(out).toContain('…');
  });

  it('folds zero counts of grep -c', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `src/module_${i}/file_${i}.py:${i % 50 === 0 ? 3 : 0}`);
    const out = run(lines.join('\n'), 100).text;
    expect(out).toContain('src/module_50/file_50.py:3');
    expect(out).toMatch(/\[headroom: 49 files omitted \(with 0 matches\)\]/);
  });

  it('keeps rg --heading output readable', () => {
    const input = corpusCase('grep/rg-anyhow-heading').input;
    const out = run(input, 60).text;
    expect(out).toContain('./src/error.rs\n357:    pub fn context<C>(self, context: C) -> Self');
  });

  it('scores grep output high and compiler errors / other kinds low', () => {
    expect(searchCompressor.score(makeProbe(corpusCase('grep/grep-requests-raise').input))).toBeGreaterThanOrEqual(0.85);
    expect(searchCompressor.score(makeProbe(corpusCase('grep/rg-anyhow-heading').input))).toBeGreaterThan(0.5);
    const gcc = Array.from({ length: 10 }, (_, i) => `src/main.c:${i + 10}:5: error: expected ';' before '}' token`).join('\n');
    expect(searchCompressor.score(makeProbe(gcc))).toBeLessThan(0.3);
    for (const id of ['diffs/gitlog-p-cobra', 'listings/find-gotestsum-sizes', 'listings/ls-laR-cobra']) {
      expect(searchCompressor.score(makeProbe(corpusCase(id).input))).toBeLessThan(0.3);
    }
  });
});
