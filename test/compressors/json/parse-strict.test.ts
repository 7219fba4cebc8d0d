import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../src/compressors/json/parse.js';
import { corpusCases } from '../../helpers/corpus.js';

// The raw-preserving reader must take exactly the documents JSON.parse takes:
// output the guard checks with JSON.parse comes from what this reader read.
const accepts = (f: () => unknown): boolean => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};

describe('parseJson accepts what JSON.parse accepts', () => {
  it('on JSON text, and on JSON text with one character put in anywhere', () => {
    const extra = fc.constantFrom('\\', '"', '\u0001', '\u001f', '\n', '\t', 'u', 'x', '0', ',', '}', ']', '\\u12', '\\"', '\\\\');
    fc.assert(
      fc.property(fc.json(), extra, fc.nat(), (text, insert, at) => {
        const pos = text.length === 0 ? 0 : at % (text.length + 1);
        for (const t of [text, text.slice(0, pos) + insert + text.slice(pos)]) {
          expect(accepts(() => parseJson(t)), JSON.stringify(t)).toBe(accepts(() => JSON.parse(t)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('on the JSON cases of the corpus, and each cut short', () => {
    for (const k of corpusCases('json')) {
      for (const t of [k.input, k.input.slice(0, Math.floor(k.input.length / 2))]) {
        expect(accepts(() => parseJson(t)), k.id).toBe(accepts(() => JSON.parse(t)));
      }
    }
  });
});
