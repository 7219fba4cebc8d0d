import { clip } from '../lines.js';
import { anyOf } from '../build/index.js';

// What each line of test-runner output is for a reader who wants to fix the
// failures: passing noise (dropped first), context (dropped while over
// budget), or a key line (failure name, assertion, location, panic, summary),
// which is always kept. Patterns cover pytest, unittest, jest/vitest, mocha,
// node --test, TAP (tape, bats, prove), go test, cargo test, rspec, ExUnit,
// phpunit, ctest, googletest, JUnit/maven surefire and gradle.

export const NOISE = 0;
export const CONTEXT = 1;
export const KEY = 2;

const NOISE_RULES: readonly RegExp[] = [
  /^=== (?:RUN|PAUSE|CONT|NAME)\s/, // go test -v
  /^\s*--- (?:PASS|SKIP): /,
  /^(?:PASS|ok)\s*$/,
  /^(?!\*+\s*$)[.sSxXEF*]{2,}\s*(?:\[\s*\d+%\])?\s*$/, // pytest / rspec progress dots (a row of stars alone is doctest's rule)
  / (?:PASSED|SKIPPED|XFAIL|XPASS)(?:\s+\[\s*\d+%\])?\s*$/, // pytest -v, gradle
  /^test \S+ \.\.\. (?:ok|ignored)\s*$/, // cargo test
  /^running \d+ tests?\s*$/,
  /^\s+(?:Compiling|Checking|Finished|Running|Doc-tests|Downloaded|Downloading|Fresh)\s/,
  /^\s*(?:✓|√|✔|○|↓|◯)\s/, // jest / vitest / mocha passing or skipped
  /^\s*PASS\s+\S/, // jest file header
  /^\[INFO\] (?:Running |Download|Tests run: \d+, Failures: 0, Errors: 0)/, // maven surefire
  /^Progress \(\d+\)/,
  /^> Task :/,
  /^\s*ok \d+ /, // TAP: a passing test (node --test indents subtests)
  /^\s*# Subtest: /, // node --test: the title before each test's result line
  /^\s+duration_ms: [\d.]+$/, // node --test: a result's timing
  /^\[ (?:RUN {6}| {7}OK )\] /, // googletest: a test starting, a test passing
  /^\s*\d+\/\d+ Test\s+#\d+: \S+ \.+\s+Passed/, // ctest
  /^\s*✔ /, // node --test, ava
  /^Test '.+' (?:started|ended)$/, // phpunit --debug: every test's start and end
  /^\s*<testcase\s[^>]*\/>\s*$|^\s*<\/testcase>\s*$/, // JUnit XML: a passing test case, a case's end
];

const KEY_RULES: readonly RegExp[] = [
  /--- FAIL/,
  /^\s*FAIL\b/,
  /\b(?:FAIL(?:ED|URE|URES)?|ERROR|Panic|panic(?:ked)?|Traceback)\b|(?:Error|Exception)\b/,
  /(?:^|\s)(?:×|✕|✗|✘|❌|✖)\s/, // a failure mark (mid-line too: bats' pretty formatter redraws its line)
  /^\s*● \S/, // jest: a failure's header
  /^\s*\d+\) /, // mocha / rspec numbered failures
  /^E\s/, // pytest assertion lines
  /^>\s/, // pytest failing source line
  /^_{1,} \S.* _{1,}$/, // pytest failure headers
  /^[=_-]{3,} .* [=_-]{3,}$/, // section headers and the pytest summary bar
  /\b[Aa]ssert/,
  /^\s*(?:Expected|Received|expected|received|actual|Actual|left|right)\b.{0,40}:/,
  /^\s+\w+_test\.go:\d+:/, // go t.Log / t.Error output
  /^\s*(?:[\w.@/-]+\.\w{1,6}|<[\w .-]+>):\d+(?::\d+)?(?::|\s|$)/, // file:line at line start (Python's <frozen ...> modules too)
  /[\w.-]+\.\w{1,6}"?,? line \d+/, // a location in words: `at t/x.t line 6.` (prove), `(in test file x.bats, line 16)` (bats)
  /^\s*(?:# )?\s*`.*' failed$/, // bats: the command that failed
  /\.\w{1,6}:\d+:\d+\b/, // file:line:col anywhere (jest ❯ lines, rust panics)
  /\b\d+ (?:passed|failed|passing|failing|errors?|skipped|failures?|pending|tests?|todo)\b/i, // summaries (mocha says passing/failing)
  /^\s*(?:Tests?|Test Files|Test Suites|Snapshots|Time|Duration|test result):?\s/,
  /\bBUILD (?:SUCCESS|FAILURE|FAILED)\b/,
  /^failures:\s*$/,
  /^---- \S+ stdout ----$/, // cargo test failure header
  /^\s*not ok \d+ /, // TAP: a failing test, at any depth of subtests
  /^\s*<(?:failure|error)\b|^\s*<testsuites?\s[^>]*\bfailures="\d+"|^\s*<testcase\s[^>]*[^/]>\s*<(?:failure|error)\b/, // JUnit XML: a failure, the counts
  /^\s+(?:error|message|location|at): \S/, // TAP's YAML block under a failure (node --test, node-tap, vitest)
  /^\[ {2}FAILED {2}\] |^\[={10}\] \d+ tests? /, // googletest
  /\*\*\*Failed|^The following tests FAILED:|^\d+% tests passed|^\s*\d+ - \S+ \([\w ]+\)$/, // ctest, with its list of failed tests
  /\bexpected\b.{0,200}\bbut (?:was|got|found)\b/, // test-unit, JUnit, Hamcrest: `<x> expected but was`
  /^\s*# \S+\.\w{1,6}:\d+:in /, // rspec: a failure's location under its message
  /^Failed example:$|^\*{3}Test Failed\*{3} /, // python doctest
  /^\d+ runs, \d+ assertions|^\d+ tests, \d+ assertions|^(?:All tests successful|Result: |Files=\d+)/, // minitest, test-unit, prove
  /^ℹ (?:tests|pass|fail) \d+|^✖ /, // node --test
  /^# (?:tests|pass|fail) \d+$|^1\.\.\d+$/, // TAP summary
  /^Exit code \d+/, // the agent's own header of a failed command (Claude Code)
  /\bexit(?:ed)? (?:code|status):? ?-?\d+|^(?:npm (?:ERR!|error) code|error Command failed with exit code|ELIFECYCLE)\b/i, // how the run ended (go, cargo, npm, yarn, pnpm)
  /^<\/?persisted-output>|^Full output saved to: |^Output too large|^Preview \(first /, // Claude Code's preview of a large output
];

/**
 * A failure's header whose message follows on the next lines (jest's `●`,
 * unittest's FAIL:/ERROR:, doctest's failed example, numbered mocha/rspec/phpunit/JUnit failures,
 * cargo's stdout block, prove's failed test, node --test's ✖). pytest and go
 * are not here: their message lines (`E ...`, `file_test.go:12: ...`) are key.
 */
export const FAILURE_HEADER = /^Failed example:$|^\s*● \S|^(?:FAIL|ERROR): \S|^\s*\d+\) \S|^---- \S.* stdout ----$|^#\s+Failed test\b|^\s*✖ \S|^\s*not ok \d+ |\s✗ \S/;

