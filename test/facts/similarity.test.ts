import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { findSecret } from '../../src/facts/secrets.js';
import { compare, relate, values } from '../../src/facts/similarity.js';
import { REPO_ROOT } from '../helpers/corpus.js';

test('relate: rewording merges, a changed value or a negation is an update, another topic is different', () => {
  expect(relate('Run the linter with npm run lint before committing', 'Run the linter with npm run lint before you commit')).toBe('same');
  expect(relate('Line length: 88 chars maximum', 'Line length: 120 chars maximum')).toBe('update');
  expect(relate('Framework: `uv run pytest`', 'Framework: `uv run --frozen pytest`')).toBe('update');
  expect(relate('Use mocks in unit tests', 'Do not use mocks in unit tests')).toBe('update');
  expect(relate('The staging database is read-only', 'Use python3, not python')).toBe('different');
});

test('values: code spans, versions, paths and flags, not plain words', () => {
  expect([...values('Run `make test` on Python 3.12 from src/app with --fast')].sort()).toEqual(['--fast', '3.12', 'make test', 'src/app']);
  expect(compare('Use pnpm', 'use PNPM!').similarity).toBe(1);
});

test('the labelled set: merging stays above the precision measured when the threshold was chosen', () => {
  // The figures npm run bench:facts prints; a change to the rule that lowers them fails here.
  const pairs = fs.readFileSync(path.join(REPO_ROOT, 'bench', 'facts-dedup', 'pairs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { a: string; b: string; label: string });
  let tp = 0, fp = 0, same = 0;
  for (const p of pairs) {
    const merged = relate(p.a, p.b) === 'same';
    if (p.label === 'same') same++;
    if (merged && p.label === 'same') tp++;
    else if (merged) fp++;
  }
  expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.8);
  expect(tp / same).toBeGreaterThanOrEqual(0.45);
});

test('secrets: the usual shapes are caught, where a secret lives is not', () => {
  expect(findSecret('token ghp_0123456789abcdefghijklmnopqrstuvwxyz')).toBe('a GitHub token');
  expect(findSecret('https://user:pa55w0rd@git.example.com/repo.git')).toBe('a password in a URL');
  expect(findSecret('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')).toBe('a JSON Web Token');
  expect(findSecret('API_KEY=${API_KEY} comes from the environment')).toBeUndefined();
  expect(findSecret('the password is in 1Password under "staging db"')).toBeUndefined();
  expect(findSecret('clone https://github.com/org/repo.git')).toBeUndefined();
});
