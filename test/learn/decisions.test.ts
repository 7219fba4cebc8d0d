import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadMemory, recall, remember, saveMemory } from '../../src/learn/decisions.js';
import { propose } from '../../src/learn/propose.js';
import type { Lesson } from '../../src/learn/types.js';
import { applyDecisions } from '../../src/learn/write.js';
import { tempDir } from '../helpers/temp-dir.js';

// Memory of decisions, on real files: a rejected rule is not proposed again;
// an edited and accepted rule replaces the mined wording for good.

const lesson = (key: string, rule: string, scope?: 'elsewhere'): Lesson => ({
  key,
  rule,
  count: 1,
  sessions: 1,
  wastedTokens: 10,
  fromUser: false,
  evidence: [{ agent: 'claude', session: 's1', file: 'x.jsonl', failed: 'Bash: x', error: 'e' }],
  ...(scope && { scope }),
});

test('rejected stays rejected, edited stays edited, across runs (0600 file under the state dir)', () => {
  const state = tempDir('learn-state-');
  const cwd = tempDir('learn-proj-');
  const mined = [lesson('env:sudo', '`sudo` cannot prompt here.'), lesson('missing:tree', '`tree` is not installed here: use `find` instead.')];
  const first = propose(recall(mined, loadMemory(state)), { cwd });
  expect(first).toHaveLength(2);
  const [sudo, tree] = first as [(typeof first)[0], (typeof first)[0]];
  const edited = tree.after.replace('`tree` is not installed here: use `find` instead.', 'Use `find -type d`, never `tree` (not installed).');
  const decisions = [
    { id: sudo.id, decision: { kind: 'reject' as const } },
    { id: tree.id, decision: { kind: 'accept' as const, after: edited } },
  ];
  saveMemory(state, remember(loadMemory(state), first, decisions));
  applyDecisions(first, decisions);
  expect((fs.statSync(path.join(state, 'learn', 'decisions.json')).mode & 0o777).toString(8)).toBe('600');

  // The next run mines the same lessons again.
  const again = recall(mined, loadMemory(state));
  expect(again.map((l) => l.rule)).toEqual(['Use `find -type d`, never `tree` (not installed).']);
  // ...and proposes nothing: the edited rule is already in CLAUDE.md, the rejected one is gone.
  expect(propose(again, { cwd })).toEqual([]);
  expect(fs.readFileSync(path.join(cwd, 'CLAUDE.md'), 'utf8')).toContain('- Use `find -type d`, never `tree` (not installed).');
});

test("another project's lesson goes to the user's own file, or to --target, never this project's", () => {
  const cwd = tempDir('learn-proj-');
  const home = tempDir('learn-home-');
  const lessons = [lesson('env:sudo', '`sudo` cannot prompt here.', 'elsewhere'), lesson('missing:tree', '`tree` is not installed here.')];
  const files = propose(lessons, { cwd, home, env: {} }).map((p) => p.file);
  expect(files).toEqual([path.join(home, '.claude', 'CLAUDE.md'), path.join(cwd, 'CLAUDE.md')]);
  expect(propose(lessons, { cwd, home, env: {}, target: 'NOTES.md' }).map((p) => p.file)).toEqual([path.join(cwd, 'NOTES.md'), path.join(cwd, 'NOTES.md')]);
  // Without a home to offer, it is not written anywhere.
  expect(propose(lessons, { cwd }).map((p) => p.file)).toEqual([path.join(cwd, 'CLAUDE.md')]);
});
