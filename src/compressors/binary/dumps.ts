import { clip } from '../lines.js';
import { LONG_LINE_CHARS } from '../probe.js';

// Text renderings of binary data, line by line: hex dumps (hexdump -C, xxd,
// od -x), octal/char dumps (od -c), base64 bodies (PEM, MIME) and long
// encoded runs inside other text (data: URIs, inlined wasm). Each test is one
// anchored pattern over a clipped line.

/** Shortest run treated as an encoded blob rather than an id or a hash. */
export const BLOB_CHARS = 256;
/**
 * Shortest run treated as a blob when a data: URI announces it (`;base64,`):
 * the URI already says what the bytes are, so even a small icon is noise, and
 * cutting this many still saves more than the marker costs.
 */
export const ANNOUNCED_BLOB_CHARS = LONG_LINE_CHARS;
const ANNOUNCE = 'base64,';

// `00000010  00 00 00 32 ...  |...2|` (hexdump -C), `00000010: 0300 3e00 ...  ..>.` (xxd),
// `000010 6b 2e 30 01 ... >k.0.<` (od -A x -t x1z), `0000020 343  \0 ...` (od -c / -b).
const HEX_ROW = /^[0-9a-fA-F]{6,16}:?(?: {1,2}[0-9a-fA-F]{2,8}){4,}/;
const OD_ROW = /^[0-7]{7}(?: +(?:\\[0-7a-z]|[0-7]{3}|\S)){6,}/;
const OFFSET_ONLY = /^[0-9a-fA-F]{6,16}:?\s*$/;
const BASE64_ROW = /^[A-Za-z0-9+/]{40,120}={0,2}$/;

/** A row of a hex, octal or char dump, or a dump's closing offset line. */
export function isDumpRow(line: string): boolean {
  // Every row opens with an offset, a hex digit first: most lines of text go here (this runs on every payload).
  const c = line.charCodeAt(0) | 32;
  if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
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

/** A run long enough, and mixed enough (digits among letters), to be encoded data; or one a data: URI announces. */
export function isBlobRun(line: string, run: readonly [number, number]): boolean {
  const len = run[1] - run[0];
  // Base64 of a sparse image or font is mostly `A`s, with too few digits to pass the test below.
  if (len >= ANNOUNCED_BLOB_CHARS && run[0] >= ANNOUNCE.length && line.startsWith(ANNOUNCE, run[0] - ANNOUNCE.length)) return true;
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
  if (/(?: {3}[A-Za-z0-9]){6,}/.test(l)) return true; // od -c: one character per 4 columns
  const bar = l.indexOf('|');
  const gt = l.indexOf('>');
  const cut = bar >= 0 ? bar : gt >= 0 ? gt : l.length - 16;
  return /[A-Za-z0-9]{6,}/.test(l.slice(Math.max(0, cut)));
}

/** Characters of an encoded run kept at each end of a cut, so the reader sees where it starts and ends. */
const RUN_HEAD = 24;
const RUN_TAIL = 8;

/** Every encoded run of a line (a minified stylesheet holds many data: URIs on one line), in order. */
export function blobRuns(line: string): Array<[number, number]> {
  return blobRunsIn(line, 0, line.length);
}

/** The encoded runs of `text` between `from` and `to`, at their places in `text` (no copy of a long line). */
function blobRunsIn(text: string, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const w = ANNOUNCED_BLOB_CHARS;
  // `start` is always where a run could begin (the line's start, or just after
  // a character no run holds). A run long enough fills [start, start + w): the
  // window is read from its far end back, and the first character no run
  // holds moves `start` past it, so ordinary text is read about once every w
  // characters and no character more than twice (the router runs this on
  // every payload's long lines).
  let start = from;
  while (start + w <= to) {
    let k = start + w - 1;
    while (k >= start && isBlobChar(text.charCodeAt(k))) k--;
    if (k >= start) {
      start = k + 1;
      continue;
    }
    let end = start + w;
    while (end < to && isBlobChar(text.charCodeAt(end))) end++;
    if (isBlobRun(text, [start, end])) out.push([start, end]);
    start = end + 1;
  }
  return out;
}

/**
 * A line with long encoded runs (data: URIs, an inlined module), each cut in
 * its middle with an inline marker; null when it has none.
 */
export function cutBlob(line: string, marker: (chars: number) => string): string | null {
  const runs = blobRuns(line);
  if (runs.length === 0) return null;
  let out = '';
  let from = 0;
  for (const [s, e] of runs) {
    const cutFrom = s + RUN_HEAD;
    const cutTo = e - RUN_TAIL;
    out += `${line.slice(from, cutFrom)}${marker(cutTo - cutFrom)}`;
    from = cutTo;
  }
  return out + line.slice(from);
}

/** Characters looked at to measure a text's share of encoded runs: the router runs this on every payload. */
export const SHARE_SCAN_CHARS = 512 * 1024;

/**
 * Share of a text's characters that are encoded runs. Only lines long enough
 * to hold one are scanned character by character, so ordinary text costs one
 * indexOf per line.
 */
export function blobShare(text: string): number {
  const end = Math.min(text.length, SHARE_SCAN_CHARS);
  if (end === 0) return 0;
  let blob = 0;
  for (let start = 0; start < end; ) {
    let stop = text.indexOf('\n', start);
    if (stop < 0 || stop > end) stop = end;
    if (stop - start >= ANNOUNCED_BLOB_CHARS) for (const [s, e] of blobRunsIn(text, start, stop)) blob += e - s;
    start = stop + 1;
  }
  return blob / end;
}
