import { describe, expect, it } from 'vitest';
import { compress as engineCompress } from '../../../src/compressors/engine.js';
import { COMPRESSORS, FALLBACK } from '../../../src/compressors/registry.js';
import { listingCompressor } from '../../../src/compressors/listing/index.js';
import { isMarkerLine } from '../../../src/compressors/marker.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { route } from '../../../src/compressors/router.js';
import { contextFor, guardProblem } from '../contract.js';
import { fixture, listingSamples } from './samples.js';

// The listing defects of issue 11, each on the real output that showed it,
// run again on this machine (test/fixtures/listing/<case>/meta.json says how).

const compress = (text: string, budget?: number) => {
  const ctx = contextFor(text, budget === undefined ? {} : { budgetTokens: budget });
  const out = listingCompressor.compress(text, ctx);
  expect(guardProblem(listingCompressor, text, out, ctx)).toBeNull();
  return out.text;
};

const outputLines = (text: string) => text.split('\n').filter((l) => !isMarkerLine(l));

describe('issue 11 listing defects', () => {
  it('find / -maxdepth 3 keeps every top-level directory (it dropped them all into "25 files omitted")', () => {
    const input = fixture('find-root-maxdepth-3').input;
    const top = input.split('\n').filter((l) => /^\/[^/]+$/.test(l));
    expect(top.length).toBeGreaterThan(20);
    const out = compress(input);
    const kept = new Set(outputLines(out));
    for (const t of top) expect(kept.has(t), t).toBe(true);
    // The second level comes back as the budget allows.
    const second = (text: string) => outputLines(text).filter((l) => /^\/[^/]+\/[^/]+$/.test(l)).length;
    expect(second(out)).toBeGreaterThan(10);
    expect(second(compress(input, 8000))).toBeGreaterThan(second(out));
  });

  it('ls -laR src keeps the file names of the first levels, whole lines (it hid them as "61 files omitted (*.ts; 275K)")', () => {
    const input = fixture('ls-laR-src').input;
    const lines = input.split('\n');
    const first = lines.slice(0, lines.indexOf(''));
    expect(first[0]).toBe('src:');
    const out = compress(input);
    const kept = new Set(outputLines(out));
    for (const l of first) expect(kept.has(l), l).toBe(true);
    expect(out).not.toMatch(/columns omitted|\(\*\.ts; \d+K\)/);
    // Deeper names come back with the budget, as whole ls -l lines.
    const names = (text: string) => outputLines(text).filter((l) => /^-rw/.test(l)).length;
    expect(names(compress(input, 4000))).toBeGreaterThan(names(out));
  });

  it('git ls-tree -r -l routes to the listing compressor and keeps its paths (it was taken for a table, 214 of 230 paths dropped)', () => {
    const input = fixture('git-ls-tree-r-l').input;
    expect(route(makeProbe(input), COMPRESSORS, FALLBACK).compressor.type).toBe('listing');
    const out = compress(input);
    const kept = new Set(outputLines(out));
    // Every entry of the first level stays, and every top-level directory shows a path under it.
    const paths = input.split('\n').filter(Boolean).map((l) => l.slice(l.indexOf('\t') + 1));
    for (const l of input.split('\n').filter((l) => /\t[^/]+$/.test(l))) expect(kept.has(l), l).toBe(true);
    for (const dir of new Set(paths.filter((p) => p.includes('/')).map((p) => p.slice(0, p.indexOf('/'))))) {
      expect([...kept].some((l) => l.includes(`\t${dir}/`)), dir).toBe(true);
    }
    // With room, every path stays.
    const whole = compress(input, 20_000);
    expect(whole).toBe(input);
  });
});

describe('listing markers through the engine', () => {
  it('do not count paths the marker has already counted ("4 files omitted (…); incl. 4 paths")', async () => {
    let markers = 0;
    for (const k of listingSamples()) {
      const out = await engineCompress(k.input, { tokens: 'estimate' });
      for (const m of out.text.matchAll(/\[headroom: (\d+) (?:files?|dirs?|entry|entries)\b[^\]]*?; incl\. ([^\]]*)\]/g)) {
        // A clause stays when it names some of them, or counts other things.
        expect(m[2], `${k.name}: ${m[0]}`).not.toBe(`${m[1]} ${m[1] === '1' ? 'path' : 'paths'}`);
      }
      markers += out.text.split('\n').filter((l) => isMarkerLine(l)).length;
    }
    expect(markers).toBeGreaterThan(20);
  });
});
