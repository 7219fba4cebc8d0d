import { describe, expect, it } from 'vitest';
import { isMarkerLine } from '../../../src/compressors/marker.js';
import { searchCompressor } from '../../../src/compressors/search/index.js';
import { contextFor, guardProblem } from '../contract.js';
import { sharedTuning } from './samples.js';

// The search defects of issue 11, on the real inputs that showed them: the
// old compressor rewrote grouped hits (`175:\treturn ...`, its path prefix
// stripped) and cut long lines with '…', its marker elsewhere. Both inputs are
// below the lossy size, so they are compressed here as a large input would be
// (lossy, a small budget).

const shared = (name: string) => sharedTuning().find((k) => k.name === name)!.input;

const lossy = (text: string, budget: number) => {
  const ctx = contextFor(text, { lossy: true, budgetTokens: budget });
  const out = searchCompressor.compress(text, ctx);
  expect(guardProblem(searchCompressor, text, out, ctx)).toBeNull();
  return out.text;
};

describe('issue 11 search defects', () => {
  it('keeps hit lines whole, path prefix and all (grep-gotestsum-getenv showed "175:\\treturn ...")', () => {
    const input = shared('grep-gotestsum-getenv');
    const lines = new Set(input.split('\n'));
    for (const budget of [150, 300, 600]) {
      const out = lossy(input, budget);
      for (const l of out.split('\n')) if (!isMarkerLine(l)) expect(lines.has(l), l).toBe(true);
      expect(out).not.toMatch(/^\d+:\t/m);
    }
  });

  it('cuts a long line at an inline marker, never with "…" (grep-ky-timeout)', () => {
    const input = shared('grep-ky-timeout');
    const lines = input.split('\n');
    const out = lossy(input, 300);
    expect(out).not.toContain('…\n');
    const cut = out.split('\n').filter((l) => /\[headroom: \d+ chars omitted\]$/.test(l));
    expect(cut.length).toBeGreaterThan(0);
    for (const c of cut) {
      const head = c.slice(0, c.indexOf('[headroom: '));
      expect(lines.some((l) => l.startsWith(head) && l.length > head.length)).toBe(true);
    }
  });
});
