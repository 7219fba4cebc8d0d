import { clip } from '../lines.js';
import { anyOf } from '../build/index.js';

// What each line of test-runner output is for a reader who wants to fix the
// failures: passing noise (dropped first), context (dropped while over
// budget), or a key line (failure name, assertion, location, panic, summary),
// which is always kept. Patterns cover pytest, jest/vitest, mocha, go test,
// cargo test, rspec, ExUnit, maven surefire and gradle.

export const NOISE = 0;
export const CONTEXT = 1;
export const KEY = 2;

const NOISE_RULES: readonly RegExp[] = [
  /^=== (?:RUN|PAUSE|CONT|NAME)\s/, // go test -v
  /^\s*--- (?:PASS|SKIP): /,
  /^(?:PASS|ok)\s*$/,
  /^ok\s+\S+\s+(?:\(cached\)|[\d.]+s)/,
  /^[.sSxXEF*]{2,}\s*(?:\[\s*\d+%\])?\s*$/, // pytest / rspec progress dots
  / (?:PASSED|SKIPPED|XFAIL|XPASS)(?:\s+\[\s*\d+%\])?\s*$/, // pytest -v, gradle
  /^test \S+ \.\.\. (?:ok|ignored)\s*$/, // cargo test
  /^running \d+ tests?\s*$/,
  /^\s+(?:Compiling|Checking|Finished|Running|Doc-tests|Downloaded|Downloading|Fresh)\s/,
  /^\s*(?:✓|√|✔|○|↓|◯)\s/, // jest / vitest / mocha passing or skipped
  /^\s*PASS\s+\S/, // jest file header
  /^\[INFO\] (?:Running |Download|Tests run: \d+, Failures: 0, Errors: 0)/, // maven surefire
  /^Progress \(\d+\)/,
  /^> Task :/,
  /^ok \d+ /, // TAP: a passing test
  /^\[ (?:RUN {6}| {7}OK )\] /, // googletest: a test starting, a test passing
  /^\s*\d+\/\d+ Test\s+#\d+: \S+ \.+\s+Passed/, // ctest
  /^\s*✔ /, // node --test, ava
];

const KEY_RULES: readonly RegExp[] = [
  /--- FAIL/,
  /^\s*FAIL\b/,
  /\b(?:FAIL(?:ED|URE|URES)?|ERROR|Panic|panic(?:ked)?|Traceback)\b|(?:Error|Exception)\b/,
  /^\s*(?:×|✕|✗|✘|❌|✖)\s/,
  /^\s*\d+\) /, // mocha / rspec numbered failures
  /^E\s/, // pytest assertion lines
  /^>\s/, // pytest failing source line
  /^_{1,} \S.* _{1,}$/, // pytest failure headers
  /^[=_-]{3,} .* [=_-]{3,}$/, // section headers and the pytest summary bar
  /\b[Aa]ssert/,
  /^\s*(?:Expected|Received|expected|received|actual|Actual|left|right)\b.{0,40}:/,
  /^\s+\w+_test\.go:\d+:/, // go t.Log / t.Error output
  /^\s*[\w.@/-]+\.\w{1,6}:\d+(?::\d+)?(?::|\s|$)/, // file:line at line start
  /\.\w{1,6}:\d+:\d+\b/, // file:line:col anywhere (jest ❯ lines, rust panics)
  /\b\d+ (?:passed|failed|passing|failing|errors?|skipped|failures?|pending|tests?|todo)\b/i, // summaries (mocha says passing/failing)
  /^\s*(?:Tests?|Test Files|Test Suites|Snapshots|Time|Duration|test result):?\s/,
  /\bBUILD (?:SUCCESS|FAILURE|FAILED)\b/,
  /^failures:\s*$/,
  /^---- \S+ stdout ----$/, // cargo test failure header
  /^not ok \d+ /, // TAP: a failing test
  /^\[ {2}FAILED {2}\] |^\[={10}\] \d+ tests? /, // googletest
  /\*\*\*Failed|^The following tests FAILED:|^\d+% tests passed/, // ctest
  /^\d+ runs, \d+ assertions|^\d+ tests, \d+ assertions|^(?:All tests successful|Result: |Files=\d+)/, // minitest, test-unit, prove
  /^ℹ (?:tests|pass|fail) \d+|^✖ /, // node --test
  /^# (?:tests|pass|fail) \d+$|^1\.\.\d+$/, // TAP summary
  /^Exit code \d+/, // the agent's own header of a failed command (Claude Code)
  /^<\/?persisted-output>|^Full output saved to: |^Output too large|^Preview \(first /, // Claude Code's preview of a large output
];

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
