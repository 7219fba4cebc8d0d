import { describe, expect, it } from 'vitest';
import { compress } from '../../../src/compressors/engine.js';
import { detectLanguage } from '../../../src/compressors/code/detect.js';
import { FIXTURES_ROOT, corpusCase, missingNeedles } from '../../helpers/corpus.js';

// Source files as `cat` prints them (no file name to hint the language), in
// languages and shapes the outline once got wrong: each went to the wrong
// grammar or the wrong kind and lost its public signatures.
//  - Perl was taken for PHP (`$x =` lines): PHP's grammar read the file as one
//    block and the outline kept 20 tokens of 3,852.
//  - Ruby with a long rdoc head, Lua with `--- doc` comments (read as diff
//    headers) and a `.d.ts` of union lines were routed to prose.
//  - A `.d.ts` whose declarations are exported by an `export { ... }` clause
//    lost them as "private" types.
const CASES = [
  ['perl-extutils-installed-pm', 'perl'],
  ['ruby-stdlib-benchmark-rb', 'ruby'],
  ['lua-expat-threat-lua', 'lua'],
  ['vitest-runner-tasks-dts', 'typescript'],
] as const;

describe('source files of many languages, read whole', () => {
  for (const [name, language] of CASES) {
    const k = corpusCase(`code/${name}`, FIXTURES_ROOT);
    it(`${name}: is detected as ${language}`, () => {
      expect(detectLanguage(k.input)).toBe(language);
    });
    it(`${name}: routes to code and keeps every public signature`, async () => {
      const r = await compress(k.input, { tokens: 'estimate' });
      expect(r.type).toBe('code');
      expect(missingNeedles(r.text, k.needles)).toEqual([]);
      expect(r.tokensAfter).toBeLessThan(r.tokensBefore);
    });
  }
});
