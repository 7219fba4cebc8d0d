import { describe, expect, it } from 'vitest';
import { testOutputCompressor } from '../../../src/compressors/test-output/test-output.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { route } from '../../../src/compressors/router.js';
import { COMPRESSORS, FALLBACK } from '../../../src/compressors/registry.js';
import { stripAnsi } from '../../../src/compressors/lines.js';
import { FIXTURES_ROOT, corpusCase } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

// Failure modes found on a dev set of real runs (unittest, node --test, jest,
// go test, bats, prove, pytest): each fixture is one real output.
const fixture = (name: string) => corpusCase(`test/${name}`, FIXTURES_ROOT).input;
const names = [
  'unittest-logging-attrs-yaml',
  'node-test-tap-nested-failures',
  'jest-node-assert-failures',
  'go-test-v-panic-urfave-cli',
  'bats-pretty-coreutils',
  'prove-json-pp-uri',
  'pytest-tb-short-markdown-yaml',
  'node-test-spec-logging-first',
  'doctest-markdown-yaml',
  'rspec-json-failures',
  'test-unit-verbose-json',
  'ctest-output-on-failure-pyyaml',
  'vitest-junit-lodash',
  'bats-junit-coreutils',
  'pytest-tb-native-markdown-yaml',
];

runCompressorContract(testOutputCompressor, { cases: names.map((n) => corpusCase(`test/${n}`, FIXTURES_ROOT)) });

/** The compressed text as a terminal shows it, at a budget tight enough to cut context. */
const squeeze = (text: string, budgetTokens: number) =>
  stripAnsi(testOutputCompressor.compress(text, contextFor(text, { budgetTokens, lossy: true })).text);

describe('test-failure-focus on failure forms beyond the tuning set', () => {
  it('routes a unittest run whose first screen is logging by the summary at its end', () => {
    const input = fixture('unittest-logging-attrs-yaml');
    expect(route(makeProbe(input), COMPRESSORS, FALLBACK).compressor.type).toBe('test');
  });

  it('routes node --test spec output whose ends are logging and a failure recap by the marks in its middle', () => {
    const input = fixture('node-test-spec-logging-first');
    expect(route(makeProbe(input), COMPRESSORS, FALLBACK).compressor.type).toBe('test');
  });

  it('routes python doctest output', () => {
    expect(route(makeProbe(fixture('doctest-markdown-yaml')), COMPRESSORS, FALLBACK).compressor.type).toBe('test');
  });

  it('routes bats pretty output by its closing count', () => {
    const input = fixture('bats-pretty-coreutils');
    expect(testOutputCompressor.score(makeProbe(input))).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps node --test TAP failures nested in suites, and the message of a YAML error', () => {
    const out = squeeze(fixture('node-test-tap-nested-failures'), 400);
    for (const s of ['not ok 4 - formats long hours', 'not ok 1 - collects repeated flags', 'not ok 2 - validates', "error: 'expected a valid uuid'"]) {
      expect(out).toContain(s);
    }
    expect(out).not.toContain('# Subtest: parses 2m');
  });

  it("keeps the first line of a jest failure's message under its header", () => {
    const out = squeeze(fixture('jest-node-assert-failures'), 300);
    expect(out).toContain('● ms › rejects empty strings');
    expect(out).toContain('The input did not match the regular expression /positive number/. Input:');
  });

  it('keeps the test-file frame of a go panic below the runtime frames', () => {
    const out = squeeze(fixture('go-test-v-panic-urfave-cli'), 120);
    expect(out).toContain('panic: assignment to entry in nil map [recovered]');
    expect(out).toContain('zz_panic_test.go:10 +0xf8');
  });

  it('keeps locations written in words (bats, prove) that differ only in their numbers', () => {
    const bats = squeeze(fixture('bats-pretty-coreutils'), 150);
    for (const line of [16, 22, 28]) expect(bats).toContain(`(in test file cli.bats, line ${line})`);
    expect(bats).toContain('`[ "$status" -eq 0 ]\' failed');
    const prove = squeeze(fixture('prove-json-pp-uri'), 200);
    for (const at of ['at t/json.t line 6.', 'at t/json.t line 8.', 'at t/uri.t line 11.', 'at t/uri.t line 13.']) expect(prove).toContain(at);
  });

  it("keeps pytest --tb=short's innermost frame in a <frozen ...> module", () => {
    const out = squeeze(fixture('pytest-tb-short-markdown-yaml'), 500);
    expect(out).toContain('<frozen importlib._bootstrap>:1142: in _find_and_load_unlocked');
  });

  it('keeps the line that says how the run ended', () => {
    const out = squeeze(fixture('go-test-v-panic-urfave-cli'), 60);
    expect(out.trimEnd().split('\n').at(-1)).toBe('exit status 1');
  });

  it("keeps an exception's message when the exception's name stands alone on the line above (rspec)", () => {
    const out = squeeze(fixture('rspec-json-failures'), 150);
    expect(out).toContain("undefined method `foo' for nil:NilClass");
    for (const at of ['./spec/json_spec.rb:13', './spec/json_spec.rb:22', './spec/json_spec.rb:32']) expect(out).toContain(at);
  });

  it("keeps test-unit's `expected but was` and ctest's list of failed tests", () => {
    expect(squeeze(fixture('test-unit-verbose-json'), 150)).toContain('<"{\\n" + "  \\"a\\": 1\\n" + "}\\n"> expected but was');
    const ctest = squeeze(fixture('ctest-output-on-failure-pyyaml'), 250);
    for (const t of ['151 - yaml_bool_yes (Failed)', '152 - yaml_tab_indent (Failed)', '153 - yaml_timeout (Timeout)']) expect(ctest).toContain(t);
  });

  it('routes JUnit XML reports written one element a line, and keeps the failing cases by name', () => {
    for (const name of ['vitest-junit-lodash', 'bats-junit-coreutils']) {
      expect(route(makeProbe(fixture(name)), COMPRESSORS, FALLBACK).compressor.type).toBe('test');
    }
    const vitest = squeeze(fixture('vitest-junit-lodash'), 300);
    // A failing case whose console output comes before its failure element.
    expect(vitest).toContain('name="lodash collections &gt; groups words 3"');
    expect(vitest).toContain('name="lodash collections &gt; throws on bad template"');
    const bats = squeeze(fixture('bats-junit-coreutils'), 150);
    for (const n of ['sed replaces first match only', 'grep finds nothing in empty file', 'tar lists archive']) expect(bats).toContain(`name="${n}"`);
    expect(bats).not.toContain('name="date format 1"');
  });

  it("keeps a Python traceback's innermost frame, where the exception was raised", () => {
    const out = squeeze(fixture('pytest-tb-native-markdown-yaml'), 400);
    expect(out).toContain('  File "<frozen importlib._bootstrap>", line 1142, in _find_and_load_unlocked');
    expect(out).toContain('  File "/usr/lib/python3/dist-packages/yaml/parser.py", line 483, in parse_flow_sequence_entry');
  });
});
