import { describe, expect, it } from 'vitest';
import { jsonCompressor } from '../../../src/compressors/json/json.js';
import { checkJson } from '../../../src/compressors/guard/index.js';
import { isMarkerLine } from '../../../src/compressors/marker.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { corpusCase, FIXTURES_ROOT, missingNeedles } from '../../helpers/corpus.js';
import { contextFor } from '../contract.js';

// The JSON defects of issue 11, each on the real input that showed it.

/** The output with its marker lines removed, as the guard reads it. */
function parsed(text: string): unknown {
  return JSON.parse(text.split('\n').filter((l) => !isMarkerLine(l)).join('\n'));
}

describe('issue 11: a pretty-printed package-lock.json', () => {
  const k = corpusCase('json/express-5-package-lock', FIXTURES_ROOT);

  it('comes out as JSON that projects the input, not with its first key repeated on every line', () => {
    const out = jsonCompressor.compress(k.input, contextFor(k.input, { budgetGiven: true }));
    expect(out.form).toBe('json');
    expect(out.text).not.toMatch(/"name": +"name":/);
    expect(checkJson(k.input, out.text, false)).toBeNull();
    const doc = parsed(out.text) as { name: string; lockfileVersion: number; packages: Record<string, unknown> };
    expect(doc.name).toBe('express');
    expect(doc.lockfileVersion).toBe(3);
    // The packages are named by their keys (shown, or listed in a marker): the first and the last are there.
    expect(out.text).toContain('"node_modules/@babel/code-frame"');
    expect(out.text).toContain('"node_modules/yocto-queue"');
    expect(Object.keys(doc.packages)).toContain('');
  });

  it('indents with the source unit', () => {
    const out = jsonCompressor.compress(k.input, contextFor(k.input, { budgetGiven: true }));
    expect(out.text.split('\n').slice(0, 3)).toEqual(['{', '  "name": "express",', '  "version": "5.3.0",']);
  });

  it('names the entries it leaves out, by range', () => {
    const out = jsonCompressor.compress(k.input, contextFor(k.input, { budgetGiven: true }));
    expect(out.text).toMatch(/\[headroom: \d+ entries omitted \(node_modules\/\S+ … node_modules\/\S+\)\]/);
  });
});

describe('issue 11: an array of GitHub alerts', () => {
  const k = corpusCase('json/github-code-scanning-alert-items', FIXTURES_ROOT);
  // Large enough to lose content, as a page of a hundred alerts would be.
  const ctx = { budgetGiven: true, budgetTokens: 250, lossy: true, estimateTokens };

  it("keeps each alert's number and drops the columns that are null in every alert", () => {
    const out = jsonCompressor.compress(k.input, ctx);
    expect(checkJson(k.input, out.text, false)).toBeNull();
    expect(out.text).toContain('"number": 4');
    expect(out.text).toContain('"number": 3');
    expect(out.text).not.toContain('"dismissed_at": null');
    expect(out.text).not.toContain('"fixed_at": null');
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(k.input) / 2);
  });

  it('shows what tells the alerts apart (their state) before their URLs', () => {
    const out = jsonCompressor.compress(k.input, ctx);
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
    expect(out.text).not.toContain('"instances_url"');
  });
});

describe('issue 11: --budget steers the output', () => {
  it('keeps more at a bigger budget, on a large real input', () => {
    const k = corpusCase('json/express-5-package-lock', FIXTURES_ROOT);
    const sizes = [500, 2000, 8000].map((b) => {
      const out = jsonCompressor.compress(k.input, { budgetGiven: true, budgetTokens: b, lossy: true, estimateTokens });
      expect(checkJson(k.input, out.text, false)).toBeNull();
      const tokens = estimateTokens(out.text);
      expect(tokens).toBeLessThanOrEqual(b * 1.1);
      return tokens;
    });
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
    expect(sizes[2]).toBeGreaterThan(8000 * 0.6);
  });

  it('does the same on JSON lines, up to their repeats, which are noise at any budget', () => {
    const k = corpusCase('json/fastify-pino-json-request-log', FIXTURES_ROOT);
    const sizes = [300, 800, 8000].map((b) => estimateTokens(jsonCompressor.compress(k.input, { budgetGiven: true, budgetTokens: b, lossy: true, estimateTokens }).text));
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
  });
});

describe('default budget', () => {
  it('a collection gets three default budgets; a budget the caller set is taken as it stands', () => {
    const k = corpusCase('json/express-5-package-lock', FIXTURES_ROOT);
    const ctx = contextFor(k.input);
    const scaled = estimateTokens(jsonCompressor.compress(k.input, ctx).text);
    const given = estimateTokens(jsonCompressor.compress(k.input, { ...ctx, budgetGiven: true }).text);
    expect(given).toBeLessThanOrEqual(ctx.budgetTokens * 1.1);
    expect(scaled).toBeGreaterThan(given);
    expect(scaled).toBeLessThanOrEqual(ctx.budgetTokens * 3 * 1.1);
  });
});
