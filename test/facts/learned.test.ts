import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { createFactStore, saveLearnedRules } from '../../src/facts/index.js';
import { openSqliteFacts } from '../../src/facts/sqlite-facts.js';
import { tempDir } from '../helpers/temp-dir.js';

test('learn --memory: rules written to a project file become that project\'s facts, deduplicated, secrets refused', async () => {
  const root = fs.realpathSync(tempDir('hr-learned-'));
  try {
    execFileSync('git', ['init', '-q'], { cwd: root });
    const store = createFactStore(openSqliteFacts(path.join(root, 'data', 'facts.db')));
    const saved = await saveLearnedRules(
      store,
      [
        { file: path.join(root, 'CLAUDE.md'), rules: ['`tree` is not installed here: use `find` instead.', 'token=ghp_0123456789abcdefghijklmnopqrstuvwxyz'] },
        { file: path.join(root, 'AGENTS.md'), rules: ['`tree` is not installed here; use `find` instead'] },
      ],
      'learn-run',
    );
    expect(saved.map((s) => s.outcome)).toEqual(['new', 'refused', 'same']);
    const [fact] = await store.list({ project: root });
    expect(fact!.scope).toBe(root);
    expect(fact!.saved).toBe(2);
    expect(fact!.provenance.every((p) => p.agent === 'learn')).toBe(true);
    await store.close();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
