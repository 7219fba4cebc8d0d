import { createTwoFilesPatch } from 'diff';
import type { Lesson, Proposal } from '../../../src/learn/types.js';

// Small, realistic proposals for the approval screen. The failures are real
// ones from ../shared/corpus/transcripts/claude-code (spotter sessions); the
// files hold user text plus the managed block headroom learn owns.

export const START = '<!-- headroom:learn:start -->';
export const END = '<!-- headroom:learn:end -->';

export const CLAUDE_MD = `# spotter

Phoenix app that records Claude Code sessions.

## Conventions
- Keep LiveView modules under lib/spotter_web/live.
- Run \`mix test\` before pushing.
`;

/** The file with its managed block holding exactly these rules (appended when absent). */
export function withRules(before: string, rules: readonly string[]): string {
  const block = [START, '## Learned from past sessions', ...rules.map((r) => `- ${r}`), END].join('\n');
  const at = before.indexOf(START);
  const end = before.indexOf(END);
  if (at >= 0 && end > at) return before.slice(0, at) + block + before.slice(end + END.length);
  return `${before}${before.endsWith('\n') || before === '' ? '' : '\n'}\n${block}\n`;
}

export function proposal(id: string, file: string, before: string, lessons: Lesson[]): Proposal {
  const after = withRules(before, lessons.map((l) => l.rule));
  const name = file.split('/').at(-1)!;
  return { id, file, before, after, diff: createTwoFilesPatch(name, name, before, after), lessons };
}

/** What the CLI's rebuild does: same proposal, the block rewritten with the edited rules. */
export function rebuild(p: Proposal, rules: string[]): Proposal {
  const lessons = rules.map((rule, i) => ({ ...(p.lessons[i] ?? p.lessons[0]!), rule }));
  return proposal(p.id, p.file, p.before, lessons);
}

export const pushUpstream: Lesson = {
  key: 'git-push-upstream',
  rule: 'Push a new branch with `git push -u origin <branch>`: plain `git push` has no upstream.',
  count: 1,
  sessions: 1,
  wastedTokens: 1840,
  fromUser: false,
  evidence: [
    {
      agent: 'claude',
      session: 'fa812bfe-b295-4cca-9c2f-fdf01028cb46',
      file: '/home/USER/.claude/projects/-home-USER-projects-spotter/fa812bfe-b295-4cca-9c2f-fdf01028cb46.jsonl',
      at: '2026-02-12T15:48:55.898Z',
      failed: 'Bash: git push 2>&1',
      error: 'fatal: The current branch spotter-a0y has no upstream branch.',
      fixed: 'Bash: git push --set-upstream origin spotter-a0y',
    },
  ],
};

export const credoFirst: Lesson = {
  key: 'credo-before-commit',
  rule: 'Run `mix credo --strict` and `mix dialyzer` before committing: the pre-commit hook runs both.',
  count: 6,
  sessions: 1,
  wastedTokens: 18_400,
  fromUser: false,
  evidence: [
    {
      agent: 'claude',
      session: 'ae4a77f8-aedd-4bc1-888f-c94edc91af04',
      file: '/home/USER/.claude/projects/-home-USER-projects-spotter/ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl',
      at: '2026-02-12T14:30:08.519Z',
      failed: 'Bash: git add -A && git commit -m "feat: instrument hook controllers with trace correlation and error spans"',
      error: 'Total errors: 2, Skipped: 0, Unnecessary Skips: 0 | found 1 code readability issue.',
      fixed: 'Bash: mix credo --strict lib/spotter_web/controllers/otel_trace_helpers.ex',
    },
  ],
};

export const jsonlLines: Lesson = {
  key: 'jsonl-line-by-line',
  rule: 'Read JSONL files line by line; `head -c` cuts a record in half.',
  count: 1,
  sessions: 1,
  wastedTokens: 960,
  fromUser: false,
  evidence: [
    {
      agent: 'claude',
      session: '8463c716-a2ea-4c14-9efa-87158ebd9f20',
      file: '/home/USER/.claude/projects/-home-USER-projects-spotter/8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl',
      at: '2026-02-11T22:42:35.440Z',
      failed: 'Bash: head -c 500 test/fixtures/transcripts/subagent.jsonl | python3 -c "import sys, json ..."',
      error: 'json.decoder.JSONDecodeError: Unterminated string starting at: line 1 column 256 (char 255)',
      fixed: "Bash: python3 -c \"import json; with open('test/fixtures/transcripts/subagent.jsonl') as f: ...\"",
    },
  ],
};

/** Two proposals: CLAUDE.md with user text (two rules), a new AGENTS.md (one rule). */
export function twoProposals(): Proposal[] {
  return [
    proposal('p1', '/home/USER/projects/spotter/CLAUDE.md', CLAUDE_MD, [pushUpstream, credoFirst]),
    proposal('p2', '/home/USER/projects/spotter/AGENTS.md', '', [jsonlLines]),
  ];
}
