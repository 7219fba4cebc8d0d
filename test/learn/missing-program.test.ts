import { expect, test } from 'vitest';
import { mine } from '../../src/learn/mine.js';
import type { Lesson, Session, Step } from '../../src/learn/types.js';

// A missing program and what took its place, in the shapes of the wide set's
// sessions (bench/transcripts; the calls are written anew, the outputs as the
// shells print them). The replacement is named only when it is tied to the
// failure; a command that merely worked next is not one.

let n = 0;
const run = (command: string, output: string, o: { isError?: boolean; exitCode?: number } = {}): Step[] => {
  const id = `m${++n}`;
  return [
    { kind: 'call', id, tool: 'Bash', command, input: JSON.stringify({ command }) },
    { kind: 'result', id, isError: o.isError ?? true, ...(o.exitCode !== undefined && { exitCode: o.exitCode }), output },
  ];
};
const ran = (command: string, output = 'ok') => run(command, output, { isError: false, exitCode: 0 });
const session = (steps: Step[], cwd = '/Users/dev/app'): Session => ({ agent: 'claude', id: `s${++n}`, file: 'x.jsonl', cwd, skipped: 0, steps: [{ kind: 'user', text: 'run the checks' }, ...steps] });
const rules = async (s: Session): Promise<string[]> => (await mine([s])).map((l: Lesson) => l.rule);

test('macOS has no timeout: the same command ran without it, which is no reason to "use python3 instead"', async () => {
  const s = session([...run('timeout 60 python3 run_checks.py', '(eval):1: command not found: timeout', { exitCode: 127 }), ...ran('python3 run_checks.py', '12 checks passed')]);
  expect(await rules(s)).toEqual(['`timeout` is not installed here: run the command without it.']);
});

test('a command that merely worked next is not what replaced the missing program', async () => {
  const s = session([...run('tree -L 2', '/bin/bash: tree: command not found', { exitCode: 127 }), ...ran('git status --short', ' M src/app.ts'), ...ran('python3 --version', 'Python 3.12.1')]);
  const lessons = await mine([s]);
  expect(lessons.map((l) => l.rule)).toEqual(['`tree` is not installed here.']);
  expect(lessons[0]!.evidence[0]!.fixed).toBeUndefined();
});

test('what replaced it: the same arguments, a command naming it, an install, another program on the same folder', async () => {
  const same = session([...run('python manage.py migrate', '/bin/sh: python: command not found', { exitCode: 127 }), ...ran('python3 manage.py migrate')]);
  expect(await rules(same)).toEqual(['`python` is not installed here: use `python3` instead.']);
  const named = session([...run('pytest tests/ -q', 'zsh: command not found: pytest', { exitCode: 127 }), ...ran('ls'), ...ran('python3 -m pytest tests/ -q', '8 passed')]);
  expect(await rules(named)).toEqual(['`pytest` is not installed here: use `python3 -m pytest` instead.']);
  const installed = session([...run('tmux new -d -s dev', 'zsh: command not found: tmux', { exitCode: 127 }), ...ran('brew install tmux'), ...ran('tmux new -d -s dev', '')]);
  expect(await rules(installed)).toEqual(['`tmux` is not installed here: install it first (`brew install tmux`).']);
  const place = session([...run('tree /Users/dev/app/lib -L 3', '(eval):1: command not found: tree', { exitCode: 127 }), ...ran('find /Users/dev/app -type f -name "*.ex"')]);
  expect(await rules(place)).toEqual(['`tree` is not installed here: use `find` instead.']);
});

test('a variable assignment or a script is not a program that could be installed', async () => {
  // cmd reads `VAR=1 cmd` as a command named VAR.
  const assigned = session(
    [...run('CONVEX_VERBOSE=1 npx convex dev --once', "'CONVEX_VERBOSE' is not recognized as an internal or external command,\noperable program or batch file.", { exitCode: 1 }), ...ran('npx convex dev --once')],
    'C:\\Users\\dev\\app',
  );
  expect((await rules(assigned)).filter((r) => /CONVEX_VERBOSE|not installed/.test(r))).toEqual([]);
  const script = session([...run('cd scripts && deploy.sh --dry-run', 'bash: deploy.sh: command not found', { exitCode: 127 }), ...ran('./scripts/deploy.sh --dry-run')]);
  expect((await rules(script)).filter((r) => /not installed/.test(r))).toEqual([]);
});

test('installed but not on the PATH: the same program ran once the shell was set up for it', async () => {
  const s = session([...run('cargo build --release', 'zsh: command not found: cargo', { exitCode: 127 }), ...ran('source "$HOME/.cargo/env" && cargo build --release', 'Finished `release` profile')]);
  expect(await rules(s)).toEqual(['`cargo` is installed but not on the agent\'s `PATH`: run `source "$HOME/.cargo/env"` first.']);
});

test('PATH replaced inside the command: the programs after it are gone, which is not a missing program', async () => {
  const s = session([...run('export PATH=/opt/tools/bin && mytool --list | head -5', 'bash: line 1: head: command not found', { exitCode: 127 }), ...ran('export PATH="/opt/tools/bin:$PATH" && mytool --list | head -5')]);
  expect(await rules(s)).toEqual([
    'Add to `PATH`, do not replace it: `export PATH=/opt/tools/bin` in a command hid the system\'s programs (`head` was not found after it); write `PATH="<dir>:$PATH"`.',
  ]);
});
