import { describe, expect, it } from 'vitest';
import { binaryCompressor } from '../../../src/compressors/binary/binary.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { runCompressorContract, contextFor } from '../contract.js';
import { corpusCase } from '../../helpers/corpus.js';
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

  it('replaces base64 blob lines and keeps the text around them', () => {
    const blob = Buffer.from(fs.readFileSync(process.execPath).subarray(0, 3000)).toString('base64');
    const text = `Response headers:\ncontent-type: image/png\n${blob}\nend of response\n`;
    const out = binaryCompressor.compress(text, contextFor(text));
    expect(out.text).toContain('content-type: image/png');
    expect(out.text).toContain('end of response');
    expect(out.text).toMatch(/\[headroom: 4000 characters omitted \(base64\/hex encoded data\)\]/);
  });

  it('does not claim text, identifiers or code', () => {
    for (const id of ['logs/loghub-hdfs', 'code/ky-Ky-ts', 'json/octokit-labels']) {
      expect(binaryCompressor.score(makeProbe(corpusCase(id).input))).toBeLessThan(0);
    }
  });
});
