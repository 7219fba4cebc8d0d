import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { mine } from '../../src/learn/mine.js';
import { claudeTranscripts } from '../../src/learn/transcripts/claude.js';
import { FIXTURES_ROOT } from '../helpers/corpus.js';

// A real session of the wide set (kesslerio/attio-mcp-server, Apache-2.0; the
// records are in test/fixtures/learn/claude-wide, see its meta.json): hook
// logs that are always dirty blocked `git stash pop` until the agent restored
// them, and an MCP tool answered more than can be read at once.

const DIR = path.join(FIXTURES_ROOT, 'learn', 'claude-wide', 'kesslerio-dirty-tree-and-mcp');

test('real: the dirty hook logs, with the command that got past them; the MCP answer too big', async () => {
  const sessions = await claudeTranscripts.read(path.join(DIR, 'input.jsonl'));
  const lessons = await mine(sessions);
  expect(lessons.map((l) => l.rule)).toEqual([
    'Uncommitted changes in `logs/` (`logs/post_tool_use.json`) block `git merge`: `git restore logs/ && git stash pop` got past it.',
    '`list_pull_requests` answers are too big to read whole: ask for less (pagination, filters, a small page size).',
  ]);
  expect(lessons[0]!.evidence[0]).toMatchObject({ session: 'c7428042-d9a9-4e9e-a71c-4433a8d202c0', failed: 'Bash: git stash pop', fixed: 'Bash: git restore logs/ && git stash pop' });
  const meta = JSON.parse(fs.readFileSync(path.join(DIR, 'meta.json'), 'utf8'));
  expect(meta.license).toMatch(/Apache-2\.0/);
});
