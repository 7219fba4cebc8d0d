import { describe, expect, it } from 'vitest';
import { FineGroups } from '../../../src/compressors/logs/fine-groups.js';
import { fineKey } from '../../../src/compressors/logs/index.js';
import { corpusCases, tuningCases } from '../../helpers/corpus.js';

// FineGroups writes each line's fine key into a buffer instead of a string
// (for speed); it must group lines exactly as fineKey does.
describe('FineGroups', () => {
  const inputs = [...corpusCases('logs'), ...tuningCases('log')].map((c) => [c.id, c.input] as const);

  it.each(inputs)('%s: groups lines as their fine keys do', (_id, input) => {
    const groups = new FineGroups();
    const idOfKey = new Map<string, number>();
    let at = 0;
    for (const line of input.split('\n')) {
      const whole = groups.groupOf(line);
      // The same line read in place in its text falls in the same group.
      expect(groups.groupOf(input, at, at + line.length)).toBe(whole);
      at += line.length + 1;
      const key = fineKey(line);
      if (!idOfKey.has(key)) idOfKey.set(key, whole);
      expect(whole).toBe(idOfKey.get(key));
    }
    expect(groups.size).toBe(idOfKey.size);
  });

  it('flattens what the fine key flattens, and nothing else', () => {
    const g = new FineGroups();
    const a = g.groupOf('Mon Jan 12 0x1f block 3fa9c2 took 12ms');
    expect(g.groupOf('Tue Feb 3 0xAB block 77e0d1 took 9ms')).toBe(a);
    expect(g.groupOf('Mon Jan 12 0x1f block 3fa9zz took 12ms')).not.toBe(a);
    expect(g.groupOf('Mon Jan 12 0x1f block abcdef took 12ms')).not.toBe(a); // hex words need a digit
    expect(g.groupOf('Mon Jan 12 0x1f Block 3fa9c2 took 12ms')).not.toBe(a);
  });
});
