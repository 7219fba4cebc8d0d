import { describe, expect, it } from 'vitest';
import { isMarkerLine } from '../../../src/compressors/marker.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { COMPRESSORS, FALLBACK } from '../../../src/compressors/registry.js';
import { route } from '../../../src/compressors/router.js';
import { searchCompressor } from '../../../src/compressors/search/index.js';
import { parseSearch } from '../../../src/compressors/search/parse.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, corpusCase, tuningCases } from '../../helpers/corpus.js';
import { contextFor, guardProblem, runCompressorContract } from '../contract.js';
import { fixture, searchSamples } from './samples.js';

runCompressorContract(searchCompressor, { cases: searchSamples() });
// The wide corpus's tuning half, its needles counted together (picked by a rule no compressor was shaped on).
// `rg -l` and `ag -l` print bare paths: by content a listing, routed there, so not this compressor's samples.
const FILE_LISTS = new Set(['ag-l-logrus-withfield', 'rg-l-eslint-rules-fixable']);
runCompressorContract(searchCompressor, { cases: tuningCases('search').filter((k) => !FILE_LISTS.has(k.name)), needleShare: 0.97 });

const run = (text: string, budget?: number) => {
  const ctx = contextFor(text, budget === undefined ? {} : { budgetTokens: budget });
  const out = searchCompressor.compress(text, ctx);
  expect(guardProblem(searchCompressor, text, out, ctx)).toBeNull();
  return out.text;
};

/** Distinct paths of a search output, as its parser reads them. */
const pathsOf = (text: string) => {
  const paths = new Set<string>();
  for (const p of parseSearch(text.split('\n'))) if (p.kind === 'match' || p.kind === 'count' || p.kind === 'heading') paths.add(p.path);
  return paths;
};

