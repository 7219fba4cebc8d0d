import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { estimateTokens } from '../../src/compressors/tokens.js';
import { CORPUS_ROOT } from '../helpers/corpus.js';

// The estimate is stored with every decision and steers the size rules, so a
// faster loop must give the same numbers: this is the one-test-per-character
// version it replaced, summing in tenths of a token so that its arithmetic is
// exact (ten punctuation marks are 7 tokens, not the 7.000000000000001 that
// adding 0.7 ten times gives, rounded up to 8).
function reference(text: string): number {
  const cls = (c: number): number => (c >= 128 ? 4 : /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : c === 32 ? 2 : c === 10 || c === 9 ? 3 : 4);
  let tenths = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = cls(c);
    if (k === 1) {
      run++;
      continue;
    }
    if (run) {
      tenths += 10 * Math.ceil(run / 4.5);
      run = 0;
    }
    if (k === 2) continue;
    tenths += k === 3 ? 5 : c < 128 ? 7 : 10;
  }
  if (run) tenths += 10 * Math.ceil(run / 4.5);
  return Math.ceil(tenths / 10);
}

it('sums exactly: ten punctuation marks are 7 tokens, two newlines 1, a nine-letter word 2', () => {
  expect(estimateTokens('..........')).toBe(7);
  expect(estimateTokens('\n\n')).toBe(1);
  expect(estimateTokens('abcdefghi')).toBe(2);
  expect(estimateTokens('abcdefghij')).toBe(3);
  expect(estimateTokens('')).toBe(0);
});

it('gives the same estimate as the per-character loop on every corpus input', () => {
  const dirs = (d: string) => fs.readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(d, e.name));
  const inputs = dirs(CORPUS_ROOT).flatMap((type) => dirs(type).map((c) => path.join(c, 'input.txt')));
  const texts = inputs.filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, 'utf8'));
  expect(texts.length).toBeGreaterThan(10);
  for (const t of texts) expect(estimateTokens(t)).toBe(reference(t));
});

it('gives the same estimate on any text, punctuation-heavy and non-ASCII included', () => {
  const chars = fc.constantFrom('a', 'Z', '7', ' ', '\n', '\t', '.', '{', '"', 'é', '→', '🤖', '\u0000');
  fc.assert(fc.property(fc.array(chars, { maxLength: 400 }).map((a) => a.join('')), (t) => estimateTokens(t) === reference(t)), { numRuns: 2000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => estimateTokens(t) === reference(t)), { numRuns: 1000 });
});
