import { describe, expect, it } from 'vitest';
import { Elisions, formatMarker, hasMarker } from '../../src/compressors/marker.js';

describe('marker', () => {
  it('says how many of what were omitted, on one line', () => {
    expect(formatMarker({ count: 120, unit: 'lines', what: 'repeats of: INFO <n> ok' })).toBe(
      '[headroom: 120 lines omitted (repeats of: INFO <n> ok)]',
    );
  });

  it('names the id when the original is retrievable', () => {
    expect(formatMarker({ count: 3, unit: 'rows', what: 'x' })).toBe(
      '[headroom: 3 rows omitted (x)]',
    );
  });

  it('keeps descriptions single-line, bracket-free and short', () => {
    const el = new Elisions();
    const line = el.omit(2, 'lines', `a\nb [c] ${'x'.repeat(300)}`);
    expect(line).not.toContain('\n');
    expect(line.indexOf(']')).toBe(line.length - 1);
    expect(line.length).toBeLessThan(140);
    expect(el.list).toHaveLength(1);
  });

  it('recognises compressed text but not look-alikes', () => {
    expect(hasMarker('a\n[headroom: 5 lines omitted (x)]\nb')).toBe(true);
    expect(hasMarker('see [headroom: the project] for details')).toBe(false);
    expect(hasMarker('')).toBe(false);
  });
});
