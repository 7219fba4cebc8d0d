import { clip } from '../lines.js';

// Text renderings of binary data, line by line: hex dumps (hexdump -C, xxd,
// od -x), octal/char dumps (od -c), base64 bodies (PEM, MIME) and long
// encoded runs inside other text (data: URIs, inlined wasm). Each test is one
// anchored pattern over a clipped line.

/** Shortest run treated as an encoded blob rather than an id or a hash. */
export const BLOB_CHARS = 256;

// `00000010  00 00 00 32 ...  |...2|` (hexdump -C), `00000010: 0300 3e00 ...  ..>.` (xxd),
// `000010 6b 2e 30 01 ... >k.0.<` (od -A x -t x1z), `0000020 343  \0 ...` (od -c / -b).
const HEX_ROW = /^[0-9a-fA-F]{6,16}:?(?: {1,2}[0-9a-fA-F]{2,8}){4,}/;
const OD_ROW = /^[0-7]{7}(?: +(?:\\[0-7a-z]|[0-7]{3}|\S)){6,}/;
const OFFSET_ONLY = /^[0-9a-fA-F]{6,16}:?\s*$/;
const BASE64_ROW = /^[A-Za-z0-9+/]{40,120}={0,2}$/;

/** A row of a hex, octal or char dump, or a dump's closing offset line. */
export function isDumpRow(line: string): boolean {
  const l = clip(line, 200);
  return HEX_ROW.test(l) || OD_ROW.test(l) || OFFSET_ONLY.test(l);
}

/** A full-width line of a base64 body (PEM, MIME, ssh keys). */
export function isBase64Row(line: string): boolean {
  return line.length >= 40 && line.length <= 122 && BASE64_ROW.test(line) && /\d/.test(line) && /[A-Z]/.test(line) && /[a-z]/.test(line);
}

function isBlobChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61 || c === 45 || c === 95;
}

/** The longest run of base64/hex/url-safe characters in a line: [start, end). */
export function longestBlobRun(line: string): [number, number] {
  let best: [number, number] = [0, 0];
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i < line.length && isBlobChar(line.charCodeAt(i))) continue;
    if (i - start > best[1] - best[0]) best = [start, i];
    start = i + 1;
  }
  return best;
}

/** A run long enough, and mixed enough (digits among letters), to be encoded data. */
export function isBlobRun(line: string, run: readonly [number, number]): boolean {
  const len = run[1] - run[0];
  if (len < BLOB_CHARS) return false;
  // Prose and identifiers have long letter-only stretches; encoded data mixes digits in.
  let digits = 0;
  const end = Math.min(run[1], run[0] + 2048);
  for (let i = run[0]; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= (end - run[0]) * 0.03;
}

/** Share of a sample that is control bytes, NUL or U+FFFD (invalid UTF-8). */
export function binaryShare(sample: string): number {
  if (!sample) return 0;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // An escape opening a terminal sequence (colours, cursor moves: ESC then @ to _) is coloured text, not bytes.
    if (c === 27 && sample.charCodeAt(i + 1) >= 0x40 && sample.charCodeAt(i + 1) <= 0x5f) continue;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || c === 0x7f) bad++;
  }
  return bad / sample.length;
}

/** Readable text in a dump row: 6 or more letters or digits in its character column, or spelled out by od -c. */
export function showsText(row: string): boolean {
  const l = clip(row, 200);
  if (/(?: {3}[A-Za-z0-9_]){6,}/.test(l)) return true; // od -c: one character per 4 columns
  const bar = l.indexOf('|');
  const gt = l.indexOf('>');
  const cut = bar >= 0 ? bar : gt >= 0 ? gt : l.length - 16;
  return /[A-Za-z0-9_]{6,}/.test(l.slice(Math.max(0, cut)));
}

/** Characters of an encoded run kept at each end of a cut, so the reader sees where it starts and ends. */
const RUN_HEAD = 24;
const RUN_TAIL = 8;

/**
 * A line with a long encoded run (a data: URI, an inlined module), cut in the
 * middle of the run with an inline marker; null when it has none.
 */
export function cutBlob(line: string, marker: (chars: number) => string): string | null {
  if (line.length < BLOB_CHARS) return null;
  const run = longestBlobRun(line);
  if (!isBlobRun(line, run)) return null;
  const cutFrom = run[0] + RUN_HEAD;
  const cutTo = run[1] - RUN_TAIL;
  return `${line.slice(0, cutFrom)}${marker(cutTo - cutFrom)}${line.slice(cutTo)}`;
}
