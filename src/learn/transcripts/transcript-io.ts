import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { isJsonObject as isObj } from '../../json-object.js';

// What every parser needs: a streaming line reader that also counts lines
// that are not valid UTF-8 (a decoder that replaces bad bytes would hide
// them), clipping, times, and finding files without walking a whole home.

export { type JsonObject as Json, isJsonObject as isObj } from '../../json-object.js';
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Keeps the head and tail of a long output: errors are usually at one end. */
export function clipOutput(text: string, max = 4096): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n[... ${text.length - max} characters ...]\n${text.slice(-half)}`;
}

/** The head of a file, for format detection. */
export function head(file: string, bytes = 4096): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const got = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, got).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Outputs are kept to about 4 KB: enough for the line that says why a call failed. */
export const OUTPUT_LIMIT = 4096;
/** Inputs are the agent's own JSON; 2 KB keeps a command and its flags. */
export const INPUT_LIMIT = 2048;
/** A line longer than this is not parsed at all (a pasted binary, a runaway tool result): skipped and counted. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Output text clipped to OUTPUT_LIMIT, head and tail kept. */
const outputLimit = new AsyncLocalStorage<number>();

/**
 * Runs `read` with outputs kept up to `limit` characters instead of OUTPUT_LIMIT:
 * `headroom savings` replays every byte the model saw, `headroom learn` needs
 * only the lines that say why a call failed. Scoped to the read's async work.
 */
export function withOutputLimit<T>(limit: number, read: () => Promise<T>): Promise<T> {
  return outputLimit.run(limit, read);
}

export const clip = (text: string, limit = outputLimit.getStore() ?? OUTPUT_LIMIT): string => clipOutput(text, limit);

/** JSON text of a value, clipped: the form ToolCall.input keeps. */
export function jsonInput(value: unknown): string {
  if (typeof value === 'string') return clip(value, INPUT_LIMIT);
  try {
    return clip(JSON.stringify(value) ?? '', INPUT_LIMIT);
  } catch {
    return '';
  }
}

/** Epoch milliseconds or an ISO string as ISO, or undefined for anything else. */
export function isoTime(v: unknown): string | undefined {
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return new Date(v < 1e12 ? v * 1000 : v).toISOString();
  return undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** One line of a file: its text, or undefined when it could not be read (invalid UTF-8, too long). */
export interface Line {
  readonly text: string | undefined;
}

/**
 * The file's lines, streamed so a large transcript never sits in memory
 * whole. Blank lines are dropped unless `keepBlank` (markdown needs them); a
 * line that is not valid UTF-8 or is over MAX_LINE_BYTES comes back with text
 * undefined, for the caller to count.
 */
export async function* readLines(file: string, keepBlank = false): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const emit = (): Line | undefined => {
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const long = tooLong;
    parts = [];
    size = 0;
    tooLong = false;
    if (long) return { text: undefined };
    if (bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0d)) return keepBlank ? { text: '' } : undefined;
    try {
      return { text: decoder.decode(bytes) };
    } catch {
      return { text: undefined };
    }
  };
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      if (!tooLong) parts.push(chunk.subarray(start, nl));
      start = nl + 1;
      const line = emit();
      if (line) yield line;
    }
    if (start < chunk.length && !tooLong) {
      parts.push(chunk.subarray(start));
      size += chunk.length - start;
      // Keep no more of a runaway line than it takes to know it is one.
      if (size > MAX_LINE_BYTES) {
        tooLong = true;
        parts = [];
      }
    }
  }
  if (parts.length > 0 || tooLong) {
    const line = emit();
    if (line) yield line;
  }
}

/** JSON objects of a JSONL file, and how many lines were not one (malformed, truncated, invalid UTF-8, too long). */
export async function readJsonRecords(file: string): Promise<{ records: Record<string, unknown>[]; skipped: number }> {
  const records: Record<string, unknown>[] = [];
  let notObjects = 0;
  const skipped = await readJsonLines(file, (value) => (isObj(value) ? records.push(value) : notObjects++));
  return { records, skipped: skipped + notObjects };
}

/** Streams the JSON records of a JSONL file to `each`; returns how many lines were skipped (not JSON, invalid UTF-8, too long). */
export async function readJsonLines(file: string, each: (record: unknown) => void): Promise<number> {
  let skipped = 0;
  for await (const line of readLines(file)) {
    const value = line.text === undefined ? undefined : parseJson(line.text);
    if (value === undefined) skipped++;
    else each(value);
  }
  return skipped;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Files under `dir` (to `depth` folders down) whose name passes `match`; a missing or unreadable folder is no files. */
export function findFiles(dir: string, match: (name: string) => boolean, depth: number): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (depth > 0) out.push(...findFiles(full, match, depth - 1));
    } else if (e.isFile() && match(e.name)) out.push(full);
  }
  return out.sort();
}

export const isFile = (p: string): boolean => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The first line of a head, parsed, when it is a JSON object: how JSONL formats recognise each other. */
export function firstRecord(head: string): Record<string, unknown> | undefined {
  const line = head.split('\n', 1)[0] ?? '';
  const value = parseJson(line);
  return isObj(value) ? value : undefined;
}
