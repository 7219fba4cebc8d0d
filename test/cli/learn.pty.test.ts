import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { BIN, isolatedEnv } from '../helpers/cli.js';
import { CORPUS_ROOT } from '../helpers/corpus.js';
import { spawnTerm } from '../helpers/term.js';
import { tempDir } from '../helpers/temp-dir.js';

// `headroom learn` as a person runs it: in a real terminal, over the real
// Claude Code sessions of the corpus, deciding each proposed diff with a key,
// then reading the file. Rejected diffs and interrupted runs write nothing.

const FROM = path.join(CORPUS_ROOT, 'transcripts', 'claude-code');
const USER_TEXT = '# Notes of my own\n\nDo not touch this line.\n';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function project() {
  const env = isolatedEnv();
  const cwd = tempDir('learn-project-');
  dirs.push(cwd, env.HOME!);
  fs.writeFileSync(path.join(cwd, 'CLAUDE.md'), USER_TEXT);
  return { env: { ...env, PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', NO_COLOR: '1' }, cwd, file: path.join(cwd, 'CLAUDE.md') };
}

// The corpus sessions ran in another project: without --target their rules would be offered for
// ~/.claude/CLAUDE.md. These tests ask for the project's own file.
const learn = (p: ReturnType<typeof project>, extra: string[] = []) =>
  spawnTerm(process.execPath, [BIN, 'learn', '--from', FROM, '--min-count', '1', '--target', 'CLAUDE.md', ...extra], { cwd: p.cwd, env: p.env, cols: 120, rows: 40 });

test('accept, reject, skip: only the accepted rules are written, after a backup, the rest of the file untouched', async () => {
  const p = project();
  const t = learn(p);
  await t.waitFor(/1 of 9: /);
  const first = t.screen().join('\n');
  expect(first).toContain('Pre-commit validation failed');
  t.write('a');
  await t.waitFor(/2 of 9: /);
  t.write('r');
  await t.waitFor(/3 of 9: /);
  t.write('s');
  await t.waitFor(/4 of 9: /);
  t.write('y');
  await t.waitFor(/5 of 9: /);
  t.write('q');
  const exit = await t.exited;
  expect(exit.exitCode).toBe(0);
  const text = fs.readFileSync(p.file, 'utf8');
  expect(text.startsWith(USER_TEXT)).toBe(true);
  const rules = text.split('\n').filter((l) => l.startsWith('- '));
  expect(rules).toHaveLength(2);
  expect(rules[0]).toMatch(/`git commit` fails here with "Pre-commit validation failed:"/);
  const backups = fs.readdirSync(p.cwd).filter((n) => n.startsWith('CLAUDE.md.') && n.endsWith('.bak'));
  expect(backups).toHaveLength(1);
  expect(fs.readFileSync(path.join(p.cwd, backups[0]!), 'utf8')).toBe(USER_TEXT);
  expect(t.raw()).toMatch(/wrote 2 rules to /);
}, 60_000);

test('a rejected diff leaves the file byte-identical; Ctrl-C mid-way writes nothing', async () => {
  const p = project();
  const t = learn(p);
  await t.waitFor(/1 of 9: /);
  t.write('r');
  await t.waitFor(/2 of 9: /);
  t.write('q');
  expect((await t.exited).exitCode).toBe(0);
  expect(fs.readFileSync(p.file, 'utf8')).toBe(USER_TEXT);

  // The rejected rule is remembered: it is not proposed again.
  const u = learn(p);
  await u.waitFor(/1 of 8: /);
  u.write('a'); // accepted, then interrupted before the end: nothing may be written
  await u.waitFor(/2 of 8: /);
  u.write('\x03');
  await u.exited;
  expect(fs.readFileSync(p.file, 'utf8')).toBe(USER_TEXT);
  expect(fs.readdirSync(p.cwd).filter((n) => n.endsWith('.bak'))).toEqual([]);
}, 60_000);

test('--review brings the last proposals back without scanning; --dry-run and a missing terminal write nothing', async () => {
  const p = project();
  const dry = spawnTerm(process.execPath, [BIN, 'learn', '--from', FROM, '--min-count', '1', '--target', 'CLAUDE.md', '--dry-run'], { cwd: p.cwd, env: p.env, cols: 200, rows: 50 });
  expect((await dry.exited).exitCode).toBe(0);
  expect(dry.raw()).toContain('+- `tree` is not installed here: use `find` instead.');
  expect(fs.readFileSync(p.file, 'utf8')).toBe(USER_TEXT);

  const t = spawnTerm(process.execPath, [BIN, 'learn', '--review', '--target', 'CLAUDE.md'], { cwd: p.cwd, env: p.env, cols: 120, rows: 40 });
  await t.waitFor(/1 of 9: /);
  t.write('a');
  await t.waitFor(/2 of 9: /);
  t.write('q');
  expect((await t.exited).exitCode).toBe(0);
  expect(fs.readFileSync(p.file, 'utf8')).toMatch(/- `git commit` fails here/);
}, 60_000);
