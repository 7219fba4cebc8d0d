import { describe, expect, it } from 'vitest';
import { buildOutputCompressor } from '../../../src/compressors/build/build-output.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { COMPRESSORS, FALLBACK } from '../../../src/compressors/registry.js';
import { route } from '../../../src/compressors/router.js';
import { FIXTURES_ROOT, corpusCase } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

const corpus = ['cargo-anyhow-build-errors', 'tsc-ky-type-errors', 'npm-install-etarget'].map((n) => corpusCase(`logs/${n}`));
const fixtures = ['cargo-build-warnings', 'gcc-errors', 'pylint-parseable-astunparse', 'shellcheck-tty-sbin-scripts', 'mypy-pretty-argcomplete'].map((n) => corpusCase(`logs/${n}`, FIXTURES_ROOT));

runCompressorContract(buildOutputCompressor, { cases: [...corpus, ...fixtures] });

// A budget given here stands for a large output's: lossy steps may run (the engine allows them from LOSSY_FROM tokens).
const compress = (text: string, budget?: number) =>
  buildOutputCompressor.compress(text, contextFor(text, budget === undefined ? {} : { budgetTokens: budget, lossy: true }));

describe('build-diagnostics', () => {
  it('reads diagnostics in formats it has no rule for by their shape: a place in a file, or a caret line with a code', () => {
    // pylint's parseable format (`path:278: [E1101(no-member), obj] ...`) and
    // shellcheck's default format (`  ^-- SC2145 (error): ...`) were "other
    // output", dropped from the end: the last modules' errors went first.
    for (const k of [fixtures[2]!, fixtures[3]!]) {
      const out = compress(k.input, 1500);
      expect(out.text.split('\n').length, k.name).toBeLessThan(k.input.split('\n').length);
      for (const n of k.needles) expect(out.text, k.name).toContain(n);
    }
  });

  it('routes mypy --pretty as build output (its codes wrap onto the next line; it went to the log compressor)', () => {
    expect(route(makeProbe(fixtures[4]!.input), COMPRESSORS, FALLBACK).compressor.type).toBe('build');
  });

  it('counts a kind without the object pylint names or the width of a caret', () => {
    const out = compress(fixtures[2]!.input, 1500);
    // 180 C0103 lines, one kind per message: a few are shown, the rest counted in markers.
    expect(out.text.split('\n').filter((l) => l.includes('[C0103(invalid-name)')).length).toBeLessThan(20);
    expect(out.text).toMatch(/more warnings like: /);
  });

  it('keeps every cargo error with its location and the summary under a tight budget', () => {
    const out = compress(corpus[0]!.input, 100);
    expect(out.text).toContain('error[E0308]: mismatched types\n  --> src/chain.rs:39:33');
    expect(out.text).toContain('   --> src/error.rs:225:12');
    expect(out.text).toContain('error: could not compile `anyhow` (lib) due to 2 previous errors');
    expect(out.text).not.toContain('Compiling anyhow');
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \(code snippets/);
  });

  it('collapses a flood of one warning kind into a marker and keeps the count line', () => {
    const out = compress(fixtures[0]!.input, 300);
    expect(out.text).toContain('warning: unused variable: `unused_0`\n --> src/lib.rs:1:32');
    expect(out.text).toContain('warning: `cw` (lib) generated 75 warnings');
    expect(out.text).toMatch(/more warnings like: warning: unused variable/);
    expect(out.text.match(/^warning: unused variable/gm)?.length).toBeLessThanOrEqual(2);
  });

  it('keeps every gcc diagnostic line and drops the caret snippets first', () => {
    const out = compress(fixtures[1]!.input, 150);
    for (const l of fixtures[1]!.input.split('\n').filter((x) => /^bad\.c:\d+:\d+: (?:error|warning)/.test(x))) {
      expect(out.text).toContain(l);
    }
    expect(out.text).not.toContain('^~~~~~');
  });

  it('drops npm fetch noise but keeps the error code block', () => {
    const out = compress(corpus[2]!.input, 60);
    expect(out.text).toContain('npm error code ETARGET');
    expect(out.text).toContain('npm error notarget No matching version found for lodash@99.0.0.');
    expect(out.text).not.toContain('npm http fetch');
  });

  it('scores build output high and test output lower', () => {
    for (const k of [...corpus, ...fixtures]) expect(buildOutputCompressor.score(makeProbe(k.input))).toBeGreaterThanOrEqual(0.85);
    expect(buildOutputCompressor.score(makeProbe(corpusCase('logs/loghub-hdfs').input))).toBeLessThan(0.3);
  });
});
