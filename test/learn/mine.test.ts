import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { mine } from '../../src/learn/mine.js';
import { claudeTranscripts } from '../../src/learn/transcripts/claude.js';
import type { Lesson, Session } from '../../src/learn/types.js';
import { CORPUS_ROOT } from '../helpers/corpus.js';

// Mining the real Claude Code sessions of the corpus, checked against the
// failures each case's meta.json says are there to be mined.

const DIR = path.join(CORPUS_ROOT, 'transcripts', 'claude-code');
let sessions: Session[];
beforeAll(async () => {
  sessions = [];
  for (const name of fs.readdirSync(DIR).sort()) sessions.push(...(await claudeTranscripts.read(path.join(DIR, name, 'input.txt'))));
});

const byKey = (lessons: readonly Lesson[]) => new Map(lessons.map((l) => [l.key, l]));

test('with one-offs kept, the failures the corpus notes are found, each with a specific rule and its evidence', async () => {
  const lessons = byKey(await mine(sessions, { minCount: 1 }));
  const rule = (key: string) => lessons.get(key)?.rule;
  expect(rule('missing:tree')).toBe('`tree` is not installed here: use `find` instead.');
  expect(rule('flag:git push:--set-upstream')).toMatch(/^Run `git push --set-upstream`, not plain `git push`: it failed with "fatal: The current branch/);
  expect(rule('tool:Read:dir')).toMatch(/Do not `Read` a directory/);
  expect(rule('tool:Read:too-large')).toMatch(/`app\.js` was too big/);
  expect(rule('tool:Read:missing-path:session_live.html.heex')).toMatch(/`session_live\.html\.heex` did not exist/);
  expect(rule('tool:*:stale-edit')).toMatch(/Read the lines again before `Edit`/);
  expect(rule('edit:mix test:mix.exs')).toMatch(/lazy_html as a test dependency.*the fix is in `mix\.exs`/);
  expect(rule('edit:mix test:test.exs')).toMatch(/secret_key_base.*the fix is in `test\.exs`/);
  const loop = lessons.get('loop:git commit:pre-commit validation failed:')!;
  expect(loop.count).toBeGreaterThanOrEqual(5);
  expect(loop.evidence[0]).toMatchObject({ agent: 'claude', session: 'ae4a77f8-aedd-4bc1-888f-c94edc91af04', error: 'Pre-commit validation failed:' });
  expect(lessons.get('missing:tree')!.evidence[0]!.fixed).toMatch(/^Bash: find /);
  // Nothing else: every lesson is one a corpus note describes (no noise).
  expect(lessons.size).toBe(9);
  // "Sibling tool call errored" is collateral of another failure, never a lesson of its own.
  expect([...lessons.values()].some((l) => l.evidence.some((e) => /Sibling/.test(e.error)))).toBe(false);
});

test("by default a one-off is dropped unless its cause is known: a tool's own rule or remedy, a missing program", async () => {
  const lessons = await mine(sessions);
  // The edits that fixed mix test happened once: they wait. The guessed path is a one-off. git's own
  // remedy for a branch without upstream (it printed `git push --set-upstream origin x`) holds at once.
  expect(lessons.map((l) => l.key).sort()).toEqual([
    'flag:git push:--set-upstream',
    'loop:git commit:pre-commit validation failed:',
    'missing:tree',
    'tool:*:stale-edit',
    'tool:Read:dir',
    'tool:Read:too-large',
  ]);
});

test('ranked by count, then tokens wasted; deterministic', async () => {
  const a = await mine(sessions, { minCount: 1 });
  const b = await mine([...sessions].reverse(), { minCount: 1 });
  expect(a.map((l) => l.key).sort()).toEqual(b.map((l) => l.key).sort());
  for (let i = 1; i < a.length; i++) {
    const [p, q] = [a[i - 1]!, a[i]!];
    expect(p.count > q.count || (p.count === q.count && p.wastedTokens >= q.wastedTokens)).toBe(true);
  }
});

test("the user's corrections are kept even when said once; refusals become a rule when repeated", async () => {
  const session: Session = {
    agent: 'claude',
    id: 's1',
    file: 'x.jsonl',
    skipped: 0,
    steps: [
      { kind: 'user', text: 'List /no/such/dir; if that fails, list /tmp instead.' }, // the task, not a correction
      { kind: 'call', id: 'a', tool: 'Bash', command: 'npm install left-pad', input: '{}' },
      { kind: 'result', id: 'a', isError: true, output: "The user doesn't want to proceed with this tool use." },
      { kind: 'user', text: "Don't use npm here, use pnpm instead.", refused: true },
      { kind: 'call', id: 'b', tool: 'Bash', command: 'npm publish', input: '{}' },
      { kind: 'result', id: 'b', isError: true, output: "The user doesn't want to proceed with this tool use." },
      { kind: 'user', text: '', refused: true },
      { kind: 'call', id: 'c', tool: 'Bash', command: 'npm publish --tag next', input: '{}' },
      { kind: 'result', id: 'c', isError: true, output: "The user doesn't want to proceed with this tool use." },
      { kind: 'user', text: '', refused: true },
    ],
  };
  const lessons = byKey(await mine([session]));
  const said = [...lessons.values()].filter((l) => l.fromUser);
  expect(said.map((l) => l.rule)).toEqual(["Don't use npm here, use pnpm instead."]);
  expect(lessons.get('refused:npm publish')).toMatchObject({ rule: 'Ask before running `npm publish`: the user refused it.', count: 2 });
});
