import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardLines } from '../../src/compressors/guard/index.js';
import { formatMarker } from '../../src/compressors/marker.js';
import { estimateTokens } from '../../src/compressors/tokens.js';

// The guard's marker rule: a marker must save at least what it costs. Lines
// that cost no more than twice their marker go back in; a marker over a
// longer run stays. Real input: strace -f of a shell run here.
const input = fs.readFileSync(path.join('test', 'fixtures', 'logs', 'strace-f-exit-status', 'input.txt'), 'utf8');
const lines = input.replace(/\n$/, '').split('\n');
const marker = (count: number) => formatMarker({ count, unit: 'lines', what: '' });
const cost = (l: string) => estimateTokens(l) + 1;
const opts = { type: 'prose' as const, budgetTokens: 1e9, lossy: true, estimateTokens };

describe('guard: what a marker must be worth', () => {
  it('gives back a line that costs more than its marker but under twice it', () => {
    const m = cost(marker(1));
    const i = lines.findIndex((l, k) => k > 0 && k < lines.length - 1 && cost(l) > m && cost(l) <= 2 * m);
    expect(i).toBeGreaterThan(0);
    const out = [...lines.slice(0, i), marker(1), ...lines.slice(i + 1)].join('\n') + '\n';
    const g = guardLines(input, out, opts);
    expect(g.violations).toEqual([]);
    expect(g.text).toBe(input);
  });

  it('keeps a marker that saves more than it costs', () => {
    const from = 1;
    const to = lines.length - 2;
    const out = [lines[0]!, marker(to - from), ...lines.slice(to)].join('\n') + '\n';
    const g = guardLines(input, out, opts);
    expect(g.violations).toEqual([]);
    expect(g.text).toBe(out);
  });
});
