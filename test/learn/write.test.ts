import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parseBlock } from '../../src/learn/block.js';
import { propose, proposalFor } from '../../src/learn/propose.js';
import type { Lesson } from '../../src/learn/types.js';
import { applyDecisions } from '../../src/learn/write.js';
import { tempDir } from '../helpers/temp-dir.js';

const lesson = (rule: string, agent: Lesson['evidence'][number]['agent'] = 'claude'): Lesson => ({
  key: rule,
  rule,
  count: 2,
  sessions: 1,
  wastedTokens: 10,
  fromUser: false,
  evidence: [{ agent, session: 's', file: 'f', failed: 'Bash: x', error: 'e' }],
});

function project() {
  const cwd = tempDir('hr-learn-');
  fs.writeFileSync(path.join(cwd, 'CLAUDE.md'), '# Mine\n\nKeep this.\n', { mode: 0o640 });
  return cwd;
}

test('each lesson becomes a diff against its agent file; rules already there are not proposed again', () => {
  const cwd = project();
  const ps = propose([lesson('Use `python3`, not `python`.'), lesson('Use `rg`, not `grep -r`.', 'codex'), lesson('Gemini rule.', 'gemini')], { cwd });
  expect(ps.map((p) => path.basename(p.file))).toEqual(['CLAUDE.md', 'AGENTS.md', 'GEMINI.md']);
  expect(ps[0]!.diff).toContain('+- Use `python3`, not `python`.');
  expect(ps[0]!.diff).toContain('--- a/CLAUDE.md');
  fs.writeFileSync(path.join(cwd, 'CLAUDE.md'), ps[0]!.after);
  expect(propose([lesson('use python3, NOT python')], { cwd })).toEqual([]);
  expect(propose([lesson('x')], { cwd, target: 'docs/RULES.md' })[0]!.file).toBe(path.join(cwd, 'docs/RULES.md'));
});

test('only accepted proposals are written, merged per file, atomically, with a backup; a rejected one leaves the file byte-identical', () => {
  const cwd = project();
  const file = path.join(cwd, 'CLAUDE.md');
  const original = fs.readFileSync(file);
  const [a, b, c] = propose([lesson('Rule A.'), lesson('Rule B.'), lesson('Rule C.')], { cwd });
  const edited = proposalFor(c!.file, c!.lessons, ['Rule C, as edited.'], cwd, c!.before);
  const written = applyDecisions([a!, b!, c!], [
    { id: a!.id, decision: { kind: 'accept', after: a!.after } },
    { id: b!.id, decision: { kind: 'reject' } },
    { id: c!.id, decision: { kind: 'accept', after: edited.after } },
  ], new Date('2026-11-22T10:00:00Z'));
  expect(written).toHaveLength(1);
  expect(parseBlock(fs.readFileSync(file, 'utf8')).rules).toEqual(['Rule A.', 'Rule C, as edited.']);
  expect(fs.readFileSync(file, 'utf8').startsWith('# Mine\n\nKeep this.\n')).toBe(true);
  expect(fs.readFileSync(written[0]!.backup!)).toEqual(original);
  expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  expect(fs.readdirSync(cwd).filter((n) => n.endsWith('.tmp'))).toEqual([]);

  const before = fs.readFileSync(file);
  const [d] = propose([lesson('Rule D.')], { cwd });
  expect(applyDecisions([d!], [{ id: d!.id, decision: { kind: 'reject' } }])).toEqual([]);
  expect(applyDecisions([d!], [{ id: d!.id, decision: { kind: 'skip' } }])).toEqual([]);
  expect(fs.readFileSync(file)).toEqual(before);
});

test("the user's edits made while the screen was open are kept: rules merge into the file as it is at write time", () => {
  const cwd = project();
  const file = path.join(cwd, 'CLAUDE.md');
  const [a] = propose([lesson('Rule A.')], { cwd });
  fs.appendFileSync(file, 'Added meanwhile.\n');
  applyDecisions([a!], [{ id: a!.id, decision: { kind: 'accept', after: a!.after } }]);
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain('Added meanwhile.\n');
  expect(parseBlock(text).rules).toEqual(['Rule A.']);
});
