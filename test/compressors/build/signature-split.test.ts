import { describe, expect, it } from 'vitest';
import { isSignature, SIGNATURES } from '../../../src/compressors/build/score.js';
import { CORPUS_ROOT, WIDE_ROOT, allCases } from '../../helpers/corpus.js';

// isSignature tests the signatures in two alternations, the located ones only
// behind a cheap pre-test: it must say what testing every signature says.
describe('build signatures, split for speed', () => {
  const any = (l: string) => SIGNATURES.some((re) => re.test(l));

  it('agree with every signature on each line of both corpora', () => {
    let lines = 0;
    let hits = 0;
    for (const k of [...allCases(CORPUS_ROOT), ...allCases(WIDE_ROOT)]) {
      for (const l of k.input.split('\n', 400)) {
        lines++;
        if (any(l)) hits++;
        expect(isSignature(l), l).toBe(any(l));
      }
    }
    expect(lines).toBeGreaterThan(10_000);
    expect(hits).toBeGreaterThan(100);
  });

  it.each([
    'src/a.ts(12,5): error TS2322: Type is not assignable',
    'src/a.ts:12:5 - error TS2322: Type is not assignable',
    'lib/x.c:3:1: error: unknown type name',
    'pkg/m.py:4: error: Name "x" is not defined  [name-defined]',
    '  /work/a.py:3:7 - error: "x" is not defined',
    '3 errors, 0 warnings, 0 informations ',
    'x.c: In function ‘main’:',
    'src/Main.java:7: error: cannot find symbol',
    'mod.py:1:0: C0114: Missing module docstring',
    'error[E0308]: mismatched types',
    'In script.sh line 3:',
  ])('%s', (line) => {
    expect(any(line)).toBe(true);
    expect(isSignature(line)).toBe(true);
  });
});
