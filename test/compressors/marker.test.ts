import { describe, expect, it } from 'vitest';
import { Elisions, attachId, formatMarker, hasMarker } from '../../src/compressors/marker.js';

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

  it('says one line, one match, one entry: the unit agrees with the count', () => {
    expect(formatMarker({ count: 1, unit: 'lines', what: '' })).toBe('[headroom: 1 line omitted]');
    expect(formatMarker({ count: 1, unit: 'matches', what: '' })).toBe('[headroom: 1 match omitted]');
    expect(formatMarker({ count: 1, unit: 'entries', what: '' })).toBe('[headroom: 1 entry omitted]');
    expect(formatMarker({ count: 2, unit: 'lines', what: '' })).toBe('[headroom: 2 lines omitted]');
  });

  it('names the store id once, in the first marker only', () => {
    const text = attachId('a\n[headroom: 3 lines omitted]\nb\n[headroom: 2 lines omitted]\n', 'hr_abc');
    expect(text).toBe('a\n[headroom: 3 lines omitted; retrieve id=hr_abc]\nb\n[headroom: 2 lines omitted]\n');
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
