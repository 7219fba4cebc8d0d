import { expect, test } from 'vitest';
import { END, START, addedRules, parseBlock, withRules } from '../../src/learn/block.js';

const USER = '# Project notes\n\nRun `make` before pushing.\n';

test("rules go in a marked block at the end; the user's text stays byte for byte", () => {
  const out = withRules(USER, ['Use `python3`, not `python`.']);
  expect(out.startsWith(USER)).toBe(true);
  expect(out).toContain(`${START}\n`);
  expect(out).toContain('- Use `python3`, not `python`.\n');
  expect(out.endsWith(`${END}\n`)).toBe(true);
});

test('merging keeps earlier rules in order, skips ones already there (case and punctuation aside), and is idempotent', () => {
  const once = withRules(USER, ['Use `python3`, not `python`.']);
  const twice = withRules(`${once}\nMore of the user's text after the block.\n`, ['use python3 not python', '`tree` is not installed here: use `find` instead.']);
  expect(parseBlock(twice).rules).toEqual(['Use `python3`, not `python`.', '`tree` is not installed here: use `find` instead.']);
  expect(twice.endsWith("\nMore of the user's text after the block.\n")).toBe(true);
  expect(withRules(twice, ['`tree` is not installed here: use `find` instead.'])).toBe(twice);
  expect(addedRules(once, twice)).toEqual(['`tree` is not installed here: use `find` instead.']);
});

test('a new file, a file without a final newline, and CRLF files', () => {
  expect(withRules('', ['A rule.'])).toBe(`${START}\n## Learned from past sessions (headroom learn)\n<!-- Rules proposed by \`headroom learn\` and approved by you. Edit or delete them freely. -->\n\n- A rule.\n${END}\n`);
  expect(withRules('no newline', ['A rule.']).startsWith('no newline\n\n<!--')).toBe(true);
  const crlf = withRules('line one\r\nline two\r\n', ['A rule.']);
  expect(crlf.startsWith('line one\r\nline two\r\n\r\n')).toBe(true);
  expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
});
