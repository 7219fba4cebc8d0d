import { describe, expect, it } from 'vitest';
import { checkJson } from '../../../src/compressors/guard/index.js';
import { jsonCompressor } from '../../../src/compressors/json/json.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { corpusCase, FIXTURES_ROOT } from '../../helpers/corpus.js';

// Issue 11: a long list of records is cut in blocks, each dropped block one
// marker. Blocks were sized by whole records while a tight budget shows each
// record by its name alone (`npm pack --json`'s files by path), so a dropped
// block held four names and its marker cost about half of what it saved.

const k = corpusCase('json/ink-npm-pack-dry-run', FIXTURES_ROOT);
const files = (JSON.parse(k.input) as { files: { path: string }[] }[])[0]!.files;

/** For each run of dropped files: the tokens its records' names would cost over its marker's. */
function runWorth(out: string): number[] {
  const worth: number[] = [];
  let next = 0;
  for (const line of out.split('\n')) {
    const shown = /^\s*\{"path": ("(?:[^"\\]|\\.)*")/.exec(line);
    if (shown) {
      next = files.findIndex((f, i) => i >= next && JSON.stringify(f.path) === shown[1]) + 1;
      continue;
    }
    const run = /\[headroom: (\d+) items omitted \(path/.exec(line);
    if (!run) continue;
    const count = Number(run[1]);
    let names = 0;
    for (let i = next; i < next + count; i++) names += estimateTokens(`{"path": ${JSON.stringify(files[i]!.path)}},`);
    worth.push(names / estimateTokens(line.trim()));
    next += count;
  }
  return worth.sort((a, b) => a - b);
}

describe('the files of npm pack --dry-run --json, by path', () => {
  // Budgets that keep from a third to two thirds of the paths.
  it.each([2000, 2500, 3000])('drops runs of records worth their marker at a budget of %s', (budget) => {
    const out = jsonCompressor.compress(k.input, { budgetGiven: true, budgetTokens: budget, lossy: true, estimateTokens });
    expect(checkJson(k.input, out.text, false)).toBeNull();
    const worth = runWorth(out.text);
    expect(worth.length).toBeGreaterThan(3);
    // Blocks of whole records made the median run worth about twice its marker (2.0 to 2.2).
    expect(worth[Math.floor(worth.length / 2)]).toBeGreaterThan(2.4);
  });
});

describe('records named by a PascalCase member (go list -json)', () => {
  // Go structs without tags print `Name`, Docker's API `ID` and `Name`: the guard's naming
  // members in another case. Without them a package was named by its longest distinct column
  // (Dir), and at a tight budget 9 of 12 packages kept their directory but not their name.
  const g = corpusCase('json/go-list-json-encoding', FIXTURES_ROOT);
  const names = [...g.input.matchAll(/^\t"Name": ("[^"]+")/gm)].map((m) => m[1]!);

  it('keeps every package with its Name at a budget of 400', () => {
    const out = jsonCompressor.compress(g.input, { budgetGiven: true, budgetTokens: 400, lossy: true, estimateTokens });
    expect(checkJson(g.input, out.text, true)).toBeNull();
    expect(names).toHaveLength(12);
    expect(names.filter((n) => !out.text.includes(`"Name": ${n}`))).toEqual([]);
  });
});
