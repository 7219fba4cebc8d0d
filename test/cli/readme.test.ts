import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { BIN, isolatedEnv } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';

// README's first commands, run as written: they must work on what any clone
// has (no ../shared), and the daily set-up must be two commands that work.

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

function sh(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd: REPO_ROOT, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test("README's first command compresses a real command's output from the clone itself", async () => {
  const first = blocks[0]!;
  expect(first).toMatch(/^npm install && (.+)$/);
  expect(first).not.toContain('../shared');
  const afterInstall = first.replace(/^npm install && /, '');
  const env = { ...process.env, ...isolatedEnv() } as Record<string, string>;
  const r = await sh(`set -o pipefail; ${afterInstall}`, env);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/\[headroom: \d+ entries omitted.*; retrieve id=hr_[a-z0-9]{12}\]/);
}, 60_000);

test("README's daily set-up is two commands: on PATH, then the aliases from headroom init", async () => {
  const daily = blocks.find((b) => b.startsWith('npm link'))!;
  const lines = daily.split('\n').map((l) => l.replace(/\s+#.*$/, ''));
  expect(lines).toEqual(['npm link', `echo 'eval "$(headroom init bash)"' >> ~/.bashrc`]);
  // What npm link leaves: `headroom` on PATH as this installation. Then the line README adds to ~/.bashrc.
  const env = isolatedEnv();
  const bin = path.join(env.HOME!, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(BIN, path.join(bin, 'headroom'));
  const r = await sh(`shopt -s expand_aliases\n${lines[1]!.replace(/^echo '(.*)' >> ~\/\.bashrc$/, '$1')}\nalias claude`, {
    ...env,
    PATH: `${bin}:${path.dirname(process.execPath)}:${REPO_ROOT}/node_modules/.bin:/usr/bin:/bin`,
  });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe("alias claude='headroom wrap claude'\n");
}, 60_000);
