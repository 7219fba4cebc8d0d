import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { claudeProjectSlug, claudeTranscripts } from '../../../src/learn/transcripts/claude.js';
import { CORPUS_ROOT } from '../../helpers/corpus.js';
import { findCall, foreignTo, transcriptContract } from './format-contract.js';

const CASES = path.join(CORPUS_ROOT, 'transcripts', 'claude-code');
const tree = path.join(CASES, 'spotter-subagent-afc096d', 'input.txt');
const place = (root: string) => path.join(root, 'projects', '-home-dev-project', '6f1e2d3c-0000-4000-8000-000000000000.jsonl');

transcriptContract(claudeTranscripts, {
  fixtures: [tree, ...['spotter-session-8463c716', 'spotter-session-ae4a77f8', 'spotter-session-fa812bfe', 'spotter-subagent-a2898e3', 'spotter-subagent-a7be2f0'].map((c) => path.join(CASES, c, 'input.txt'))],
  expect: { failing: { command: /^tree \S+ -L 3$/, exitCode: 127, output: /command not found: tree/ }, fixed: { command: /^find / }, cwd: '/home/USER/projects/spotter-worktrees/spotter-0rt' },
  foreign: foreignTo('claude'),
  fileOrder: true,
  placement: {
    home: (home) => place(path.join(home, '.claude')),
    override: { variable: 'CLAUDE_CONFIG_DIR', value: (dir) => dir, place: (dir) => place(dir) },
  },
});

describe('claude transcripts', () => {
  test('failures: exit codes from "Exit code N", is_error tool errors, and the session and model', async () => {
    const [s] = await claudeTranscripts.read(path.join(CASES, 'spotter-session-fa812bfe', 'input.txt'));
    const push = findCall([s!], 'git push 2>&1')!;
    expect(push.result).toMatchObject({ isError: true, exitCode: 128 });
    expect(push.result!.output).toContain('has no upstream branch');
    const [edit] = await claudeTranscripts.read(path.join(CASES, 'spotter-session-ae4a77f8', 'input.txt'));
    const stale = edit!.steps.find((st) => st.kind === 'result' && st.output.includes('String to replace not found'));
    expect(stale).toMatchObject({ isError: true });
    expect(stale).not.toHaveProperty('exitCode');
    expect(edit!.id).toBe('ae4a77f8-aedd-4bc1-888f-c94edc91af04');
  });

  test('the project folder is named the way Claude Code names it', () => {
    expect(claudeProjectSlug('/home/dev/my.project_x')).toBe('-home-dev-my-project-x');
  });
});
