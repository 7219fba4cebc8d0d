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

/** The file each agent reads in every project: where lessons from other projects' sessions go. */
export function globalInstructions(agent: LearnAgent, home: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  switch (agent) {
    case 'claude':
      return path.join(env.CLAUDE_CONFIG_DIR || path.join(home, '.claude'), 'CLAUDE.md');
    case 'codex':
      return path.join(env.CODEX_HOME || path.join(home, '.codex'), 'AGENTS.md');
    case 'gemini':
      return path.join(home, '.gemini', 'GEMINI.md');
    case 'opencode':
      return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'opencode', 'AGENTS.md');
    default:
      return undefined; // Copilot CLI and Aider read no per-user instructions file.
  }
}

export interface ProposeOptions {
  readonly cwd: string;
  /** --target: every rule goes to this file instead. */
  readonly target?: string;
  /** For lessons of other projects' sessions: the user's own file (see globalInstructions). */
  readonly home?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Where a lesson's rule goes: --target, else this project's file, else (seen only elsewhere) the user's own file. */
export function fileFor(lesson: Lesson, o: ProposeOptions): string | undefined {
  if (o.target) return path.resolve(o.cwd, o.target);
  const agent = lesson.evidence[0]?.agent ?? 'claude';
  if (lesson.scope !== 'elsewhere') return path.join(o.cwd, INSTRUCTIONS[agent]);
  return o.home ? globalInstructions(agent, o.home, o.env ?? {}) : undefined;
}

export function propose(lessons: readonly Lesson[], o: ProposeOptions): Proposal[] {
  const out: Proposal[] = [];
  for (const lesson of lessons) {
    // Another project's lesson is not written into this project's file unless --target asks.
    const file = fileFor(lesson, o);
    if (!file) continue;
    const before = readOrEmpty(file);
    if (parseBlock(before).rules.some((r) => ruleKey(r) === ruleKey(lesson.rule))) continue; // learned before
    out.push(proposalFor(file, [lesson], [lesson.rule], o.cwd, before));
  }
  return out;
}
