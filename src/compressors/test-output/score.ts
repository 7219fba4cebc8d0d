import { stripAnsi } from '../lines.js';
import type { Probe } from '../types.js';

// How sure we are a probe is test-runner output. Runner banners and result
// lines are unmistakable; pass/fail marks are good evidence when they recur.

const SIGNATURE: readonly RegExp[] = [
  /^=== RUN {3}\S/, // go test -v
  /^\s*--- (?:FAIL|PASS|SKIP): \S+ \(\d/,
  /^\{"Time":"[^"]{0,40}","Action":"(?:start|run|output|pass|fail|skip|pause|cont)"/, // go test -json
  /^=+ (?:test session starts|FAILURES|ERRORS|short test summary info|warnings summary) =+$/, // pytest
  /^collected \d+ items?/,
  /^test \S+ \.\.\. (?:ok|FAILED|ignored)$/, // cargo test
  /^test result: (?:ok|FAILED)\. \d+ passed/,
  /^(?:Tests|Test Suites|Test Files):? +\d+ (?:failed|passed)/, // jest / vitest
  /^ RUN {2}v\d/, // vitest banner
  /^\s*\d+ passing \(\d/, // mocha
  /^\d+ examples?, \d+ failures?/, // rspec
  /^Running ExUnit with seed: \d+/, // mix test (ExUnit)
  /^Finished in [\d.]+ seconds?\b/, // ExUnit, rspec
  /^(?:\d+ doctests?, )?(?:\d+ propert(?:y|ies), )?\d+ tests?, \d+ failures?/, // ExUnit summary
  /^Tests run: \d+, Failures: \d+, Errors: \d+/, // surefire / junit
  /^JUnit version \d|^Tests run: \d+, {2}Failures: \d+$|^FAILURES!!!$/, // JUnit 4's console runner
  /^\s*T E S T S\s*$/,
  /^FAIL\t\S+\t[\d.]+s$/, // go package result
  /^ok {2}\t?\S+\t/,
  /^Ran \d+ tests? in [\d.]+s$/, // python unittest
  /^Failed example:$|^\*{3}Test Failed\*{3} \d+ failures?\.$|^\d+ items? had failures:$/, // python doctest
  /^(?:OK|FAILED) \((?:failures|errors|skipped|expected failures)=\d+/,
  /^test\w* \([\w.]+\)(?: \.\.\. |$)/, // unittest -v
  /^\s*\d+ failing$/, // mocha
  /^\s*(?:Tests|Test Files|Snapshots)\s+\d+ (?:failed|passed)/,
  /^(?:not )?ok \d+ \S|^1\.\.\d+$|^TAP version \d+|^# (?:tests|pass|fail|skip|todo|cancelled) \d+$/, // TAP (tape, node --test, bats, prove)
  /^\[ (?:RUN {6}| {7}OK |FAILED {2}|PASSED {2}|SKIPPED )\] |^\[={10}\] |^\[-{10}\] /, // googletest
  /^Test project \/|^\s*\d+\/\d+ Test\s+#\d+: |^\d+% tests passed, \d+ tests? failed|^The following tests FAILED:/, // ctest
  /^# Running:$|^Run options: |^\d+ runs, \d+ assertions, \d+ failures/, // minitest
  /^Loaded suite |^\d+ tests, \d+ assertions, \d+ failures/, // test-unit
  /^All tests successful\.$|^Files=\d+, Tests=\d+|^Result: (?:PASS|FAIL)$/, // prove
  /^ℹ (?:tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) \d+/, // node --test
  /^PHPUnit \d+\.\d+|^OK \(\d+ tests?, \d+ assertions?\)|^FAILURES!$|^Tests: \d+, Assertions: \d+/, // phpunit
  /^(?:PASS|FAIL) \S+\.(?:test|spec)\.[cm]?[jt]sx?\b/, // jest file result
  /^(?:Passed|Failed)! +- Failed: +\d+/, // dotnet test
  /^\S+ > \S.* (?:PASSED|FAILED|SKIPPED)$/, // gradle test events
  /^\s*<testsuites?\s[^>]*\btests="\d+"|^\s*<testcase\s/, // JUnit XML report, one element a line
];

const MARK = /^\s*(?:✓|√|✔|×|✕|✗|✘|✖|❯|PASS|FAIL|PASSED|FAILED)\s|(?:PASSED|FAILED)(?:\s+\[\s*\d+%\])?$|^[.sFExX]{8,}(?:\s+\[\s*\d+%\])?$| \.\.\. (?:ok|FAIL|ERROR|skipped\b.*|expected failure|unexpected success)$/;

// One alternation tested once per line costs far less than fifteen tests.
const ANY_SIGNATURE = new RegExp(SIGNATURE.map((re) => `(?:${re.source})`).join('|'));

/** Non-blank lines read from the end of an input whose head the probe's lines do not reach. */
const TAIL_LINES = 8;

/**
 * The last non-blank lines of the probe's tail, last first. Runners print
 * their summary last, and a run whose first screen is logging or compiler
 * warnings is still a test run.
 */
function tailOf(probe: Probe): string[] {
  const lines = probe.tail;
  const kept: string[] = [];
  for (let i = lines.length - 1; i >= 0 && kept.length < TAIL_LINES; i--) if (lines[i]!.trim() !== '') kept.push(lines[i]!);
  return kept;
}

/** Characters read from the middle of a long input. */
const MIDDLE_CHARS = 768;

/**
 * Whole lines from the middle of an input longer than the head and tail
 * together: a long run's bulk is its test results, while its first screen may
 * be logging and its last a recap of failures.
 */
function middleOf(probe: Probe, tailLines: number): readonly string[] {
  const { text } = probe;
  if (probe.lineCount <= probe.lines.length + tailLines + 8 || text.length < 3 * MIDDLE_CHARS) return [];
  const from = (text.length - MIDDLE_CHARS) >> 1;
  const lines = text.slice(from, from + MIDDLE_CHARS).split('\n');
  return lines.slice(1, -1); // both ends are partial
}

export function scoreTestOutput(probe: Probe): number {
  let lines = 0;
  let signatures = 0;
  let marks = 0;
  const tail = tailOf(probe);
  for (const sample of [probe.lines, tail]) {
    for (const raw of sample) {
      const l = stripAnsi(raw.length > 400 ? raw.slice(0, 400) : raw).trimEnd();
      if (l === '') continue;
      lines++;
      if (ANY_SIGNATURE.test(l) && ++signatures >= 2) return 0.95;
      if (MARK.test(l)) marks++;
    }
  }
  // The middle holds pass/fail marks, not banners; it is read only when neither end
  // named a runner but one of them showed a mark.
  if (signatures === 0 && marks > 0) {
    for (const raw of middleOf(probe, tail.length)) {
      const l = stripAnsi(raw.length > 400 ? raw.slice(0, 400) : raw).trimEnd();
      if (l === '') continue;
      lines++;
      if (MARK.test(l)) marks++;
    }
  }
  if (lines === 0) return -1;
  if (signatures >= 2) return 0.95;
  if (signatures === 1) return 0.9;
  const share = marks / lines;
  if (marks >= 3 && share > 0.1) return Math.min(0.8, 0.45 + share);
  return marks > 0 ? 0.15 : 0.01;
}
