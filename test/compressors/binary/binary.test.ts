import { describe, expect, it } from 'vitest';
import { binaryCompressor } from '../../../src/compressors/binary/binary.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { runCompressorContract, contextFor } from '../contract.js';
import { FIXTURES_ROOT, WIDE_ROOT, corpusCase, missingNeedles } from '../../helpers/corpus.js';
import { compress } from '../../../src/compressors/engine.js';
import { cutBlob } from '../../../src/compressors/binary/dumps.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import fs from 'node:fs';

runCompressorContract(binaryCompressor, { cases: [] });

describe('binary', () => {
  it('summarises a real executable as one line naming its kind', () => {
    const bytes = fs.readFileSync(process.execPath).subarray(0, 64 * 1024);
    const text = new TextDecoder('utf-8').decode(bytes);
    expect(binaryCompressor.score(makeProbe(text))).toBeGreaterThan(0.5);
    const out = binaryCompressor.compress(text, contextFor(text));
    expect(out.text).toMatch(/^\[headroom: \d+ bytes omitted \(ELF executable\)\]$/);
  });

  it('cuts a base64 blob in its middle and keeps the text around it', () => {
    const blob = Buffer.from(fs.readFileSync(process.execPath).subarray(0, 3000)).toString('base64');
    const text = `Response headers:\ncontent-type: image/png\nbody: ${blob}\nend of response\n`;
    const out = binaryCompressor.compress(text, contextFor(text));
    expect(out.text).toContain('content-type: image/png');
    expect(out.text).toContain('end of response');
    expect(out.text).toContain(`body: ${blob.slice(0, 24)}[headroom: ${4000 - 32} chars omitted]${blob.slice(-8)}`);
  });

  it('keeps the first and last row of a real hex dump and the rows that show text, within the budget', () => {
    const k = corpusCase('binary/xxd-usr-bin-true', WIDE_ROOT);
    const out = binaryCompressor.compress(k.input, contextFor(k.input));
    const rows = k.input.trimEnd().split('\n');
    expect(out.text.startsWith(rows[0]!)).toBe(true);
    expect(out.text.trimEnd().endsWith(rows[rows.length - 1]!)).toBe(true);
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \(dump rows\)\]/);
    expect(estimateTokens(out.text)).toBeLessThanOrEqual(contextFor(k.input).budgetTokens * 1.1);
  });

  it('does not claim text, identifiers or code', () => {
    for (const id of ['logs/loghub-hdfs', 'code/ky-Ky-ts', 'json/octokit-labels']) {
      expect(binaryCompressor.score(makeProbe(corpusCase(id).input))).toBeLessThan(0);
    }
  });

  it('keeps a dump\'s last row beside its closing offset, and spreads text rows to the end of the dump', () => {
    const k = corpusCase('binary/od-c-python-pyc', WIDE_ROOT);
    const out = binaryCompressor.compress(k.input, contextFor(k.input)).text.trimEnd().split('\n');
    const rows = k.input.trimEnd().split('\n');
    // od closes with an offset alone; the row before it holds the final bytes.
    expect(out.slice(-2)).toEqual(rows.slice(-2));
    const lastText = rows.slice(0, -2).filter((r) => /(?: {3}[A-Za-z0-9]){6,}/.test(r)).pop()!;
    expect(out).toContain(lastText);
  });

  it('takes text with an embedded font for what it is, and folds only the blob', async () => {
    const k = corpusCase('binary/css-ag-theme-material', FIXTURES_ROOT);
    expect(binaryCompressor.score(makeProbe(k.input))).toBeGreaterThan(0.5);
    const r = await compress(k.input, {});
    expect(r.type).toBe('binary');
    expect(missingNeedles(r.text, k.needles)).toEqual([]);
    // Every line but the blob's is there as written.
    const kept = new Set(r.text.split('\n'));
    for (const line of k.input.split('\n')) if (line.length < 128) expect(kept.has(line)).toBe(true);
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore * 0.7);
  });

  it('cuts a short base64 run that a data: URI announces, though it has few digits', () => {
    const k = corpusCase('binary/css-summernote-lite', FIXTURES_ROOT);
    const line = k.input.split('\n').find((l) => l.includes(';base64,'))!;
    const cut = cutBlob(line, (n) => `[headroom: ${n} chars omitted]`);
    expect(cut).toMatch(/^ {4}background: url\("data:image\/png;base64,iVBORw0KGgoAAAANSUhEUgAA\[headroom: \d+ chars omitted\]TkSuQmCC"\) repeat;$/);
    // A small icon in a stylesheet does not make the stylesheet binary.
    expect(binaryCompressor.score(makeProbe(k.input))).toBeLessThan(0);
  });
});
