import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWords, guardOutput, proseLines, pruneLine, unitsOf } from '../../../src/compressors/guard/index.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, missingNeedles } from '../../helpers/corpus.js';

// The 'words' form's rule (guard/words.ts): what prose-ml may remove, checked
// by the guard on every output that declares the form.

const doc = [
  '# Setup',
  '',
  'The server reads its settings from the file at start.',
  '',
  'You can then run the tool with `npm test` and it will not print the 3 warnings in /tmp/out.log again.',
  '',
  '```sh',
  'echo this is just a code line',
  '```',
].join('\n');

const lines = doc.split('\n');
const at = (i: number, keep: (text: string) => boolean) => {
  const units = unitsOf(lines[i]!);
  const drop = new Set(units.flatMap((u, k) => (keep(u.text) ? [] : [k])));
  return pruneLine(lines[i]!, units, drop);
};
const withLine = (i: number, line: string) => lines.map((l, k) => (k === i ? line : l)).join('\n');

describe('must-keep units', () => {
  it('marks code spans, numbers, paths, negations, names and sentence ends as must-keep, plain words not', () => {
    const u = Object.fromEntries(unitsOf(lines[4]!).map((x) => [x.text, x.mustKeep]));
    expect(u).toMatchObject({ '`npm test`': true, '3': true, '/tmp/out.log': true, not: true, 'again.': true, then: false, the: false, tool: false });
  });

  it('keeps both sides of a coordination: etcd FAQ\'s "even and odd sized clusters" never reads "odd clusters"', () => {
    const line = fs
      .readFileSync(path.join('bench', 'prose-ml', 'etcd-faq', 'input.txt'), 'utf8')
      .split('\n')
      .find((l) => l.includes('comparing even and odd sized clusters'))!;
    const units = unitsOf(line);
    const keep = Object.fromEntries(units.map((x) => [x.text, x.mustKeep]));
    expect(keep).toMatchObject({ even: true, and: true, odd: true, sized: false, comparing: false });
    // Whatever a model drops, the words on either side of "and" stay.
    const dropAll = new Set(units.flatMap((u, k) => (u.mustKeep ? [] : [k])));
    expect(pruneLine(line, units, dropAll)).toContain('even and odd');
  });

  it('takes a quoted string as one unit', () => {
    expect(unitsOf('set it to "a b c" now').map((x) => x.text)).toEqual(['set', 'it', 'to', '"a b c"', 'now']);
  });

  it('keeps headings, the opening sentence of a section and code out of reach', () => {
    const p = proseLines(lines);
    expect([...p]).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect([...proseLines(["No heading here.", "A second line of text that says more."])]).toEqual([0, 1]);
    expect([...proseLines(["No heading here.", "A short line here."])]).toEqual([0, 0]);
  });
});

describe('checkWords', () => {
  const pruned = at(4, (t) => !['can', 'then', 'with', 'will', 'the'].includes(t));

  it('accepts a prose line with plain words removed', () => {
    expect(pruned).toBe('You run tool `npm test` and it not print 3 warnings in /tmp/out.log again.');
    expect(checkWords(doc, withLine(4, pruned))).toBeNull();
  });

  it('refuses a removed number, code span or negation', () => {
    for (const gone of ['3', '`npm test`', 'not']) {
      const bad = at(4, (t) => t !== gone);
      expect(checkWords(doc, withLine(4, bad))?.detail).toContain('must-keep');
    }
  });

  it('refuses a changed code line, heading or opening sentence, a reordered line and a lost line', () => {
    expect(checkWords(doc, withLine(7, 'echo this is a code line'))).not.toBeNull();
    expect(checkWords(doc, withLine(0, '# Set'))).not.toBeNull();
    expect(checkWords(doc, withLine(2, 'The server reads settings from file at start.'))).not.toBeNull();
    expect(checkWords(doc, withLine(4, 'run You tool `npm test` not 3 warnings /tmp/out.log again.'))).not.toBeNull();
    expect(checkWords(doc, lines.slice(1).join('\n'))).not.toBeNull();
  });
});

describe("the engine's guard on the 'words' form", () => {
  const ctx = { budgetTokens: 10_000, lossy: false, estimateTokens };
  const marker = '[headroom: 7 words omitted (filler words, by prose-ml)]';

  it('passes an output of the basis, and refuses a basis that lost a must-keep unit', () => {
    const good = withLine(4, at(4, (t) => !['can', 'then', 'with'].includes(t)));
    expect(guardOutput(doc, { text: `${marker}\n${good}`, elisions: [], form: 'words', basis: good }, ctx, 'prose').violations).toEqual([]);
    const bad = withLine(4, at(4, (t) => t !== '/tmp/out.log'));
    const v = guardOutput(doc, { text: `${marker}\n${bad}`, elisions: [], form: 'words', basis: bad }, ctx, 'prose').violations;
    expect(v[0]?.rule).toBe('words');
  });

  it('refuses an output that is not lines of its basis', () => {
    const good = withLine(4, at(4, (t) => t !== 'then'));
    const v = guardOutput(doc, { text: `${marker}\n${doc}`.replace('The server', 'A server'), elisions: [], form: 'words', basis: good }, ctx, 'prose').violations;
    expect(v[0]?.rule).toBe('structure');
  });
});

describe("the wide corpus's prose needles are out of the words' reach", () => {
  // Real documents (test/fixtures/prose-ml, sources and licences in each
  // meta.json) where pruning took words from a heading or an opening sentence
  // as plain text, reStructuredText and Markdown mark them; needles by the
  // corpus's prose rule. Every word the rule lets go is dropped here: what
  // any model says, these stay.
  for (const name of ['bash-compat', 'attrs-changes', 'xpdf-readme', 'pkg-resources-ref']) {
    it(`keeps every needle of ${name} with every droppable word gone`, () => {
      const dir = path.join(FIXTURES_ROOT, 'prose-ml', name);
      const text = fs.readFileSync(path.join(dir, 'input.txt'), 'utf8');
      const needles = fs.readFileSync(path.join(dir, 'needles.txt'), 'utf8').split('\n').filter(Boolean);
      const ls = text.split('\n');
      const prose = proseLines(ls);
      const pruned = ls.map((line, i) => {
        if (!prose[i]) return line;
        const units = unitsOf(line);
        const drop = new Set(units.flatMap((u, k) => (u.mustKeep ? [] : [k])));
        return drop.size === units.length ? line : pruneLine(line, units, drop);
      });
      expect(checkWords(text, pruned.join('\n'))).toBeNull();
      expect(missingNeedles(pruned.join('\n'), needles)).toEqual([]);
    });
  }
});
