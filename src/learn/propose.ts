import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { parseBlock, ruleKey, withRules } from './block.js';
import type { LearnAgent, Lesson, Proposal } from './types.js';

// Lessons become proposals: one per lesson, each a unified diff adding its
// rule to the instructions file its agent reads. Rules the file already has
// are not proposed again. Pure apart from reading the target files.

/** The file each agent reads its project instructions from. */
export const INSTRUCTIONS: Readonly<Record<LearnAgent, string>> = {
  claude: 'CLAUDE.md',
  codex: 'AGENTS.md',
  opencode: 'AGENTS.md',
  copilot: 'AGENTS.md',
  aider: 'AGENTS.md',
  gemini: 'GEMINI.md',
};

export function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function diffOf(file: string, before: string, after: string, cwd: string): string {
  const name = path.relative(cwd, file) || path.basename(file);
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}

/** A proposal for `rules` added to `file`, against the file as it is now. */
export function proposalFor(file: string, lessons: readonly Lesson[], rules: readonly string[], cwd: string, before = readOrEmpty(file)): Proposal {
  const after = withRules(before, rules);
  const id = createHash('sha256').update(`${file}\n${rules.map(ruleKey).join('\n')}`).digest('base64url').slice(0, 12);
  return { id, file, before, after, diff: diffOf(file, before, after, cwd), lessons };
}

export interface ProposeOptions {
  readonly cwd: string;
  /** --target: every rule goes to this file instead. */
  readonly target?: string;
}

export function propose(lessons: readonly Lesson[], o: ProposeOptions): Proposal[] {
  const out: Proposal[] = [];
  for (const lesson of lessons) {
    const agent = lesson.evidence[0]?.agent ?? 'claude';
    const file = o.target ? path.resolve(o.cwd, o.target) : path.join(o.cwd, INSTRUCTIONS[agent]);
    const before = readOrEmpty(file);
    if (parseBlock(before).rules.some((r) => ruleKey(r) === ruleKey(lesson.rule))) continue; // learned before
    out.push(proposalFor(file, [lesson], [lesson.rule], o.cwd, before));
  }
  return out;
}
