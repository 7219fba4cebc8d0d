import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BIN, headroom, isolatedEnv } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';

// `headroom init`: shell code that makes the installed agents run through
// headroom, checked by running it in a real bash.

let provider: FakeProvider;
beforeAll(async () => {
  provider = await startFakeProvider({ text: 'Hello from the fake model.' });
});
afterAll(() => provider.close());

const AGENTS_PATH = `${REPO_ROOT}/node_modules/.bin:/usr/bin:/bin`;

function bash(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { env }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

test('bash: an alias per installed agent; after eval, `claude` is headroom wrap claude', async () => {
  const env = { ...isolatedEnv(), PATH: AGENTS_PATH };
  const r = await headroom(['init', 'bash'], { env });
  expect(r.code).toBe(0);
  const code = r.stdout.toString('utf8');
  // headroom itself is not on this PATH: the aliases call this installation by its path.
  for (const agent of ['claude', 'codex', 'gemini', 'copilot', 'opencode']) expect(code).toContain(`alias ${agent}='${BIN} wrap ${agent}'\n`);
  expect(code).not.toMatch(/alias (aider|cursor-agent)=/);
  // In a real bash: the alias is what runs, through a session of its own with its summary.
  const run = await bash(`shopt -s expand_aliases\neval "$('${process.execPath}' '${BIN}' init bash)"\nclaude -p 'say hello'`, {
    ...env,
    PATH: `${path.dirname(process.execPath)}:${AGENTS_PATH}`,
    ANTHROPIC_BASE_URL: provider.url,
    ANTHROPIC_API_KEY: 'sk-ant-test-0123456789abcdef',
  });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toBe('Hello from the fake model.\n');
  expect(run.stderr).toMatch(/^headroom: claude, \d+ requests?, /m);
}, 60_000);

test('with headroom on PATH (npm i -g, npm link) the aliases say just `headroom`; --all aliases every agent; --json', async () => {
  const env = isolatedEnv();
  const bin = path.join(env.HOME!, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(BIN, path.join(bin, 'headroom'));
  const r = await headroom(['init', 'zsh', '--all', '--json'], { env: { ...env, PATH: `${bin}:/usr/bin:/bin` } });
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout.toString('utf8')) as { shell: string; headroom: string; aliases: Array<{ command: string; agent: string }>; code: string };
  expect(out).toMatchObject({ shell: 'zsh', headroom: 'headroom' });
  expect(out.aliases.map((a) => a.command)).toEqual(['claude', 'codex', 'gemini', 'copilot', 'opencode', 'aider', 'cursor-agent']);
  expect(out.code).toContain("alias cursor-agent='headroom wrap cursor'\n");
  const fish = await headroom(['init', 'fish', '--all'], { env: { ...env, PATH: `${bin}:/usr/bin:/bin` } });
  expect(fish.stdout.toString('utf8')).toContain("function claude --wraps claude --description 'headroom wrap claude'; headroom wrap claude $argv; end\n");
  // bash parses the zsh code as it is (the same alias syntax).
  const parsed = await bash(`shopt -s expand_aliases\n${out.code}\nalias claude`, { PATH: '/usr/bin:/bin' });
  expect(parsed.stdout).toBe("alias claude='headroom wrap claude'\n");
});

test('the shell comes from $SHELL when not named; an unknown one is a usage error', async () => {
  const env = { ...isolatedEnv(), PATH: AGENTS_PATH };
  const fromShell = await headroom(['init'], { env: { ...env, SHELL: '/usr/bin/fish' } });
  expect(fromShell.stdout.toString('utf8')).toMatch(/^# headroom init fish: /);
  const unknown = await headroom(['init', 'tcsh'], { env });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('unknown shell "tcsh": use one of bash, zsh, fish');
  const noShell = await headroom(['init'], { env: { ...env, SHELL: '' } });
  expect(noShell.code).toBe(2);
  expect(noShell.stderr).toContain('name it, one of bash, zsh, fish');
});
