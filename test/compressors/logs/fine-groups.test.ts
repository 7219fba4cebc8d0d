import { describe, expect, it } from 'vitest';
import { FineGroups } from '../../../src/compressors/logs/fine-groups.js';
import { fineKey } from '../../../src/compressors/logs/index.js';
import { WIDE_ROOT, corpusCase, corpusCases, tuningCases } from '../../helpers/corpus.js';

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

  // mosquitto names each client by an upper-case UUID: every PUBACK line was a group of its own.
  it('one group for lines that differ only in a UUID or an upper-case hex id, as fineKey', () => {
    const input = corpusCase('log/mosquitto-verbose-broker-log', WIDE_ROOT).input;
    const pubacks = input.split('\n').filter((l) => l.includes('Sending PUBACK to auto-'));
    expect(pubacks.length).toBeGreaterThan(5);
    const g = new FineGroups();
    expect(new Set(pubacks.map((l) => g.groupOf(l))).size).toBe(1);
    expect(new Set(pubacks.map(fineKey)).size).toBe(1);
    const lower = g.groupOf('req 3fa9c2d1-0fb5-4e2a-9c1b-1917fce018a0 done');
    expect(g.groupOf('req 7d0e2b44-aa01-4c3d-8e9f-000000000000 done')).toBe(lower);
    expect(g.groupOf('req 3fa9c2d1-0fb5-4e2a-9c1b-1917fce018a0x done')).not.toBe(lower); // not a UUID: a longer word
    expect(g.groupOf('build 55CA070A ok')).toBe(g.groupOf('build 17F0071F ok'));
    expect(g.groupOf('build 55CA070A ok')).not.toBe(g.groupOf('build 55Ca070A ok')); // mixed case is a name
  });
});
