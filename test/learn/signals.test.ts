import { expect, test } from 'vitest';
import { commandWords, errorLine, isFindingsReport, missingProgram, programOf, verbOf } from '../../src/learn/signals.js';

test('the error line: a traceback gives its exception, a headline wins, then the strongest kind of line', () => {
  expect(errorLine('Traceback (most recent call last):\n  File "<string>", line 6\njson.decoder.JSONDecodeError: Unterminated string')).toBe('json.decoder.JSONDecodeError: Unterminated string');
  expect(errorLine('Exit code 128\nfatal: The current branch x has no upstream branch.\nTo push the current branch...')).toBe('fatal: The current branch x has no upstream branch.');
  expect(errorLine('Getting extensions\nRunning ExUnit\n** (RuntimeError) no :secret_key_base configuration found\n127 tests, 12 failures')).toBe('** (RuntimeError) no :secret_key_base configuration found');
  expect(errorLine('Pre-commit validation failed:\\n\\n[DIALYZER]\\nFinding PLTs')).toBe('Pre-commit validation failed:');
  expect(errorLine('<tool_use_error>File does not exist.</tool_use_error>')).toBe('File does not exist.');
});

test('the command that did the work: the last step of &&, the first stage of a pipe unless it only feeds the next', () => {
  expect(commandWords('cd /x && FOO=1 sudo npm test -- --runInBand')).toEqual(['npm', 'test', '--', '--runInBand']);
  expect(verbOf('git add -A && git commit -m "$(cat <<\'EOF\'\nfix: a && b\nEOF\n)"')).toBe('git commit');
  expect(programOf('head -c 500 f.jsonl | python3 -c "import json"')).toBe('python3');
  expect(verbOf('mix test 2>&1 | tail -50')).toBe('mix test');
  expect(verbOf('grep -E "a|b && c" file')).toBe('grep');
  expect(programOf('/usr/local/bin/python3.12 x.py')).toBe('python3.12');
});

test('the program a "command not found" names, in the shells\' several ways of saying it', () => {
  expect(missingProgram('(eval):1: command not found: tree')).toBe('tree');
  expect(missingProgram('bash: line 1: python: command not found')).toBe('python');
  expect(missingProgram('sh: 1: rg: not found')).toBe('rg');
  expect(missingProgram("'jq' is not recognized as an internal or external command")).toBe('jq');
  expect(missingProgram('3 tests, 0 failures')).toBeUndefined();
});

test('comments run nothing, and a closing echo never failed: the step before it did', () => {
  const merge = 'echo "=== merge ===" && BRANCH="feature-x" && # back to the main checkout\ncd /home/dev/app && git merge "$BRANCH" --no-ff && echo "merged"';
  expect(verbOf(merge)).toBe('git merge');
  expect(verbOf('npm test || true')).toBe('npm test');
  expect(verbOf('echo "# not a comment" && make build # a comment')).toBe('make build');
  expect(commandWords("grep -c '#include' main.c")).toEqual(['grep', '-c', 'Q', 'main.c']);
});

test('a count of findings is the tool doing its job, not a failure of the environment', () => {
  expect(isFindingsReport('Found 7 errors.')).toBe(true);
  expect(isFindingsReport('✖ 12 problems (12 errors, 0 warnings)')).toBe(true);
  expect(isFindingsReport('Tests: 2 failed, 40 passed, 42 total')).toBe(true);
  expect(isFindingsReport('Pre-commit validation failed:')).toBe(false);
  expect(isFindingsReport('fatal: The current branch x has no upstream branch.')).toBe(false);
});
