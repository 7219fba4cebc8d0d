import { expect, test } from 'vitest';
import { mine } from '../../src/learn/mine.js';
import type { Session, Step } from '../../src/learn/types.js';

// Fixes that really fixed. The wrong rule said the fix for
// `gpg failed to sign the data` "is in tests/test_redaction.py": an unrelated
// edit that came next. Written here from a session of the same shape.

let n = 0;
const run = (command: string, output: string, isError: boolean): Step[] => {
  const id = `c${++n}`;
  return [
    { kind: 'call', id, tool: 'Bash', command, input: JSON.stringify({ command }) },
    { kind: 'result', id, isError, output },
  ];
};
const edit = (file: string, newString: string): Step[] => {
  const id = `c${++n}`;
  return [
    { kind: 'call', id, tool: 'Edit', path: file, input: JSON.stringify({ file_path: file, old_string: 'x', new_string: newString }) },
    { kind: 'result', id, isError: false, output: 'The file has been updated.' },
  ];
};
const session = (steps: Step[]): Session => ({ agent: 'claude', id: `s${++n}`, file: 'x.jsonl', cwd: '/home/dev/app', skipped: 0, steps: [{ kind: 'user', text: 'commit it' }, ...steps] });

test('gpg: the rule states the failure and what got the commit through, never the edit that happened next', async () => {
  const s = session([
    ...run('git commit -m "Redact tokens in logs"', 'error: gpg failed to sign the data\nfatal: failed to write commit object', true),
    ...edit('/home/dev/app/tests/test_redaction.py', 'def test_redacts_bearer_tokens():'),
    ...run('git commit --no-gpg-sign -m "Redact tokens in logs"', '[main 1a2b3c4] Redact tokens in logs', false),
  ]);
  for (const minCount of [1, 2]) {
    const lessons = await mine([s], { minCount });
    expect(lessons.map((l) => l.rule)).toEqual(['Commits cannot be signed here (gpg failed to sign the data): commit with `--no-gpg-sign`.']);
    expect(lessons.some((l) => /test_redaction/.test(l.rule))).toBe(false);
  }
});

test('an edit counts as the fix only when the error named its file or the edit wrote what the error named', async () => {
  const failing = 'Error: Phoenix LiveView requires lazy_html as a test dependency.';
  // Tied: mix.exs gets lazy_html, the name the error gave.
  const tied = session([...run('mix test', failing, true), ...edit('/home/dev/app/mix.exs', '{:lazy_html, ">= 0.1.0", only: :test}'), ...run('mix test', '12 tests, 0 failures', false)]);
  expect((await mine([tied], { minCount: 1 })).map((l) => l.rule)).toEqual([`When \`mix test\` fails with "${failing}", the fix is in \`mix.exs\`.`]);
  // Not tied: the README edit came next, the run then passed; no rule names README.md.
  const untied = session([...run('mix test', failing, true), ...edit('/home/dev/app/README.md', 'Run the tests with mix test.'), ...run('mix test', '12 tests, 0 failures', false)]);
  expect((await mine([untied], { minCount: 1 })).filter((l) => /README/.test(l.rule))).toEqual([]);
});

test("a flag that only bypasses the project's checks is not a fix to keep", async () => {
  const s = session([...run('git commit -m "wip"', 'husky - pre-commit script failed (code 1)', true), ...run('git commit --no-verify -m "wip"', '[main 9f8e7d6] wip', false)]);
  expect((await mine([s], { minCount: 1 })).filter((l) => /--no-verify/.test(l.rule))).toEqual([]);
});

test("a compiler's error and the edit that fixed it are the work being done, not a rule", async () => {
  const s = session([
    ...run('cargo build 2>&1 | grep "error\\[" | head -20', 'error[E0432]: unresolved import `exif_rs`', true),
    ...edit('/home/dev/app/src/scanner/metadata.rs', 'use exif::{Reader, Tag}; // exif_rs was renamed'),
    ...run('cargo build', 'Finished `dev` profile [unoptimized + debuginfo] target(s) in 4.2s', false),
  ]);
  expect(await mine([s], { minCount: 1 })).toEqual([]);
});

test('a linter that finds problems did its job: the flag that fixed them is not an environment rule', async () => {
  const s = session([
    ...run('uv run ruff check .', 'F401 [*] `os` imported but unused\nFound 7 errors.\n[*] 5 fixable with the `--fix` option.', true),
    ...run('uv run ruff check --fix .', 'Found 7 errors (7 fixed, 0 remaining).', false),
  ]);
  expect(await mine([s], { minCount: 1 })).toEqual([]);
});

test('a flag the error named, and the retry with it worked: proposed after one sighting; a flag found by trying waits', async () => {
  const named = session([
    ...run('npm install react-day-picker@8', 'npm error code ERESOLVE\nnpm error Fix the upstream dependency conflict, or retry\nnpm error this command with --force or --legacy-peer-deps', true),
    ...run('npm install react-day-picker@8 --legacy-peer-deps', 'added 1 package in 2s', false),
  ]);
  expect((await mine([named])).map((l) => l.rule)).toEqual(['Run `npm install --legacy-peer-deps`, not plain `npm install`: it failed with "npm error code ERESOLVE".']);
  const tried = session([...run('pytest tests/e2e', 'E   TimeoutError: page did not load', true), ...run('pytest tests/e2e --headed', '3 passed', false)]);
  expect(await mine([tried])).toEqual([]);
  expect((await mine([tried], { minCount: 1 })).map((l) => l.key)).toEqual(['flag:pytest:--headed']);
});
