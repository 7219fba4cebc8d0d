import { describe, expect, it } from 'vitest';
import { makeProbe } from '../../src/compressors/probe.js';
import { COMPRESSORS, FALLBACK } from '../../src/compressors/registry.js';
import { route } from '../../src/compressors/router.js';
import type { Compressor, ContentType } from '../../src/compressors/types.js';
import { corpusCases } from '../helpers/corpus.js';

// Each real sample must reach the compressor that understands it.
const EXPECTED: Array<[string, (name: string) => ContentType]> = [
  ['logs', (n) => (/^(pytest|gotest)/.test(n) ? 'test' : /^(cargo|tsc|npm)/.test(n) ? 'build' : 'log')],
  ['json', () => 'json'],
  ['transcripts/claude-code', () => 'json'],
  ['grep', () => 'search'],
  ['code', () => 'code'],
  ['html', () => 'html'],
  ['diffs', () => 'diff'],
  ['listings', () => 'listing'],
];

describe('router on the corpus', () => {
  for (const [group, expected] of EXPECTED) {
    for (const k of corpusCases(group)) {
      it(`${k.id} -> ${expected(k.name)}`, () => {
        expect(route(makeProbe(k.input), COMPRESSORS, FALLBACK).compressor.type).toBe(expected(k.name));
      });
    }
  }
});

describe('router', () => {
  const fixed = (name: string, score: number | (() => number)): Compressor => ({
    name,
    type: 'prose',
    score: typeof score === 'number' ? () => score : score,
    compress: (text) => ({ text, elisions: [] }),
  });

  it('picks the highest score, earlier on ties, and skips scorers that throw', () => {
    const probe = makeProbe('text');
    const boom = fixed('boom', () => {
      throw new Error('scorer bug');
    });
    const a = fixed('a', 0.5);
    const b = fixed('b', 0.5);
    const fb = fixed('fallback', 0.01);
    expect(route(probe, [boom, a, b], fb).compressor.name).toBe('a');
    expect(route(probe, [boom, fixed('neg', -1)], fb).compressor.name).toBe('fallback');
  });

  it('routes plain prose to the fallback', () => {
    const text = 'This is a paragraph of ordinary prose.\nIt has two sentences on two lines.\n';
    expect(route(makeProbe(text), COMPRESSORS, FALLBACK).compressor.type).toBe('prose');
  });
});
