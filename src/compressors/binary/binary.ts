import { Elisions } from '../marker.js';
import { splitLines, joinLines } from '../lines.js';
import type { Compressed, Compressor, Probe } from '../types.js';

// Binary bytes and long base64/hex blobs carry nothing a model can read, so
// they become one line naming what they were. Text lines around a blob are kept.

/** Shortest run we treat as an encoded blob rather than an id or a hash. */
const BLOB_CHARS = 256;

// Known file signatures, so the summary says what the bytes were.
const MAGIC: ReadonlyArray<readonly [string, string]> = [
  ['\x7fELF', 'ELF executable'],
  ['\x89PNG', 'PNG image'],
  ['GIF8', 'GIF image'],
  ['\xff\xd8\xff', 'JPEG image'],
  ['%PDF', 'PDF document'],
  ['PK\x03\x04', 'ZIP archive'],
  ['\x1f\x8b', 'gzip data'],
  ['\0asm', 'WebAssembly module'],
  ['SQLite format 3', 'SQLite database'],
];

function isBlobChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61 || c === 45 || c === 95
  );
}

/** Share of a sample that is control bytes, NUL or U+FFFD (invalid UTF-8). */
export function binaryShare(sample: string): number {
  if (!sample) return 0;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || c === 0x7f) bad++;
  }
  return bad / sample.length;
}

/** Length of the longest run of base64/hex/url-safe characters in a line, capped. */
function longestBlobRun(line: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < line.length; i++) {
    if (isBlobChar(line.charCodeAt(i))) {
      run++;
      if (run > best) best = run;
    } else run = 0;
  }
  return best;
}

/** A blob line: mostly one unbroken encoded run with letters and digits mixed. */
function isBlobLine(line: string): boolean {
  if (line.length < BLOB_CHARS) return false;
  const run = longestBlobRun(line);
  if (run < BLOB_CHARS || run < line.length * 0.8) return false;
  // Prose and identifiers have long letter-only stretches; encoded data mixes digits in.
  let digits = 0;
  for (let i = 0; i < Math.min(line.length, 2048); i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= Math.min(line.length, 2048) * 0.03;
}

function describeBytes(text: string): string {
  for (const [magic, name] of MAGIC) if (text.startsWith(magic)) return name;
  return 'binary data';
}

export const binaryCompressor: Compressor = {
  name: 'binary-summary',
  type: 'binary',

  score(probe: Probe): number {
    // 2 KB tell binary from text as well as 8 KB do, for a quarter of the scan.
    const share = binaryShare(probe.head.slice(0, 2048));
    if (share > 0.1 || probe.head.includes('\0')) return 0.95;
    const blobLines = probe.lines.filter((l) => l.length >= 256 && isBlobLine(l)).length;
    if (blobLines > 0 && blobLines >= probe.lines.length * 0.5) return 0.9;
    return -1;
  },

  compress(text: string): Compressed {
    const el = new Elisions();
    const sample = text.length > 8192 ? text.slice(0, 8192) : text;
    if (binaryShare(sample) > 0.1 || sample.includes('\0')) {
      const marker = el.omit(Buffer.byteLength(text, 'utf8'), 'bytes', describeBytes(text));
      return { text: marker, elisions: el.list };
    }
    const { lines, trailingNewline } = splitLines(text);
    const out: string[] = [];
    for (const line of lines) {
      if (isBlobLine(line)) out.push(el.omit(line.length, 'characters', 'base64/hex encoded data'));
      else out.push(line);
    }
    return { text: joinLines(out, trailingNewline), elisions: el.list };
  },
};
