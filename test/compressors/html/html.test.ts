import { describe, expect, it } from 'vitest';
import { htmlCompressor } from '../../../src/compressors/html/index.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, WIDE_ROOT, corpusCase, corpusCases, missingNeedles, tuningCases } from '../../helpers/corpus.js';
import { compress } from '../../../src/compressors/engine.js';
import { contextFor, guardProblem, runCompressorContract } from '../contract.js';

const fixtures = corpusCases('html', FIXTURES_ROOT);
runCompressorContract(htmlCompressor, { cases: fixtures, needleShare: 0.95 });
// The wide corpus's tuning half: needles chosen by the corpus's written rule.
runCompressorContract(htmlCompressor, { cases: tuningCases('html'), needleShare: 0.9 });

// The engine awaits prepare() (it loads the DOM libraries) before compress.
await htmlCompressor.prepare!('', contextFor(''));

const byName = (name: string) => fixtures.find((c) => c.name === name)!;
const json = byName('python-doc-library-json');

describe('html article extraction', () => {
  const ctx = contextFor(json.input);
  const out = htmlCompressor.compress(json.input, ctx);
  const lines = out.text.split('\n');

  it('is a rendering: declared, with the whole rendering as its basis, and holds the invariants against it', () => {
    expect(out.form).toBe('rendered');
    expect(out.basis).toContain('Source code: Lib/json/__init__.py');
    expect(guardProblem(htmlCompressor, json.input, out, ctx)).toBeNull();
  });

  it('says how much markup it dropped, once, first, in characters of the page (not lines of the rendering)', () => {
    expect(lines[0]).toMatch(/^\[headroom: \d+ chars omitted \(page markup outside the article/);
    expect(lines.slice(1).some((l) => l.includes('page markup'))).toBe(false);
    expect(out.elisions[0]?.unit).toBe('chars');
  });

  it('starts with the page title as the page writes it', () => {
    expect(lines[1]).toBe('json — JSON encoder and decoder &#8212; Python 3.11.2 documentation');
  });

  it('keeps sentences verbatim: no markdown escapes, no link syntax inside them', () => {
    expect(out.text).toContain('Serialize obj as a JSON formatted stream to fp');
    expect(out.text).not.toContain('\\_');
    expect(out.text).not.toMatch(/\]\(https?:/);
  });

  it('renders API signatures (definition terms) as headings and drops permalink symbols', () => {
    expect(out.text).toMatch(/^##### json\.dump\(obj, fp, \*, skipkeys=False/m);
    expect(out.text).not.toContain('¶');
  });

  it('drops scripts and styles', () => {
    expect(out.text).not.toContain('<script');
    expect(out.text).not.toContain('function(');
  });
});

describe('the article is condensed only past its budget, and the budget steers', () => {
  const page = byName('sqlite-doc-foreignkeys');

  // Only near-duplicates go then (blocks repeated word for word, identical lines).
  const onlyRepeats = (what: string) => what.startsWith('page markup') || what.startsWith('repeat of') || what === 'identical to the line above';

  it('keeps the whole article when the budget allows', () => {
    const out = htmlCompressor.compress(page.input, { budgetTokens: 100_000, estimateTokens, lossy: true });
    expect(out.elisions.every((e) => onlyRepeats(e.what))).toBe(true);
  });

  it('keeps more as the budget grows', () => {
    const sizes = [500, 2000, 8000].map((b) => {
      const ctx = { budgetTokens: b, estimateTokens, lossy: true };
      const out = htmlCompressor.compress(page.input, ctx);
      expect(guardProblem(htmlCompressor, page.input, out, ctx)).toBeNull();
      return estimateTokens(out.text);
    });
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
  });

  it('below the lossy size drops only markup and near-duplicates, whatever the budget', () => {
    const out = htmlCompressor.compress(page.input, { budgetTokens: 100, estimateTokens, lossy: false });
    expect(out.elisions.every((e) => onlyRepeats(e.what))).toBe(true);
  });
});

describe('html fallback', () => {
  it('turns a fragment without an article into text lines with headings', () => {
    const html = [
      '<div class="doc">',
      '<nav><a href="/">Home</a> <a href="/docs">Docs</a></nav>',
      '<h2>Install &amp; run</h2>',
      '<p>Run <code>npm install</code> first.</p>',
      '<script>window.track()</script>',
      '<ul><li>one</li><li>two</li></ul>',
      '</div>',
    ].join('\n');
    const ctx = { budgetTokens: 400, estimateTokens };
    const out = htmlCompressor.compress(html, ctx);
    // A heading keeps its character references as written, so it can be found in the file.
    expect(out.text).toContain('## Install &amp; run');
    expect(out.text).toContain('Run npm install first.');
    expect(out.text).toContain('- one');
    expect(out.text).not.toContain('track()');
    expect(out.text).not.toContain('Docs');
    expect(guardProblem(htmlCompressor, html, out, ctx)).toBeNull();
  });

  it('renders XML as an outline and collapses long sibling runs over budget', () => {
    const deps = Array.from(
      { length: 60 },
      (_, i) => `    <dependency>\n      <groupId>org.example</groupId>\n      <artifactId>lib-${i}</artifactId>\n    </dependency>`,
    ).join('\n');
    const xml = `<?xml version="1.0"?>\n<project>\n  <name>demo</name>\n  <dependencies>\n${deps}\n  </dependencies>\n</project>\n`;
    expect(htmlCompressor.score(makeProbe(xml))).toBeGreaterThanOrEqual(0.9);
    const ctx = { budgetTokens: 200, estimateTokens, lossy: true };
    const out = htmlCompressor.compress(xml, ctx);
    expect(out.text).toContain('  name: demo');
    expect(out.text).toContain('      artifactId: lib-0');
    expect(out.text).toContain('      artifactId: lib-59');
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \(\d+ more dependency elements\)\]/);
    expect(out.text).not.toContain('</');
    expect(guardProblem(htmlCompressor, xml, out, ctx)).toBeNull();
  });
});

describe('html scoring', () => {
  it('claims pages and fragments, not prose or code', () => {
    expect(htmlCompressor.score(makeProbe(json.input))).toBeGreaterThanOrEqual(0.9);
    expect(htmlCompressor.score(makeProbe('<div>\n<p>a</p>\n<p>b</p>\n</div>\n'))).toBeGreaterThan(0.5);
    expect(htmlCompressor.score(makeProbe('# Title\n\nSome text with a <br> tag.\n'))).toBeLessThan(0);
    expect(htmlCompressor.score(makeProbe('const x = 1;\nexport function f() {}\n'))).toBeLessThan(0);
  });
});

describe('documents keep their headings as the page writes them', () => {
  // doc-base's chapter is a flat page (headings between paragraphs): Readability
  // kept the paragraphs and left most headings out, so the linear rendering now
  // takes over. Valgrind's manual writes "10.1.&#160;Overview" with a no-break
  // space, which whitespace collapsing turned into a plain space.
  for (const name of ['doc-base-interface', 'valgrind-dh-manual']) {
    it(`${name}: every heading and the title survive compression`, async () => {
      const k = corpusCase(`html/${name}`, FIXTURES_ROOT);
      const r = await compress(k.input, { tokens: 'estimate' });
      expect(r.type).toBe('html');
      expect(missingNeedles(r.text, k.needles)).toEqual([]);
      expect(r.tokensAfter).toBeLessThan(r.tokensBefore);
    });
  }
});

describe('the page\'s main heading is its title, as the source writes it', () => {
  it('javadoc: the h1 Readability took out of the body comes back, character references as written', async () => {
    const k = corpusCase('html/javadoc-java-util-optional', WIDE_ROOT);
    const r = await compress(k.input, { tokens: 'estimate' });
    expect(r.text.split('\n')).toContain('# Class Optional&lt;T&gt;');
  });

  it('npm docs: an h1 in a section\'s <header> is the document\'s, not page furniture', async () => {
    const k = corpusCase('html/npm-docs-npm-ci', WIDE_ROOT);
    const r = await compress(k.input, { tokens: 'estimate' });
    expect(r.text.split('\n')).toContain('# npm-ci @11.19.1');
  });

  it('a heading with inner markup or none to decode is rendered as before', async () => {
    const k = corpusCase('html/python-doc-library-json', FIXTURES_ROOT);
    const r = await compress(k.input, { tokens: 'estimate' });
    expect(r.text).not.toMatch(/^#+ .*&[a-z#0-9]+;/m);
  });
});

describe('an article that leaves out much of the page is not the page\'s article', () => {
  // Readability keeps buffer.html's Py_buffer sections and drops the last one
  // (Buffer-related functions), 22% of the page's paragraphs, under a marker
  // that names only markup; the linear rendering keeps it.
  it('python C API buffer.html: the last section is there', async () => {
    const k = corpusCase('html/python-doc-c-api-buffer', FIXTURES_ROOT);
    const r = await compress(k.input, { tokens: 'estimate' });
    expect(r.type).toBe('html');
    expect(missingNeedles(r.text, k.needles)).toEqual([]);
    expect(r.text).toContain('Buffer-related functions');
    // The linear rendering skips ARIA landmarks of furniture too (Sphinx's role="navigation" bars).
    expect(r.text).not.toMatch(/^#* ?Navigation$/m);
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore * 0.3);
  });
});

describe('generated manuals keep their text', () => {
  it('groff -Thtml: an option row of a table without header cells is a block of its own, without the empty layout cells', async () => {
    const k = corpusCase('html/groff-sed-man-page', FIXTURES_ROOT);
    const out = htmlCompressor.compress(k.input, contextFor(k.input, { budgetTokens: 100_000 }));
    const lines = out.basis!.split('\n');
    const row = lines.indexOf('| p | Print the current pattern space. |');
    expect(row).toBeGreaterThan(0);
    expect([lines[row - 1], lines[row + 1]]).toEqual(['', '']);
    expect(out.basis).not.toMatch(/\|[ \t]+\|/);
    const r = await compress(k.input, { tokens: 'estimate' });
    expect(missingNeedles(r.text, k.needles)).toEqual([]);
  });

  it('git-bisect.html: an article that lost 3 of the page\'s 18 headings (NAME, SEE ALSO, GIT) is not the page\'s article', async () => {
    const k = corpusCase('html/asciidoc-git-bisect', FIXTURES_ROOT);
    const r = await compress(k.input, { tokens: 'estimate' });
    expect(missingNeedles(r.text, k.needles)).toEqual([]);
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore * 0.4);
  });

  it('pod2html Getopt::Long (14k tokens): at the default budget every paragraph stays, only code examples go', async () => {
    const k = corpusCase('html/pod2html-getopt-long', WIDE_ROOT);
    const r = await compress(k.input, {});
    expect(missingNeedles(r.text, k.needles)).toEqual([]);
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore * 0.8);
  });
});
