import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { headroom, isolatedEnv } from '../helpers/cli.js';
import { CORPUS_ROOT, FIXTURES_ROOT } from '../helpers/corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

// `headroom learn` without a terminal: what it says, what it prints, and that
// it writes nothing. The approval screen itself is driven in learn.pty.test.ts.

const FROM = path.join(CORPUS_ROOT, 'transcripts', 'claude-code');

const run = async (args: string[], cwd: string, env: Record<string, string>) => {
  const r = await headroom(args, { cwd, env });
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
};

function project() {
  const env = isolatedEnv();
  const cwd = tempDir('learn-cli-');
  fs.writeFileSync(path.join(cwd, 'CLAUDE.md'), '# mine\n');
  return { env, cwd };
}

test('without a terminal nothing is written, and it says why and what to do', async () => {
  const { env, cwd } = project();
  const r = await run(['learn', '--from', FROM, '--min-count', '1'], cwd, env);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/nothing was written: approving changes needs a terminal.*--dry-run/s);
  expect(fs.readFileSync(path.join(cwd, 'CLAUDE.md'), 'utf8')).toBe('# mine\n');
});

test('--json prints the lessons with their evidence and the diffs, and writes nothing', async () => {
  const { env, cwd } = project();
  const r = await run(['learn', '--from', FROM, '--min-count', '1', '--json'], cwd, env);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out).toMatchObject({ files: 6, sessions: 6, skipped: 0 });
  expect(out.lessons.find((l: { key: string }) => l.key === 'missing:tree').evidence[0]).toMatchObject({ agent: 'claude', error: '(eval):1: command not found: tree' });
  expect(out.proposals).toHaveLength(9);
  // The corpus sessions ran in another project: their rules are offered for the user's own file, not this project's.
  expect(out.lessons.every((l: { scope?: string }) => l.scope === 'elsewhere')).toBe(true);
  expect(out.proposals[0].file).toBe(path.join(env.HOME!, '.claude', 'CLAUDE.md'));
  expect(fs.readFileSync(path.join(cwd, 'CLAUDE.md'), 'utf8')).toBe('# mine\n');
  expect(fs.existsSync(path.join(env.HOME!, '.claude', 'CLAUDE.md'))).toBe(false);
});

test('--target puts other projects\' lessons where the user asks', async () => {
  const { env, cwd } = project();
  const r = await run(['learn', '--from', FROM, '--json', '--target', 'NOTES.md'], cwd, env);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.proposals.length).toBeGreaterThan(0);
  expect(new Set(out.proposals.map((p: { file: string }) => p.file))).toEqual(new Set([path.join(cwd, 'NOTES.md')]));
});

test('every agent format is read from --from; damaged records are counted, never fatal', async () => {
  const { env, cwd } = project();
  const dir = tempDir('learn-from-');
  fs.cpSync(path.join(FIXTURES_ROOT, 'learn'), dir, { recursive: true });
  const claude = path.join(dir, 'claude.jsonl');
  fs.copyFileSync(path.join(FROM, 'spotter-subagent-afc096d', 'input.txt'), claude);
  fs.appendFileSync(claude, '{"type":"user","sessionId":"x","message":{"content":[{"type":"tool_res');
  const r = await run(['learn', '--from', dir, '--min-count', '1', '--json'], cwd, env);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.files).toBe(7); // the six formats' fixtures and the corpus one
  expect(out.skipped).toBe(1);
  expect(out.lessons.map((l: { key: string }) => l.key)).toContain('missing:tree');
});

test('bad flags are usage errors', async () => {
  const { env, cwd } = project();
  expect((await run(['learn', '--agent', 'vim'], cwd, env)).code).toBe(2);
  expect((await run(['learn', '--min-count', '0'], cwd, env)).code).toBe(2);
  const review = await run(['learn', '--review'], cwd, env);
  expect(review.code).toBe(1);
  expect(review.stderr).toMatch(/no saved proposals: run `headroom learn` first/);
});
