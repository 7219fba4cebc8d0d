import { describe, expect, it } from 'vitest';
import { binaryCompressor } from '../../../src/compressors/binary/binary.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { runCompressorContract, contextFor } from '../contract.js';
import { WIDE_ROOT, corpusCase } from '../../helpers/corpus.js';
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
});
