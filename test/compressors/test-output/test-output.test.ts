import { describe, expect, it } from 'vitest';
import { testOutputCompressor } from '../../../src/compressors/test-output/test-output.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { FIXTURES_ROOT, corpusCase } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

const corpus = ['pytest-requests-failures', 'gotest-verbose-failures', 'gotest-json-panic-race'].map((n) => corpusCase(`logs/${n}`));
const fixtures = ['cargo-test-failures', 'vitest-failures', 'exunit-failures'].map((n) => corpusCase(`logs/${n}`, FIXTURES_ROOT));

runCompressorContract(testOutputCompressor, { cases: [...corpus, ...fixtures] });

const compress = (text: string, budget?: number) =>
  testOutputCompressor.compress(text, contextFor(text, budget === undefined ? {} : { budgetTokens: budget }));

describe('test-failure-focus', () => {
  it('recognises ExUnit (mix test): its numbered failures, exceptions and summary stay, the compile noise goes', () => {
    const input = fixtures[2]!.input;
    expect(testOutputCompressor.score(makeProbe(input))).toBeGreaterThanOrEqual(0.9);
    const out = compress(input);
    expect(out.text).toContain('** (ArgumentError) expected selector ".subagent-badge"');
    expect(out.text).toContain('12 tests, 11 failures');
    expect(out.text).not.toContain('Generated lazy_html app');
  });

  it('drops passing go tests with a counted marker and keeps failures and t.Log lines', () => {
    const out = compress(corpus[1]!.input);
    expect(out.text).not.toContain('--- PASS: TestPassed');
    expect(out.text).not.toContain('=== RUN');
    expect(out.text).toContain('--- FAIL: TestNestedWithFailure/c (0.00s)');
    expect(out.text).toContain('    fails_test.go:43: also failed');
    expect(out.text).toContain('FAIL\tgotest.tools/gotestsum/testjson/internal/withfails\t0.020s');
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \(passing tests/);
  });

  it('keeps the raw go test -json records of the panic and its top frame', () => {
    const out = compress(corpus[2]!.input);
    const lines = out.text.split('\n');
    expect(lines.some((l) => l.includes('"Output":"panic: test timed out after 1s\\n"'))).toBe(true);
    expect(lines.some((l) => l.includes('"Output":"testing.(*M).startAlarm.func1()\\n"'))).toBe(true);
    expect(out.text).not.toContain('"Action":"run"');
    expect(lines.at(-2)).toContain('"Action":"fail"');
  });

  it('keeps pytest assertion lines and locations but not the repeated parametrize source', () => {
    const out = compress(corpus[0]!.input);
    expect(out.text).toContain("E       KeyError: 'aCcEpT'");
    expect(out.text).toContain('tests/test_utils.py:473: AssertionError');
    expect(out.text).toContain('10 failed, 230 passed, 13 skipped, 6 warnings in 0.83s');
    expect(out.text.match(/@pytest\.mark\.parametrize/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('keeps cargo test panics, failing names and the result line', () => {
    const out = compress(fixtures[0]!.input, 250);
    expect(out.text).toContain("thread 'tests::adds_wrong'");
    expect(out.text).toContain('assertion `left == right` failed: math is broken');
    expect(out.text).toContain('test result: FAILED.');
    expect(out.text).not.toContain('test tests::t01 ... ok');
  });

  it('keeps vitest failure headers, messages and the summary', () => {
    const out = compress(fixtures[1]!.input, 300);
    expect(out.text).toContain(' FAIL  math.test.ts > add > deep equal');
    expect(out.text).toContain(' ❯ math.test.ts:6:57');
    expect(out.text).toContain('      Tests  3 failed | 50 passed (53)');
    expect(out.text).not.toContain('✓ adds 7');
  });

  it('scores test runners high and plain logs low', () => {
    for (const k of [...corpus, ...fixtures]) expect(testOutputCompressor.score(makeProbe(k.input))).toBeGreaterThanOrEqual(0.85);
    const syslog = corpusCase('logs/loghub-linux').input;
    expect(testOutputCompressor.score(makeProbe(syslog))).toBeLessThan(0.3);
  });
});
