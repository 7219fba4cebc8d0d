import { describe, expect, it } from 'vitest';
import { listingCompressor } from '../../../src/compressors/listing/index.js';
import { isMarkerLine } from '../../../src/compressors/marker.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { tuningCases } from '../../helpers/corpus.js';
import { contextFor, guardProblem, runCompressorContract } from '../contract.js';
import { fixture, listingSamples } from './samples.js';

runCompressorContract(listingCompressor, { cases: listingSamples() });
// The wide corpus's tuning half, its needles counted together (picked by a rule no compressor was shaped on).
runCompressorContract(listingCompressor, { cases: tuningCases('listing'), needleShare: 0.97 });

const run = (text: string, budget?: number) =>
  listingCompressor.compress(text, contextFor(text, budget === undefined ? {} : { budgetTokens: budget }));

const inputLines = (text: string) => new Set(text.split('\n'));

describe('listing compressor', () => {
  it('keeps every line verbatim: no column projection, only whole input lines and markers', () => {
    for (const name of ['ls-laR-src', 'exa-tree-video-js', 'find-ls-better-sqlite3', 'tar-tvzf-zod']) {
      const input = fixture(name).input;
      const lines = inputLines(input);
      const out = run(input).text;
      for (const l of out.split('\n')) if (!isMarkerLine(l)) expect(lines.has(l), `${name}: ${l}`).toBe(true);
      expect(out).not.toMatch(/columns omitted/);
    }
  });

  it('lets the budget steer: 500, 2000 and 8000 tokens give different outputs that grow', () => {
    const input = fixture('find-root-maxdepth-3').input;
    const sizes = [500, 2000, 8000].map((b) => estimateTokens(run(input, b).text));
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
    for (const b of [500, 2000, 8000]) {
      const ctx = contextFor(input, { budgetTokens: b });
      expect(guardProblem(listingCompressor, input, listingCompressor.compress(input, ctx), ctx)).toBeNull();
    }
  });

  it('keeps everything below the lossy size: every name is what the command exists to show', () => {
    const input = fixture('git-ls-files-s-less').input;
    const out = listingCompressor.compress(input, contextFor(input, { lossy: false, budgetTokens: 100 }));
    expect(out.text).toBe(input);
    expect(out.elisions).toEqual([]);
  });

  it('folds deep runs by pattern: kinds and the directory they are under', () => {
    const out = run(fixture('tar-tvzf-zod').input).text;
    expect(out).toMatch(/\[headroom: \d+ files omitted \([^)]*\*\.d\.ts[^)]* under zod\/[\w/.-]+\/\)\]/);
    const tree = run(fixture('dpkg-L-git').input).text;
    expect(tree).toMatch(/\[headroom: \d+ (?:files|entries) omitted \([^)]*under \/usr\/[\w/.-]+\/[^)]*\)\]/);
  });

  it('names the subdirectories a fold spans', () => {
    const out = run(fixture('git-ls-tree-r-l').input).text;
    expect(out).toMatch(/under src\/compressors\/: [\w-]+\/, [\w-]+\//);
  });

  it('keeps files no pattern covers, the deepest path and one line of each manifest name', () => {
    const k = fixture('fdfind-eslint-lib');
    const out = run(k.input).text;
    for (const n of k.needles) expect(out).toContain(n);
    // one-off extensions in a directory of untyped names are names, not kinds (/usr/bin/vim.basic)
    const root = run(fixture('find-root-maxdepth-3').input).text;
    expect(root).not.toContain('/usr/bin/vim.basic');
  });

  it('never folds a run a marker would not pay for', () => {
    const out = run(fixture('ls-laR-src').input).text;
    for (const m of out.match(/\[headroom: (\d+) \w+ omitted/g) ?? []) expect(Number(/(\d+)/.exec(m)![1])).toBeGreaterThanOrEqual(3);
  });
});
