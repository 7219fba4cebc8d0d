import { describe, expect, it } from 'vitest';
import { htmlCompressor } from '../../../src/compressors/html/html.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { corpusCase, corpusCases } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

runCompressorContract(htmlCompressor, { cases: corpusCases('html') });

// The engine awaits prepare() (it loads the DOM libraries) before compress.
await htmlCompressor.prepare!('', contextFor(''));

const ars = corpusCase('html/readability-ars-1');

describe('html article extraction', () => {
  const out = htmlCompressor.compress(ars.input, contextFor(ars.input));
  const lines = out.text.split('\n');

  it('starts with the page title and the article title as a heading', () => {
    expect(lines[0]).toBe('Just-released Minecraft exploit makes it easy to crash game servers | Ars Technica');
    expect(lines[1]).toBe('# Just-released Minecraft exploit makes it easy to crash game servers');
  });

  it('says how much markup it dropped, once, near the top', () => {
    expect(lines.slice(0, 5).some((l) => /^\[headroom: \d+ lines omitted \(page markup outside the article/.test(l))).toBe(true);
    expect(out.elisions[0]?.unit).toBe('lines');
  });

  it('keeps sentences verbatim: no markdown escapes, no link syntax inside them', () => {
    expect(out.text).toContain('Each list has a list with 10 sublists, and each of those sublists has 10 of their own');
    expect(out.text).not.toContain('\\_');
    expect(out.text).not.toMatch(/\]\(https?:/);
  });

  it('drops scripts and styles', () => {
    expect(out.text).not.toContain('<script');
    expect(out.text).not.toContain('function(');
  });

  it('keeps the sentence a link splits (medium-1)', () => {
    const medium = corpusCase('html/readability-medium-1');
    const m = htmlCompressor.compress(medium.input, contextFor(medium.input));
    expect(m.text).toContain('We pushed out the first version of the Open Journalism site in January.');
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
    const out = htmlCompressor.compress(html, { budgetTokens: 400, estimateTokens });
    expect(out.text).toContain('## Install & run');
    expect(out.text).toContain('Run npm install first.');
    expect(out.text).toContain('- one');
    expect(out.text).not.toContain('track()');
    expect(out.text).not.toContain('Docs');
  });

  it('renders XML as an outline and collapses long sibling runs over budget', () => {
    const deps = Array.from(
      { length: 60 },
      (_, i) => `    <dependency>\n      <groupId>org.example</groupId>\n      <artifactId>lib-${i}</artifactId>\n    </dependency>`,
    ).join('\n');
    const xml = `<?xml version="1.0"?>\n<project>\n  <name>demo</name>\n  <dependencies>\n${deps}\n  </dependencies>\n</project>\n`;
    expect(htmlCompressor.score(makeProbe(xml))).toBeGreaterThanOrEqual(0.9);
    const out = htmlCompressor.compress(xml, { budgetTokens: 200, estimateTokens });
    expect(out.text).toContain('  name: demo');
    expect(out.text).toContain('      artifactId: lib-0');
    expect(out.text).toContain('      artifactId: lib-59');
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \(\d+ more dependency elements\)\]/);
    expect(out.text).not.toContain('</');
  });
});

describe('html scoring', () => {
  it('claims pages and fragments, not prose or code', () => {
    expect(htmlCompressor.score(makeProbe(ars.input))).toBeGreaterThanOrEqual(0.9);
    expect(htmlCompressor.score(makeProbe('<div>\n<p>a</p>\n<p>b</p>\n</div>\n'))).toBeGreaterThan(0.5);
    expect(htmlCompressor.score(makeProbe('# Title\n\nSome text with a <br> tag.\n'))).toBeLessThan(0);
    expect(htmlCompressor.score(makeProbe('const x = 1;\nexport function f() {}\n'))).toBeLessThan(0);
  });
});
