import { describe, expect, it } from 'vitest';
import { diffCompressor } from '../../../src/compressors/diff/diff.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { corpusCase, corpusCases } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

runCompressorContract(diffCompressor, { cases: corpusCases('diffs') });

const run = (text: string, budget?: number) =>
  diffCompressor.compress(text, contextFor(text, budget === undefined ? {} : { budgetTokens: budget }));

describe('diff compressor', () => {
  it('keeps file and hunk headers and changed lines, trims context to one line', () => {
    const input = corpusCase('diffs/gitdiff-requests-v2.32.0-v2.32.3').input;
    const out = run(input, 2500).text;
    expect(out).toContain('diff --git a/src/requests/adapters.py b/src/requests/adapters.py');
    expect(out).toContain('@@ -9,6 +9,7 @@ and maintain connections.');
    expect(out).toContain('+import warnings');
    expect(out).toContain('-__version__ = "2.32.0"');
    expect(out).toContain('[headroom: 2 lines omitted (context)]');
    // one line of context on each side of `+import warnings` survives
    expect(out).toContain(' import typing\n+import warnings\n \n');
  });

  it('cuts the rest of large hunks to a counted marker under a tight budget', () => {
    const out = run(corpusCase('diffs/gitshow-ky-retry-after').input).text;
    expect(out).toContain('@@ -349,8 +333,7 @@ export class Ky {');
    expect(out).toMatch(/\[headroom: \d+ lines omitted \(\+\d+ -\d+/);
    expect(out).toContain('commit 3419113b48e034fdcf8fa6bd3be3da7b3d0d758f');
  });

  it('keeps commit subjects and replaces long message bodies by a marker', () => {
    const out = run(corpusCase('diffs/gitlog-stat-requests').input).text;
    expect(out).toContain('    Bump https://github.com/astral-sh/ruff-pre-commit (#7598)');
    expect(out).toContain(' .github/workflows/run-tests.yml | 6 +++---');
    expect(out).toContain('    [headroom: 19 lines omitted (message body)]');
    expect(out).not.toContain('dependency-type: direct:production');
  });

  it('summarises lock files as one line', () => {
    const lock = Array.from({ length: 300 }, (_, i) => `+    "node_modules/pkg-${i}": { "version": "1.0.${i}" },`);
    const input = [
      'diff --git a/package-lock.json b/package-lock.json',
      'index 1111111..2222222 100644',
      '--- a/package-lock.json',
      '+++ b/package-lock.json',
      '@@ -1,3 +1,303 @@',
      ' {',
      ...lock,
      ' }',
      ' ',
      'diff --git a/src/a.ts b/src/a.ts',
      'index 3333333..4444444 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,2 +1,2 @@ export function a() {',
      '-  return 1;',
      '+  return 2;',
      ' }',
      '',
    ].join('\n');
    const out = run(input, 200).text;
    expect(out).toContain('diff --git a/package-lock.json b/package-lock.json\n[headroom: 307 lines omitted (lock file package-lock.json: +300 -0 lines)]');
    expect(out).toContain('+  return 2;');
  });

  it('folds routine commits of a oneline log, keeping tags, reverts and fixes', () => {
    const out = run(corpusCase('diffs/gitlog-oneline-anyhow').input).text;
    expect(out).toContain('1dbe186 (HEAD -> master, tag: 1.0.104) Release 1.0.104');
    expect(out).toContain('f5e145c Revert "Pin nightly toolchain used for miri job"');
    expect(out).toContain('cc2cecb Fix anyhow::Ok rustdoc code formatting');
    expect(out).toMatch(/\[headroom: \d+ commits omitted/);
    expect(out).not.toContain('Update ui test suite to nightly-2026-01-21');
  });

  it('leaves input under budget untouched', () => {
    const input = corpusCase('diffs/gitdiff-requests-v2.32.0-v2.32.3').input;
    expect(run(input, 100_000)).toEqual({ text: input, elisions: [] });
  });

  it('scores diffs high and other kinds low', () => {
    expect(diffCompressor.score(makeProbe(corpusCase('diffs/gitlog-p-cobra').input))).toBeGreaterThanOrEqual(0.9);
    expect(diffCompressor.score(makeProbe(corpusCase('diffs/gitlog-oneline-anyhow').input))).toBeGreaterThanOrEqual(0.8);
    for (const id of ['grep/grep-requests-raise', 'listings/ls-laR-cobra', 'listings/tree-requests']) {
      expect(diffCompressor.score(makeProbe(corpusCase(id).input))).toBeLessThan(0.3);
    }
  });
});
