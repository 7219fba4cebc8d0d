import { describe, expect, it } from 'vitest';
import { compress } from '../../../src/compressors/engine.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { proseCompressor } from '../../../src/compressors/prose/index.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, corpusCase, corpusCases, tuningCases } from '../../helpers/corpus.js';
import { contextFor, guardProblem, runCompressorContract } from '../contract.js';

const fixtures = corpusCases('prose', FIXTURES_ROOT);
runCompressorContract(proseCompressor, { cases: fixtures });
// The wide corpus's tuning half: needles chosen by the corpus's written rule.
runCompressorContract(proseCompressor, { cases: tuningCases('prose'), needleShare: 0.9 });

const byName = (name: string) => fixtures.find((c) => c.name === name)!;
const codeSpans = (text: string) => [...new Set(text.match(/`[^`\n]{3,40}`/g) ?? [])];
const headings = (text: string) => text.split('\n').filter((l) => /^#{1,6} /.test(l));
const kept = (out: string, all: readonly string[]) => all.filter((s) => out.includes(s)).length;

describe('a Markdown document read whole (issue 11: 4 of 91 inline code names survived)', () => {
  const readme = byName('turndown-readme');
  const spans = codeSpans(readme.input);

  it('keeps every line of a document that fits its budget', () => {
    const out = proseCompressor.compress(readme.input, { budgetTokens: 4000, estimateTokens, lossy: true });
    expect(out.text).toBe(readme.input.replace(/\n{3,}/g, '\n\n'));
  });

  it('keeps every line below the lossy size, whatever the budget', () => {
    const out = proseCompressor.compress(readme.input, { budgetTokens: 100, estimateTokens, lossy: false });
    expect(out.elisions).toEqual([]);
  });

  it('over budget, keeps every heading and names nearly every inline code span', () => {
    // A default budget that makes room for most of it, not all: it does not fit.
    const ctx = contextFor(readme.input, { budgetTokens: Math.round((estimateTokens(readme.input) * 0.85) / 2.5) });
    const out = proseCompressor.compress(readme.input, ctx);
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(readme.input));
    expect(kept(out.text, headings(readme.input))).toBe(headings(readme.input).length);
    expect(kept(out.text, spans) / spans.length).toBeGreaterThanOrEqual(0.9);
    expect(guardProblem(proseCompressor, readme.input, out, ctx)).toBeNull();
  });

  it('through the engine, keeps its headings and inline code spans', async () => {
    const r = await compress(readme.input, { tokens: 'estimate' });
    expect(kept(r.text, headings(readme.input))).toBe(headings(readme.input).length);
    expect(kept(r.text, spans) / spans.length).toBeGreaterThanOrEqual(0.9);
    expect(r.refused ?? []).toEqual([]);
  });

  it('condenses evenly: a tight budget still shows every top-level section', () => {
    const out = proseCompressor.compress(readme.input, { budgetTokens: 200, estimateTokens, lossy: true });
    for (const h of readme.input.split('\n').filter((l) => /^## /.test(l))) expect(out.text).toContain(h);
    // Output lines are input lines: no rejoined or rewritten sentences.
    const lines = new Set(readme.input.split('\n'));
    for (const l of out.text.split('\n')) if (!l.includes('[headroom: ')) expect(lines.has(l)).toBe(true);
  });
});

describe('the budget steers', () => {
  it('keeps more as the budget grows, on a large real manual', () => {
    const man = byName('man-find');
    const sizes = [500, 2000, 8000].map((b) => {
      const out = proseCompressor.compress(man.input, { budgetTokens: b, estimateTokens, lossy: true });
      expect(guardProblem(proseCompressor, man.input, out, { budgetTokens: b, estimateTokens, lossy: true })).toBeNull();
      return estimateTokens(out.text);
    });
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
  });
});

describe('plain-text documents', () => {
  it('keeps the section headings of a man page', () => {
    const man = byName('man-find');
    const out = proseCompressor.compress(man.input, contextFor(man.input));
    for (const h of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXPRESSION', 'EXAMPLES', 'EXIT STATUS', 'SEE ALSO']) {
      expect(out.text.split('\n')).toContain(h);
    }
  });

  it('keeps the signatures of go doc output before their descriptions', () => {
    const doc = byName('go-doc-all-strings');
    const out = proseCompressor.compress(doc.input, { budgetTokens: 600, estimateTokens, lossy: true });
    const funcs = doc.input.split('\n').filter((l) => l.startsWith('func '));
    expect(kept(out.text, funcs) / funcs.length).toBeGreaterThan(0.3);
  });

  it('treats standalone short lines of a licence as headings', () => {
    const gpl = byName('gpl-3-license');
    const out = proseCompressor.compress(gpl.input, contextFor(gpl.input));
    expect(out.text).toContain('  1. Source Code.');
    expect(out.text).toContain('                            Preamble');
  });

  it('scores documents above the floor other kinds give text that is not theirs, but low', () => {
    for (const k of fixtures) {
      const s = proseCompressor.score(makeProbe(k.input));
      expect(s).toBeGreaterThan(0.2);
      expect(s).toBeLessThan(0.4);
    }
    expect(proseCompressor.score(makeProbe(''))).toBeGreaterThanOrEqual(0.01);
    expect(proseCompressor.score(makeProbe('const x = 1;\nfunction f() {\n  return x;\n}\n'))).toBeLessThan(0.1);
  });
});

describe('near-duplicates go at any size', () => {
  it('leaves text under budget as it was, bar blank runs', () => {
    const small = '# Title\n\n\n\nFirst paragraph line one\n  indented line two\n';
    const o = proseCompressor.compress(small, { budgetTokens: 400, estimateTokens });
    expect(o.text).toBe('# Title\n\nFirst paragraph line one\n  indented line two\n');
    expect(o.elisions).toEqual([]);
  });

  it('collapses repeated lines and repeated blocks with counts', () => {
    const block = [
      'This notice is repeated on every page of the report that the build server writes.',
      'See the footer for contact details, the licence and the list of maintainers to ask.',
    ].join('\n');
    const x = 'Retrying connection to the build cache...';
    const text = ['Header', x, x, x, x, '', block, '', 'middle', '', block, ''].join('\n');
    const out = proseCompressor.compress(text, { budgetTokens: 10_000, estimateTokens, lossy: false });
    expect(out.text).toContain(`${x}\n[headroom: 3 lines omitted (identical to the line above)]`);
    expect(out.text).toContain('[headroom: 2 lines omitted (repeat of the block starting: This notice is repeated');
    expect(out.text.split(block).length).toBe(2);
  });

  it('keeps lines that differ only in numbers below the lossy size (measurements, not repeats)', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `  ${20 + i}    0    0  ${1000 + i * 37}  ${500 + i}`);
    const text = `${rows.join('\n')}\n`;
    expect(proseCompressor.compress(text, { budgetTokens: 10, estimateTokens, lossy: false }).text).toBe(text);
  });
});

describe('prose as the fallback for output nobody recognised', () => {
  it('keeps the trouble lines and the ends of a long log', () => {
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) lines.push(`Unpacking libpkg${i}:amd64 (1.${i}.0-1) ...`, `Setting up libpkg${i}:amd64 (1.${i}.0-1) ...`);
    lines.splice(700, 0, 'dpkg: warning: while removing nodejs, directory /usr/lib/node_modules not empty so not removed');
    const text = `${lines.join('\n')}\n`;
    const ctx = contextFor(text);
    const out = proseCompressor.compress(text, ctx);
    expect(out.text).toContain('dpkg: warning: while removing nodejs');
    expect(out.text.startsWith(lines[0]!)).toBe(true);
    expect(out.text.trimEnd().endsWith(lines[lines.length - 1]!)).toBe(true);
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(text) / 3);
    expect(guardProblem(proseCompressor, text, out, ctx)).toBeNull();
  });
});

describe('outputs the guard refused (found on changelogs and NEWS files of Debian packages)', () => {
  it('keeps a form-feed line as it is, not as an empty line', async () => {
    const news = byName('gettext-news');
    expect(news.input).toContain('\f');
    for (const budgetTokens of [undefined, 500]) {
      const r = await compress(news.input, { tokens: 'estimate', type: 'prose', ...(budgetTokens ? { budgetTokens } : {}) });
      expect(r.refused ?? []).toEqual([]);
      expect(r.elisions.length).toBeGreaterThan(0);
    }
  });

  it('a marker that leaves its blank lines uncounted is read with the right release', async () => {
    const log = byName('memcached-changelog');
    const r = await compress(log.input, { tokens: 'estimate', type: 'prose', budgetTokens: 500 });
    expect(r.refused ?? []).toEqual([]);
    expect(r.elisions.length).toBeGreaterThan(0);
  });
});

describe('a man page whose examples hold shell comments', () => {
  // dmsetup's examples hold indented `# ...` lines: they were taken for
  // Markdown headings, so the page was planned as Markdown and its real
  // headings (SYNOPSIS, OPTIONS, EXAMPLES) went like any paragraph line.
  it('keeps every section heading as a line of its own', async () => {
    const k = corpusCase('prose/dmsetup-man-page', FIXTURES_ROOT);
    const r = await compress(k.input, { tokens: 'estimate' });
    expect(r.type).toBe('prose');
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore);
    const lines = new Set(r.text.split('\n'));
    expect(k.needles.filter((h) => !lines.has(h))).toEqual([]);
  });
});
