import { expect, test } from 'vitest';
import { mine } from '../../src/learn/mine.js';
import type { Lesson, Session, Step } from '../../src/learn/types.js';

// Failures of the environment, each in the shape it had in the wide set's
// sessions (bench/transcripts; the sessions are other people's, so the calls
// here are written anew, outputs as the tools print them). One sighting is
// enough: the cause is known and holds next time.

let n = 0;
const run = (command: string, output: string, o: { isError?: boolean; exitCode?: number } = {}): Step[] => {
  const id = `t${++n}`;
  return [
    { kind: 'call', id, tool: 'Bash', command, input: JSON.stringify({ command }) },
    { kind: 'result', id, isError: o.isError ?? true, ...(o.exitCode !== undefined && { exitCode: o.exitCode }), output },
  ];
};
const tool = (name: string, input: Record<string, string>, output: string, isError = true): Step[] => {
  const id = `t${++n}`;
  return [
    { kind: 'call', id, tool: name, input: JSON.stringify(input), ...(input.file_path && { path: input.file_path }) },
    { kind: 'result', id, isError, output },
  ];
};
const session = (steps: Step[], cwd = '/home/dev/app'): Session => ({ agent: 'claude', id: `s${++n}`, file: 'x.jsonl', cwd, skipped: 0, steps: [{ kind: 'user', text: 'fix the build' }, ...steps] });
const rules = async (s: Session): Promise<string[]> => (await mine([s])).map((l: Lesson) => l.rule);

test('sudo that cannot prompt: ask the user to run it', async () => {
  const r = await rules(session(run('sudo nixos-rebuild build --flake .', 'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\nsudo: a password is required', { exitCode: 1 })));
  expect(r).toEqual(["`sudo` cannot prompt for a password in the agent's shell: ask the user to run `sudo nixos-rebuild build --flake .` themselves."]);
});

test('bash on Windows: cmd commands mean something else', async () => {
  const s = session(run('timeout 10 && type "C:\\Users\\me\\out.txt"', "Exit code 125\nTry 'timeout --help' for more information.", { exitCode: 125 }), 'C:\\Users\\me\\app');
  expect(await rules(s)).toEqual(["The shell is bash on Windows, not cmd: `timeout` is not cmd's here, use `sleep N`."]);
});

test("zsh globbing: quote paths with parentheses", async () => {
  const r = await rules(session(run('ls -la ./app/src/app/(public)/', '(eval):1: no matches found: ./app/src/app/(public)/', { exitCode: 1 })));
  expect(r[0]).toMatch(/^The shell is zsh: .*no matches found: `\.\/app\/src\/app\/\(public\)\/`.*quote such paths\.$/);
});

test('ssh key and push rights', async () => {
  const ssh = await rules(session(run('git push -u origin main', 'git@github.com: Permission denied (publickey).\r\nfatal: Could not read from remote repository.')));
  expect(ssh).toEqual(['No SSH key is set up for `github.com` here (Permission denied (publickey)): use the HTTPS remote and `gh auth`.']);
  const push = await rules(session(run('git push origin main', "remote: Permission to octo/tool.git denied to someone.\nfatal: unable to access 'https://github.com/octo/tool.git/': The requested URL returned error: 403", { exitCode: 128 })));
  expect(push).toEqual(['`someone` cannot push to `octo/tool`: push to a fork or a branch the account owns.']);
});

test('no network: one rule, whichever package manager found out', async () => {
  const s = session([
    ...run('bun install', 'error: FailedToOpenSocket downloading package manifest react'),
    ...run('npm install', 'npm error code ENOTFOUND\nnpm error syscall getaddrinfo\nnpm error errno ENOTFOUND'),
    ...run('pnpm install', 'ERR_PNPM_META_FETCH_FAIL  GET https://registry.npmjs.org/react: request to https://registry.npmjs.org/react failed, reason: connect ConnectionRefused'),
  ]);
  const ls = await mine([s]);
  expect(ls.map((l) => l.key)).toEqual(['env:network']);
  expect(ls[0]!.count).toBe(3);
  expect(ls[0]!.rule).toMatch(/^There is no network here .*check connectivity once/);
});

test('a site that refuses WebFetch, and the search that worked instead', async () => {
  const s = session([
    ...tool('WebFetch', { url: 'https://medium.com/@someone/a-post', prompt: 'summarise' }, 'Request failed with status code 403'),
    ...tool('WebSearch', { query: 'the post title' }, 'Links: ...', false),
  ]);
  expect(await rules(s)).toEqual(['`WebFetch` cannot read `medium.com` (HTTP 403): `WebSearch` worked instead.']);
});

test('a missing program and what replaced it, even when the replacement then failed for its own reason', async () => {
  const s = session([...run('python test_new_columns.py', '/bin/bash: python: command not found', { exitCode: 127 }), ...run('python3 test_new_columns.py', "Traceback (most recent call last):\nModuleNotFoundError: No module named 'openpyxl'", { exitCode: 1 })]);
  const r = await rules(s);
  expect(r).toContain('`python` is not installed here: use `python3` instead.');
  expect(r).toContain("`python3` needs `openpyxl`, which is not installed: install the dependencies first (`pip install openpyxl` (or the project's venv)).");
});

test('a hook that blocks rm, and one that guards .env files', async () => {
  const s = session([
    ...run('rm -rf logs/*.json && git pull origin main', 'Bash operation blocked by hook:\n- [uv run ~/.claude/hooks/pre_tool_use.py]: BLOCKED: Dangerous rm command detected and prevented\n'),
    ...tool('Read', { file_path: '/home/dev/app/.env.example' }, 'Read operation blocked by hook:\n- [uv run ~/.claude/hooks/pre_tool_use.py]: BLOCKED: Access to .env files containing sensitive data is prohibited\nUse .env.sample for template files instead\n'),
  ]);
  expect((await rules(s)).sort()).toEqual([
    'Do not read or write `.env*` files: a hook blocks it ("Access to .env files containing sensitive data is prohibited").',
    'Do not run `rm` here: a hook blocks it ("Dangerous rm command detected and prevented").',
  ]);
});

test('a reader showing a log is not the failure it shows', async () => {
  const s = session(run('tail -20 /tmp/server.log', 'error: API Error: 401 Unauthorized\n statusText: "Unauthorized"', { exitCode: 1 }));
  expect(await rules(s)).toEqual([]);
});

test('a hook names what it blocks: that is the rule, whichever program the command started with', async () => {
  const blocked = 'Bash operation blocked by hook:\n- [uv run ~/.claude/hooks/pre_tool_use.py]: BLOCKED: Dangerous rm command detected and prevented\n';
  const s = session([
    ...run('find . -name "*.pyc" -exec rm {} +', blocked),
    ...run('git rm --cached logs/chat.json && echo "[]" > logs/chat.json', blocked),
    ...run('grep -v SECRET .env.local', 'PreToolUse:Bash hook error: [uv run ~/.claude/hooks/pre_tool_use.py]: BLOCKED: Access to .env files containing sensitive data is prohibited'),
  ]);
  expect((await rules(s)).sort()).toEqual([
    'Do not read or write `.env*` files: a hook blocks it ("Access to .env files containing sensitive data is prohibited").',
    'Do not run `rm` here: a hook blocks it ("Dangerous rm command detected and prevented").',
  ]);
});
