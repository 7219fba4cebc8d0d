import { describe, expect, it } from 'vitest';
import { listingCompressor } from '../../../src/compressors/listing/listing.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { corpusCase, corpusCases } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

runCompressorContract(listingCompressor, { cases: corpusCases('listings') });

const run = (text: string, budget?: number) =>
  listingCompressor.compress(text, contextFor(text, budget === undefined ? {} : { budgetTokens: budget }));

describe('listing compressor', () => {
  it('reduces ls -laR lines to names and folds same-extension runs', () => {
    const out = run(corpusCase('listings/ls-laR-cobra').input).text;
    expect(out.split('\n')[0]).toMatch(/^\[headroom: 4 columns omitted \(mode, links, owner root root/);
    expect(out).toContain('\n./site/content/completions:\n_index.md\n');
    expect(out).toContain('\nCobraMain.png (72K)\n');
    expect(out).toContain('\n.github/\n');
    expect(out).toMatch(/\[headroom: 25 files omitted \(\*\.go: active_help\.go, active_help_test\.go, args\.go, …; \d+K\)\]/);
    expect(out).not.toContain('drwx');
  });

  it('keeps manifests, dotfiles, one-off extensions and the deepest path of find output', () => {
    const out = run(corpusCase('listings/find-gotestsum-sizes').input).text;
    expect(out).toContain('608\t./go.mod');
    expect(out).toContain('./.github/workflows/ci.yaml');
    expect(out).toContain('./cmd/testdata/e2e/expected/TestE2E_RerunFails/first_run_has_errors,_abort_rerun');
    expect(out).toMatch(/\[headroom: \d+ files omitted \(testjson\/testdata\/: \d+ \*\.out/);
  });

  it('folds tree directories with glyph-prefixed markers', () => {
    const out = run(corpusCase('listings/tree-requests').input).text;
    expect(out).toContain('├── pyproject.toml');
    expect(out).toMatch(/│\s{3}│\s{3}├── custom\.css/);
    expect(out).toMatch(/│\s{3}├── \[headroom: 12 files omitted \(\*\.py\)\]/);
    expect(out).toContain('└── tox.ini');
  });

  it('lists a few names in fold markers when the budget allows', () => {
    const input = corpusCase('listings/tree-requests').input;
    const out = run(input, Math.round(estimateTokens(input) * 0.9)).text;
    expect(out).toMatch(/\[headroom: \d+ files omitted \(\*\.rst: [\w.-]+, /);
  });

  it('scores listings high and other kinds low', () => {
    for (const id of ['listings/ls-laR-cobra', 'listings/tree-requests']) {
      expect(listingCompressor.score(makeProbe(corpusCase(id).input))).toBeGreaterThanOrEqual(0.9);
    }
    expect(listingCompressor.score(makeProbe(corpusCase('listings/find-gotestsum-sizes').input))).toBeGreaterThanOrEqual(0.85);
    for (const id of ['grep/grep-requests-raise', 'diffs/gitlog-p-cobra', 'diffs/gitlog-oneline-anyhow']) {
      expect(listingCompressor.score(makeProbe(corpusCase(id).input))).toBeLessThan(0.3);
    }
  });
});
