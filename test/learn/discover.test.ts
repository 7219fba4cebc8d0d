import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { findSources, inProject, readSources } from '../../src/learn/discover.js';
import { claudeProjectSlug } from '../../src/learn/transcripts/claude.js';
import { CORPUS_ROOT, FIXTURES_ROOT } from '../helpers/corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

const CLAUDE = path.join(CORPUS_ROOT, 'transcripts', 'claude-code', 'spotter-subagent-afc096d', 'input.txt');

test("the current project's sessions are found where each agent keeps them; --all takes every project", async () => {
  const home = tempDir('hr-discover-');
  const cwd = path.join(home, 'work', 'app');
  fs.mkdirSync(cwd, { recursive: true });
  const mine = path.join(home, '.claude', 'projects', claudeProjectSlug(cwd));
  const other = path.join(home, '.claude', 'projects', claudeProjectSlug('/elsewhere'));
  for (const d of [mine, other]) fs.mkdirSync(d, { recursive: true });
  fs.copyFileSync(CLAUDE, path.join(mine, 'a.jsonl'));
  fs.copyFileSync(CLAUDE, path.join(other, 'b.jsonl'));
  const codexDay = path.join(home, '.codex', 'sessions', '2026', '11', '22');
  fs.mkdirSync(codexDay, { recursive: true });
  const codexFixture = fs.readdirSync(path.join(FIXTURES_ROOT, 'learn', 'codex', 'ls-fails')).find((n) => n.endsWith('.jsonl'))!;
  fs.copyFileSync(path.join(FIXTURES_ROOT, 'learn', 'codex', 'ls-fails', codexFixture), path.join(codexDay, codexFixture));

  const here = findSources({ agent: 'auto', all: false, cwd, home, env: {} });
  expect(here.filter((s) => s.format.agent === 'claude').map((s) => path.basename(s.file))).toEqual(['a.jsonl']);
  // The Claude session recorded another folder than this one, but sits in this project's folder: it counts.
  const scan = await readSources(here, { cwd, all: false });
  expect(scan.sessions.map((s) => s.agent)).toEqual(['claude']); // the codex session ran in /home/dev/project
  const all = findSources({ agent: 'auto', all: true, cwd, home, env: {} });
  expect((await readSources(all, { cwd, all: true })).sessions.map((s) => s.agent).sort()).toEqual(['claude', 'claude', 'codex']);
  expect(findSources({ agent: 'codex', all: true, cwd, home, env: {} }).every((s) => s.format.agent === 'codex')).toBe(true);
});

test('a session is in the project when it ran in it or below it; one that does not say is kept', () => {
  const s = (cwd?: string) => ({ agent: 'codex' as const, id: 'x', file: 'f', steps: [], skipped: 0, ...(cwd && { cwd }) });
  expect(inProject(s('/home/dev/app'), '/home/dev/app')).toBe(true);
  expect(inProject(s('/home/dev/app/sub'), '/home/dev/app')).toBe(true);
  expect(inProject(s('/home/dev/application'), '/home/dev/app')).toBe(false);
  expect(inProject(s(), '/home/dev/app')).toBe(true);
});
