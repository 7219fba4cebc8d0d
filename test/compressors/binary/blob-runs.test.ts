import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANNOUNCED_BLOB_CHARS, blobRuns, isBlobRun } from '../../../src/compressors/binary/dumps.js';

// blobRuns reads a window from its far end and skips ahead (the router runs it
// on every payload's long lines). It must find exactly the runs that reading
// every character does: the maximal runs of base64/hex/url-safe characters of
// at least ANNOUNCED_BLOB_CHARS that isBlobRun accepts.
const isBlobChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61 || c === 45 || c === 95;

function everyCharacter(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i < line.length && isBlobChar(line.charCodeAt(i))) continue;
    if (i - start >= ANNOUNCED_BLOB_CHARS && isBlobRun(line, [start, i])) out.push([start, i]);
    start = i + 1;
  }
  return out;
}

describe('blobRuns', () => {
  it('finds what reading every character finds, on random lines of blob and other characters', () => {
    const ch = fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_') },
      { weight: 1, arbitrary: fc.constantFrom(' ', '"', ';', ',', '.', ':', '%', 'é') },
    );
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 1200 }), (chars) => {
        const line = chars.join('');
        expect(blobRuns(line)).toEqual(everyCharacter(line));
      }),
      { numRuns: 500 },
    );
  });

  it('finds what reading every character finds, on every line of the blob fixtures', () => {
    const dir = path.join('test', 'fixtures', 'binary');
    let runs = 0;
    for (const c of fs.readdirSync(dir)) {
      const file = path.join(dir, c, 'input.txt');
      if (!fs.existsSync(file)) continue;
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        const want = everyCharacter(line);
        runs += want.length;
        expect(blobRuns(line)).toEqual(want);
      }
    }
    expect(runs).toBeGreaterThan(0);
  });
});

describe("the probe's long lines", () => {
  it('counts the characters of lines of 128 or more, which binary needs before it scans for blobs', async () => {
    const { makeProbe, LONG_LINE_CHARS } = await import('../../../src/compressors/probe.js');
    const long = 'x'.repeat(LONG_LINE_CHARS);
    const text = ['short', long, 'y'.repeat(LONG_LINE_CHARS - 1), `${long}zz`].join('\n');
    expect(makeProbe(text).longLineChars).toBe(LONG_LINE_CHARS + LONG_LINE_CHARS + 2);
    expect(makeProbe(`${text}\n`).longLineChars).toBe(LONG_LINE_CHARS + LONG_LINE_CHARS + 2);
    expect(makeProbe(text).lineCount).toBe(4);
    expect(makeProbe(`${text}\n`).lineCount).toBe(4);
    expect(ANNOUNCED_BLOB_CHARS).toBe(LONG_LINE_CHARS);
  });
});
