import { describe, expect, it } from 'vitest';
import { makeProbe } from '../../../src/compressors/probe.js';
import { tableCompressor } from '../../../src/compressors/table/table.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, corpusCases } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

const cases = corpusCases('table', FIXTURES_ROOT);
runCompressorContract(tableCompressor, { cases });

const byName = (name: string) => cases.find((c) => c.name === name)!;

describe('table on aligned command output (dpkg -l)', () => {
  const dpkg = byName('dpkg-list');
  const out = tableCompressor.compress(dpkg.input, contextFor(dpkg.input));
  const lines = out.text.split('\n');

  it('keeps the preamble, header and rule, then first rows', () => {
    expect(lines.slice(0, 6)).toEqual(dpkg.input.split('\n').slice(0, 6));
  });

  it('marks dropped rows with a count', () => {
    expect(out.text).toMatch(/^\[headroom: \d+ rows omitted \(of 295 in this table\)\]$/m);
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(dpkg.input) * 0.2);
  });

  it('does not take the word "error" in a description for a failure', () => {
    expect(out.text).not.toContain('liberror-perl');
  });
});

describe('table outliers and trouble rows', () => {
  // The column layout of `kubectl get pods`: a long healthy run with two pods in trouble.
  const header = 'NAME                         READY   STATUS             RESTARTS   AGE';
  const row = (name: string, ready: string, status: string, restarts: string, age: string) =>
    `${name.padEnd(29)}${ready.padEnd(8)}${status.padEnd(19)}${restarts.padEnd(11)}${age}`;
  const rows = Array.from({ length: 60 }, (_, i) => row(`web-7d4b9c-${String(i).padStart(5, 'x')}`, '1/1', 'Running', '0', '3d'));
  rows[31] = row('web-7d4b9c-crash', '0/1', 'CrashLoopBackOff', '42', '3d');
  rows[44] = row('web-7d4b9c-pend', '0/1', 'Pending', '0', '2m');
  const text = `${[header, ...rows].join('\n')}\n`;

  it('scores aligned output as a table', () => {
    expect(tableCompressor.score(makeProbe(text))).toBeGreaterThan(0.5);
  });

  it('keeps the header, the rows in trouble and the last row', () => {
    const out = tableCompressor.compress(text, { budgetTokens: 200, estimateTokens });
    expect(out.text.startsWith(`${header}\n`)).toBe(true);
    expect(out.text).toContain(rows[31]);
    expect(out.text).toContain(rows[44]);
    expect(out.text).toContain(rows[59]);
    expect(out.elisions.every((e) => e.unit === 'rows')).toBe(true);
  });
});

describe('table on CSV', () => {
  const csv = byName('ubuntu-releases-csv');

  it('accepts CSV whose optional trailing columns are left off', () => {
    expect(tableCompressor.score(makeProbe(csv.input))).toBeGreaterThan(0.5);
  });

  it('hoists a column with one value in every row into a marker', () => {
    const lines = ['host,region,status,latency_ms'];
    for (let i = 0; i < 40; i++) lines.push(`node-${i},eu-west-1,ok,${(i * 7) % 50}`);
    const out = tableCompressor.compress(`${lines.join('\n')}\n`, { budgetTokens: 120, estimateTokens });
    expect(out.text.split('\n')[0]).toBe('host,latency_ms');
    expect(out.text).toContain('[headroom: 80 cells omitted (same value in every row, columns: region=eu-west-1, status=ok)]');
    expect(out.text).toContain('node-0,0');
  });

  it('leaves a table under budget untouched', () => {
    const out = tableCompressor.compress(csv.input, { budgetTokens: 100_000, estimateTokens });
    expect(out.text).toBe(csv.input);
    expect(out.elisions).toEqual([]);
  });
});

describe('table scoring', () => {
  it('does not claim JSON, ls -l listings or prose', () => {
    expect(tableCompressor.score(makeProbe('{"a":1,"b":2,"c":3}\n{"a":1,"b":2,"c":3}\n{"a":1,"b":2,"c":3}\n'))).toBeLessThan(0);
    const ls = 'total 8\n-rw-r--r-- 1 root root 10 Jan  1 00:00 a\n-rw-r--r-- 1 root root 10 Jan  1 00:00 b\n-rw-r--r-- 1 root root 10 Jan  1 00:00 c\n';
    expect(tableCompressor.score(makeProbe(ls))).toBeLessThan(0);
    const prose = 'This is a sentence, with a comma.\nAnother line here without one.\nAnd a third, with, two.\n';
    expect(tableCompressor.score(makeProbe(prose))).toBeLessThan(0);
  });
});
