import { Elisions } from '../marker.js';
import { splitLines, joinLines } from '../lines.js';
import type { Compressed, CompressContext, Compressor, Probe } from '../types.js';
import { SHARE_SCAN_CHARS, binaryShare, blobShare, cutBlob, isBase64Row, isBlobRun, isDumpRow, longestBlobRun, showsText } from './dumps.js';

// Binary bytes carry nothing a model can read, so they become one line naming
// what they were. Dumps of bytes (hexdump, xxd, od) and base64 bodies keep
// the edges of each run and the rows that show text; a long encoded run inside
// a line is cut in its middle. Text lines around them are kept.

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

function describeBytes(text: string): string {
  for (const [magic, name] of MAGIC) if (text.startsWith(magic)) return name;
  return 'binary data';
}

/**
 * Text whose encoded runs are this share of its characters is text with an
 * embedded blob: a stylesheet with an inlined font, a module with inlined
 * wasm. Base64 costs about twice the tokens per character that text does, so
 * this is about a fifth of its tokens. Only the blob goes; every other line
 * stays as written, where another kind's compressor, sizing the page by the
 * blob too, would cut the text around it and the line that says what the
 * blob is.
 */
const TEXT_WITH_BLOB_SHARE = 0.1;

const DUMP = 1;
const BASE64 = 2;

function rowKind(line: string): number {
  if (isDumpRow(line)) return DUMP;
  if (isBase64Row(line)) return BASE64;
  return 0;
}

function score(probe: Probe): number {
  // 2 KB tell binary from text as well as 8 KB do, for a quarter of the scan.
  const share = binaryShare(probe.head.slice(0, 2048));
  if (share > 0.1 || probe.head.includes('\0')) return 0.95;
  let rows = 0;
  let blobs = 0;
  let nonBlank = 0;
  for (const l of probe.lines) {
    if (l.trim() === '') continue;
    nonBlank++;
    if (rowKind(l) !== 0) rows++;
    // Probe lines are clipped: a line at the clip length may be a long blob.
    else if (l.length >= 256 && isBlobRun(l, longestBlobRun(l))) blobs++;
  }
  if (nonBlank === 0) return -1;
  if (rows >= nonBlank * 0.6) return 0.9;
  if (blobs > 0 && (blobs + rows) >= nonBlank * 0.5) return 0.9;
  if (rows >= nonBlank * 0.3 && rows >= 8) return 0.5;
  // Blobs sit in long lines: text whose long lines are under the share cannot reach it, and is not scanned.
  const scanned = Math.min(probe.text.length, SHARE_SCAN_CHARS);
  if (probe.longLineChars < scanned * TEXT_WITH_BLOB_SHARE) return -1;
  return blobShare(probe.text) >= TEXT_WITH_BLOB_SHARE ? 0.9 : -1;
}

/**
 * Rows kept at the end of a dump run ending at `end`: its last row, and the
 * row before it when the last is only the closing offset (od, hexdump): the
 * offset tells the size, the row before it the final bytes.
 */
function lastRows(lines: readonly string[], end: number): number {
  return OFFSET_LINE.test(lines[end - 1]!) ? 2 : 1;
}

const OFFSET_LINE = /^[0-9a-fA-F]{6,16}:?\s*$/;

/** `count` items of `items`, evenly spaced, the first and the last among them. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  if (count <= 0) return [];
  if (count === 1) return [items[0]!];
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(items[Math.round((i * (items.length - 1)) / (count - 1))]!);
  return out;
}

function compress(text: string, ctx: CompressContext): Compressed {
  const el = new Elisions();
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  if (binaryShare(sample) > 0.1 || sample.includes('\0')) {
    const marker = el.omit(Buffer.byteLength(text, 'utf8'), 'bytes', describeBytes(text));
    return { text: marker, elisions: el.list };
  }
  const { lines, trailingNewline } = splitLines(text);
  const n = lines.length;
  const kind = new Uint8Array(n);
  for (let i = 0; i < n; i++) kind[i] = rowKind(lines[i]!);
  // Encoded rows are noise at any size: each run keeps its first row (and a
  // dump its last, whose offset tells the size); dump rows that show text
  // come back while the budget allows.
  const keep = new Uint8Array(n).fill(1);
  const textRows: number[] = [];
  for (let i = 0; i < n; ) {
    if (kind[i] === 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && kind[j] === kind[i]) j++;
    if (j - i >= 3) {
      for (let k = i + 1; k < j - (kind[i] === DUMP ? lastRows(lines, j) : 0); k++) {
        keep[k] = 0;
        if (kind[i] === DUMP && showsText(lines[k]!)) textRows.push(k);
      }
    }
    i = j;
  }
  // Rows that show text come back as many as the budget holds, spread from the
  // first to the last so that every stretch of the dump has its strings.
  let tokens = 0;
  for (let i = 0; i < n; i++) if (keep[i]) tokens += ctx.estimateTokens(lines[i]!) + 0.5;
  if (textRows.length > 0) {
    const rowCost = ctx.estimateTokens(lines[textRows[0]!]!) + 8; // the row and the marker it splits
    const room = Math.max(0, Math.floor((ctx.budgetTokens - tokens) / rowCost));
    for (const k of spread(textRows, room)) keep[k] = 1;
  }
  const out: string[] = [];
  for (let i = 0; i < n; ) {
    if (keep[i]) {
      const line = lines[i]!;
      out.push(cutBlob(line, (chars) => el.cut(chars)) ?? line);
      i++;
      continue;
    }
    let j = i;
    while (j < n && !keep[j]) j++;
    out.push(el.omit(j - i, 'lines', kind[i] === DUMP ? 'dump rows' : 'base64 lines'));
    i = j;
  }
  if (el.list.length === 0) return { text, elisions: [] };
  return { text: joinLines(out, trailingNewline), elisions: el.list };
}

/** Binary bytes, dumps of them and encoded blobs: what they are, not the bytes. */
export const binaryCompressor: Compressor = {
  name: 'binary-summary',
  type: 'binary',
  score,
  compress,
};
