import { describe, expect, it } from 'vitest';
import { proseCompressor } from '../../../src/compressors/prose/prose.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, corpusCase, corpusCases } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

const cases = corpusCases('prose', FIXTURES_ROOT);
runCompressorContract(proseCompressor, { cases });

const byName = (name: string) => cases.find((c) => c.name === name)!;

describe('prose on a markdown README', () => {
  const readme = byName('commander-readme');
  const out = proseCompressor.compress(readme.input, contextFor(readme.input));

  it('keeps every heading and marks each section it cut', () => {
    const headings = readme.input.split('\n').filter((l) => /^#{1,4} /.test(l));
    for (const h of headings) expect(out.text).toContain(h);
    expect(out.text).toMatch(/^\[headroom: \d+ lines omitted \(rest of section\)\]$/m);
  });

  it('reaches the budget', () => {
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(readme.input) * 0.3);
  });

  it('leaves text under budget as it was, bar blank runs', () => {
    const small = '# Title\n\n\n\nFirst paragraph line one\n  indented line two\n';
    const o = proseCompressor.compress(small, { budgetTokens: 400, estimateTokens });
    expect(o.text).toBe('# Title\n\nFirst paragraph line one\n  indented line two\n');
    expect(o.elisions).toEqual([]);
  });
});

describe('prose on plain text', () => {
  const gpl = byName('gpl-3-license');

  it('treats standalone short lines as headings and keeps paragraph first lines', () => {
    const out = proseCompressor.compress(gpl.input, contextFor(gpl.input));
    expect(out.text).toContain('  1. Source Code.');
    expect(out.text).toContain('  The "source code" for a work means the preferred form of the work');
  });

  it('collapses repeated lines and repeated blocks with counts', () => {
    const block = 'This notice is repeated on every page of the report.\nSee the footer for contact details.';
    const x = 'Retrying connection to the build cache...';
    const text = ['Header', x, x, x, x, '', block, '', 'middle', '', block, ''].join('\n');
    const out = proseCompressor.compress(text, { budgetTokens: 10_000, estimateTokens });
    expect(out.text).toContain(`${x}\n[headroom: 3 lines omitted (identical to the line above)]`);
    expect(out.text).toContain('[headroom: 2 lines omitted (repeat of the block starting: This notice is repeated');
    expect(out.text.split(block).length).toBe(2);
  });

  it('never rejoins lines: every kept line is a line of the input', () => {
    const out = proseCompressor.compress(gpl.input, { budgetTokens: 300, estimateTokens });
    const input = new Set(gpl.input.split('\n'));
    for (const l of out.text.split('\n')) if (!l.includes('[headroom: ')) expect(input.has(l)).toBe(true);
  });

  it('scores low but never declines', () => {
    expect(proseCompressor.score(makeProbe(gpl.input))).toBeGreaterThanOrEqual(0.01);
    expect(proseCompressor.score(makeProbe(gpl.input))).toBeLessThan(0.3);
    expect(proseCompressor.score(makeProbe(''))).toBeGreaterThanOrEqual(0.01);
  });
});

describe('prose as the fallback for output nobody recognised', () => {
  it('keeps trouble lines from the middle of a long log, one per template', () => {
    const k = corpusCase('logs/loghub-openssh');
    const out = proseCompressor.compress(k.input, contextFor(k.input));
    const lines = out.text.split('\n');
    // The head alone (no trouble kept) would hold about 5 such lines.
    expect(lines.filter((l) => /fail|error|fatal/i.test(l)).length).toBeGreaterThanOrEqual(10);
    expect(lines.filter((l) => l.includes('message repeated 5 times: [ Failed password for root from')).length).toBe(1);
    expect(lines.filter((l) => l.includes('[headroom: ')).length).toBeGreaterThan(3);
  });
});