/** An exception's name alone on its line (rspec, ExUnit): its message is on the next line. */
export const EXCEPTION_ALONE = /^\s*(?:\*\* )?\(?[\w:.]*(?:Error|Exception)\)?:?$/;

/** A YAML block scalar opening a TAP failure's message: the message is on the lines under it. */
export const YAML_MESSAGE = /^\s+(?:error|message): [|>][-+]?$/;

/** Lines that frame a message without saying anything: rules, YAML document marks. */
export const SEPARATOR = /^\s*(?:[-=_~*─━]{3,}|\.\.\.)\s*$/;

/** A file that holds tests: the frame in it is where the failing test stood. */
export const TEST_FILE =
  /(?:^|[\s/\\("'])(?:test_\w+\.py|\w+_test\.(?:py|go|exs?)|\w+_spec\.rb|[\w.-]+\.(?:test|spec)\.[cm]?[jt]sx?|\w+Tests?\.(?:java|kt|cs|php|scala|swift|m))\b|[/\\](?:tests?|spec|__tests__)[/\\]/;

/** go test: a package that passed, and one that failed. */
export const GO_PKG_OK = /^ok\s+\S+\s+(?:\(cached\)|[\d.]+s)/;
export const GO_PKG_FAIL = /^FAIL\s+\S+\s+(?:[\d.]+s|\[)/;

/** JUnit XML: a test case's opening tag (its name), and what may follow it. */
export const JUNIT_CASE = /^\s*<testcase\s[^>]*[^/]>\s*$/;
export const JUNIT_FAILED = /^\s*<(?:failure|error)\b/;
export const JUNIT_END = /^\s*<\/testcase>\s*$/;

/** The kind of one line (a decoded `go test -json` Output, or a raw line). */
const NOISE_ANY = anyOf(NOISE_RULES);
const KEY_ANY = anyOf(KEY_RULES);

export function kindOf(view: string): number {
  const s = clip(view, 400);
  if (NOISE_ANY.test(s)) return NOISE;
  if (KEY_ANY.test(s)) return KEY;
  return CONTEXT;
}

const ACTION = /^\s*\{.{0,200}?"Action":"(\w+)"/;

/**
 * For `go test -json` records, the action and the decoded output; the record
 * itself is kept or dropped whole so needles written against the raw JSON stay.
 */
export function goJsonView(line: string): { action: string; output: string } | undefined {
  const m = ACTION.exec(clip(line, 400));
  if (!m) return undefined;
  let output = '';
  const at = line.indexOf('"Output":');
  if (at >= 0) {
    try {
      const rec: unknown = JSON.parse(line);
      if (rec && typeof rec === 'object' && 'Output' in rec && typeof rec.Output === 'string') {
        output = rec.Output.replace(/\n$/, '');
      }
    } catch {
      output = line.slice(at + 10, at + 410);
    }
  }
  return { action: m[1]!, output };
}

/** Kind of a go test -json record: lifecycle events are noise, failures key, output by its text. */
export function goJsonKind(action: string, output: string): number {
  if (action === 'fail') return KEY;
  if (action === 'output') return output.trim() === '' ? CONTEXT : kindOf(output);
  return NOISE;
}
