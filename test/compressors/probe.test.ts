import { describe, expect, it } from 'vitest';
import { makeProbe, PROBE_LINES, PROBE_TAIL_BYTES } from '../../src/compressors/probe.js';
import { scoreLog } from '../../src/compressors/logs/score.js';

const numbered = (n: number, width = 40) => Array.from({ length: n }, (_, i) => `line ${String(i + 1).padStart(4, '0')} ${'x'.repeat(width)}`);

// The probe's tail: the last lines past where its lines end, for every input
// whose lines do not reach its end, whatever its size.
describe('probe tail', () => {
  it('is empty when the probe lines reach the end', () => {
    const p = makeProbe(numbered(10).join('\n'));
    expect(p.tail).toEqual([]);
    expect(p.linesEnd).toBe(p.text.length);
  });

  it('a short input with more lines than the probe: the lines after them, none skipped or repeated', () => {
    const lines = numbered(80);
    const p = makeProbe(`${lines.join('\n')}\n`);
    expect(p.lines).toHaveLength(PROBE_LINES);
    expect(p.linesEnd).toBe(lines.slice(0, PROBE_LINES).join('\n').length + 1);
    // 16 lines follow the probe's 64, then the empty string after the last newline.
    expect(p.tail.filter((l) => l !== '')).toEqual(lines.slice(PROBE_LINES));
  });

  it('a long input: whole lines of its last PROBE_TAIL_BYTES, at most half the probe lines', () => {
    const lines = numbered(2000);
    const p = makeProbe(lines.join('\n'));
    expect(p.tail).toHaveLength(PROBE_LINES / 2);
    expect(p.tail.at(-1)).toBe(lines.at(-1));
    expect(p.tail.join('\n').length).toBeLessThanOrEqual(PROBE_TAIL_BYTES);
    for (const l of p.tail) expect(lines).toContain(l);
  });

  it('a log whose 8 KB head is a config dump of long lines is read from its end (the head may hold more bytes than its lines)', () => {
    const dump = Array.from({ length: 70 }, (_, i) => `option.${i} = ${'v'.repeat(110)}`);
    const log = Array.from({ length: 30 }, (_, i) => `2024-05-01 12:00:${String(i).padStart(2, '0')} INFO worker ${i} started`);
    const p = makeProbe([...dump, ...log].join('\n'));
    expect(p.text.length).toBeLessThan(PROBE_TAIL_BYTES + 8 * 1024 + 4096);
    expect(p.tail.some((l) => l.includes('INFO worker 29 started'))).toBe(true);
    expect(scoreLog(p)).toBeGreaterThan(0.5);
  });
});