describe('search compressor', () => {
  it('keeps every distinct path, on a kept hit or named in a marker, whatever the budget', () => {
    for (const name of ['rg-heading-eslint-messageid', 'ack-rxjs-export-function', 'rg-json-x-sys-getset-linux', 'grep-r-no-lineno-express-req-res']) {
      const input = fixture(name).input;
      for (const budget of [undefined, 300]) {
        const out = run(input, budget);
        for (const p of pathsOf(input)) expect(out, `${name} at ${budget}: ${p}`).toContain(p);
      }
    }
  });

  it('folds the other hits of a file into a marker that says where they are', () => {
    const out = run(fixture('rg-C2-headroom-budget').input, 1000);
    expect(out).toMatch(/\[headroom: \d+ (?:matches|lines) omitted \(also at lines \d+/);
    // A file that lost every hit is named with its line numbers.
    expect(run(fixture('ag-group-headroom-ctx').input, 1500)).toMatch(/\[headroom: \d+ matches omitted \(src\/[\w/.-]+\.ts: lines \d+/);
    // Past the budget, files are named without their line numbers.
    expect(run(fixture('git-grep-headroom-export-function').input, 800)).toMatch(/\[headroom: \d+ matches omitted \(src\/[\w/.-]+\.ts; src\//);
  });

  it('drops context lines (-A/-B/-C) before hits, and says so', () => {
    const input = fixture('grep-A3-zod-throw').input;
    const out = run(input, 500);
    const hits = input.split('\n').filter((l) => /^[^:]+:\d+:/.test(l));
    const kept = out.split('\n');
    expect(kept.filter((l) => /^[^:]+:\d+:/.test(l)).length).toBeGreaterThan(kept.filter((l) => /^[^:]+-\d+-/.test(l)).length);
    expect(out).toMatch(/context\)\]/);
    expect(hits.length).toBeGreaterThan(10);
  });

  it('keeps the first and the last hit of the output', () => {
    const input = fixture('ack-rxjs-export-function').input;
    const lines = input.trimEnd().split('\n');
    const out = run(input, 300);
    expect(out).toContain(lines[0]!);
    expect(out).toContain(lines[lines.length - 1]!);
  });

  it('lets the budget steer: 500, 2000 and 8000 tokens give different outputs that grow', () => {
    const input = fixture('rg-json-x-sys-getset-linux').input;
    const sizes = [500, 2000, 8000].map((b) => estimateTokens(run(input, b)));
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
  });

  it('keeps every hit below the lossy size', () => {
    const input = fixture('rg-no-n-headroom-estimate').input;
    const out = searchCompressor.compress(input, contextFor(input, { lossy: false, budgetTokens: 100 }));
    expect(out.text).toBe(input);
  });

  it('cuts a minified hit line with an inline marker at the cut, keeping its path:line prefix', () => {
    const input = fixture('rg-minified-split').input;
    const out = run(input);
    const cut = out.split('\n').find((l) => l.startsWith('node_modules/diff/dist/diff.min.js:1:'));
    expect(cut).toMatch(/^node_modules\/diff\/dist\/diff\.min\.js:1:\(\(global,factory\)=>.*\[headroom: \d+ chars omitted\]$/);
    expect(estimateTokens(out)).toBeLessThan(estimateTokens(input) / 5);
  });

  it('reads every format into hits of files', () => {
    const kinds = (name: string) => new Set(parseSearch(fixture(name).input.trimEnd().split('\n')).map((p) => p.kind));
    expect(kinds('rg-heading-eslint-messageid')).toEqual(new Set(['heading', 'match', 'other']));
    expect(kinds('grep-c-lodash-function-counts')).toEqual(new Set(['count']));
    expect(kinds('rg-json-x-sys-getset-linux')).toEqual(new Set(['heading', 'match', 'other']));
    expect([...kinds('grep-A3-zod-throw')].sort()).toEqual(['context', 'match', 'sep']);
    expect(pathsOf(fixture('rg-color-pytest-fixture-heading').input)).toEqual(new Set(['./fixtures.py']));
    expect(pathsOf(fixture('rg-no-n-headroom-estimate').input).size).toBeGreaterThan(5);
  });

  it('routes search output here, rg --json above the JSON compressor, and compiler errors elsewhere', () => {
    for (const name of ['rg-heading-eslint-messageid', 'rg-json-x-sys-getset-linux', 'rg-no-n-headroom-estimate', 'rg-column-ioredis-error', 'rg-minified-split', 'rg-color-pytest-fixture-heading']) {
      expect(route(makeProbe(fixture(name).input), COMPRESSORS, FALLBACK).compressor.type, name).toBe('search');
    }
    const gcc = corpusCase('logs/gcc-errors', FIXTURES_ROOT).input;
    expect(searchCompressor.score(makeProbe(gcc))).toBeLessThan(0.3);
    // Bare `N:text` lines are a search of one file only when the numbers climb.
    expect(searchCompressor.score(makeProbe(['12:34:56 start', '12:35:01 stop', '9:00:00 x'].join('\n')))).toBeLessThan(0);
  });

  it('never leaves a marker line that is not one whole marker', () => {
    const out = run(fixture('rg-heading-eslint-messageid').input, 300);
    for (const l of out.split('\n')) if (l.includes('[headroom: ') && !l.includes('chars omitted')) expect(isMarkerLine(l)).toBe(true);
  });

  it('samples a file with many hits evenly: its middle hit stays with its first and last', () => {
    // One file, 139 hits: the hits kept past its first and last must reach its middle, not only its top.
    const input = fixture('grep-o-gmp-mpz-macro').input;
    const hits = input.split('\n').filter((l) => /^gmp\.h:\d+:/.test(l));
    const prefix = (l: string) => l.slice(0, l.indexOf(':', 'gmp.h:'.length) + 1);
    for (const budget of [undefined, 600]) {
      const out = run(input, budget);
      for (const h of [hits[0]!, hits[(hits.length - 1) >> 1]!, hits[hits.length - 1]!]) expect(out, `at ${budget}`).toContain(prefix(h));
    }
  });

  it('keeps the output\'s middle hit with its first and last before a hit of every file, at a tight budget', () => {
    // Three headers, 131 hits: at 300 tokens the middle hit stays with the ends.
    const input = fixture('grep-rnH-gnutls-deprecated').input;
    const hits = input.split('\n').filter((l) => /^\.\/[\w.-]+:\d+:/.test(l));
    const out = run(input, 300);
    for (const h of [hits[0]!, hits[(hits.length - 1) >> 1]!, hits[hits.length - 1]!]) expect(out).toContain(/^\S+?:\d+:/.exec(h)![0]);
  });

  it('reads git grep -p / -W function lines as context, also when a whole function comes before the first hit', () => {
    // `path=N=text` is the function line git grep -p prints above a hit.
    const jose = parseSearch(fixture('git-grep-p-jose-throw').input.trimEnd().split('\n'));
    expect(jose[0]).toMatchObject({ kind: 'context', path: 'jwt/decrypt.js', num: 4 });
    expect(jose.filter((p) => p.kind === 'other')).toEqual([]);
    // git grep -W printed 205 lines of the function before its first hit: a sample holds none of its hits.
    for (const name of ['git-grep-p-jose-throw', 'git-grep-W-zod-superrefine']) {
      expect(route(makeProbe(fixture(name).input), COMPRESSORS, FALLBACK).compressor.type, name).toBe('search');
    }
    const zod = fixture('git-grep-W-zod-superrefine');
    const out = run(zod.input, 800);
    for (const n of zod.needles) expect(out).toContain(n);
  });
});
