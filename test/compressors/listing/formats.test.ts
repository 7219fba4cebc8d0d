import { describe, expect, it } from 'vitest';
import { listingCompressor } from '../../../src/compressors/listing/index.js';
import { Kind, parseListing } from '../../../src/compressors/listing/parse.js';
import { depthsOf } from '../../../src/compressors/listing/rank.js';
import { isMarkerLine } from '../../../src/compressors/marker.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { COMPRESSORS } from '../../../src/compressors/registry.js';
import { FIXTURES_ROOT, corpusCase } from '../../helpers/corpus.js';
import { contextFor, guardProblem } from '../contract.js';
import { fixture } from './samples.js';

// Each real format is read into the same tree: the first level is what was
// listed, whatever the columns, glyphs or ordering around it.

/** The lines the parser puts at depth 1 (the first level). */
function firstLevel(text: string): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const listing = parseListing(lines);
  const depth = depthsOf(listing);
  return lines.filter((_, i) => listing.kinds[i] === Kind.Entry && depth[listing.itemOf[i]!] === 1);
}

const compress = (text: string) => {
  const ctx = contextFor(text);
  const out = listingCompressor.compress(text, ctx);
  expect(guardProblem(listingCompressor, text, out, ctx)).toBeNull();
  return out.text;
};

const bestScore = (text: string) => {
  const probe = makeProbe(text);
  let best = { type: '', score: -1 };
  for (const c of COMPRESSORS) {
    const s = c.score(probe);
    if (s > best.score) best = { type: c.type, score: s };
  }
  return best.type;
};

describe('listing formats', () => {
  it('tree, exa --tree and npm ls: the root line is depth 0 and its children the first level', () => {
    expect(firstLevel(fixture('tree-L3-zod').input)).toContain('├── locales');
    expect(firstLevel(fixture('exa-tree-video-js').input)).toContain('.rw-r--r-- 370k root 26 Oct  1985 ├── CHANGELOG.md');
    const npm = fixture('npm-ls-all-headroom').input;
    const top = firstLevel(npm);
    expect(top).toContain('├─┬ @anthropic-ai/claude-code@2.1.330');
    expect(top.every((l) => /^[├└]/.test(l))).toBe(true);
    // Every direct dependency stays; the deep tree folds.
    const out = compress(npm);
    for (const l of top) expect(out).toContain(l);
    expect(out.length).toBeLessThan(npm.length / 3);
  });

  it('path listings start at the deepest directory all of them share (npm ls --parseable, tar, fd)', () => {
    expect(firstLevel(fixture('tar-tvzf-zod').input)).toContain('drwxr-xr-x root/root         0 2026-12-06 00:20 zod/src/');
    expect(firstLevel(fixture('fdfind-eslint-lib').input)).toContain('lib/api.js');
    expect(firstLevel(fixture('dpkg-deb-c-udev').input)).toContain('drwxr-xr-x root/root         0 2026-04-27 19:48 ./usr/');
  });

  it('du prints a directory after what is under it: the first line under a first-level directory stays too', () => {
    const input = fixture('du-h-d2-usr-lib').input;
    const out = compress(input);
    expect(out).toContain('32K\t/usr/lib/dpkg/methods');
    expect(out).toContain('36K\t/usr/lib/dpkg');
  });

  it('unzip -l and ls -C keep their header, footer and column lines as they are', () => {
    const unzip = compress(fixture('unzip-l-setuptools-wheel').input);
    expect(unzip.split('\n').slice(0, 3)).toEqual([
      'Archive:  /usr/share/python-wheels/setuptools-66.1.1-py3-none-any.whl',
      '  Length      Date    Time    Name',
      '---------  ---------- -----   ----',
    ]);
    expect(unzip).toContain('                     250 files');
    const cols = fixture('ls-C-usr-share-doc').input;
    expect(listingCompressor.compress(cols, contextFor(cols)).text).toBe(cols);
  });

  it('routes column formats that end in a path to the listing compressor, above the table', () => {
    for (const name of ['git-ls-tree-r-l', 'git-ls-files-s-less', 'du-h-d2-usr-lib', 'exa-tree-video-js', 'find-ls-better-sqlite3', 'dpkg-deb-c-udev', 'ls-C-usr-share-doc']) {
      expect(bestScore(fixture(name).input), name).toBe('listing');
    }
    // A TSV of figures is a table, though its rows look like `size<TAB>path`.
    expect(bestScore(corpusCase('table/ubuntu-releases-csv', FIXTURES_ROOT).input)).toBe('table');
    const tsv = ['id\trate', ...Array.from({ length: 20 }, (_, i) => `${1001 + 2 * i}\t.${100 + i}`)].join('\n');
    expect(listingCompressor.score(makeProbe(tsv))).toBeLessThan(0);
  });

  it('puts a tree marker at the indentation of what it folds', () => {
    const out = compress(fixture('tree-h-L2-curl-source').input);
    const markers = out.split('\n').filter(isMarkerLine);
    expect(markers.length).toBeGreaterThan(0);
    expect(markers.some((m) => /^ {4}\[headroom: /.test(m))).toBe(true);
  });
});
