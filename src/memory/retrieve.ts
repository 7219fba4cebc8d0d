import { isContentId } from './id.js';
import { NOT_AVAILABLE, type Store } from './types.js';

// Getting an original back, whole or in part: what `headroom retrieve`, the MCP
// tool and (later) the proxy's own retrieval all share.

export interface RetrieveOptions {
  /** 1-based inclusive range: "A-B", "A" (one line) or "A-" (to the end). */
  readonly lines?: string;
  /** Only lines matching this regular expression (a literal when it is not a valid one), with line numbers. */
  readonly grep?: string;
  readonly now?: () => number;
}

export type Retrieved =
  | { readonly found: true; readonly id: string; readonly bytes: Uint8Array; readonly note?: string }
  | { readonly found: false; readonly id: string; readonly message: string };

/** The input was not a range or the id is not one of ours: the caller made a mistake. */
export class RetrieveUsageError extends Error {
  override readonly name = 'RetrieveUsageError';
}

/** Longest part of a line a --grep pattern is run on: bounds the work per line. */
const GREP_CHARS = 10_000;

export function parseLineRange(spec: string): { from: number; to: number } {
  const m = /^\s*(\d{1,9})\s*(?:(-)\s*(\d{1,9})?)?\s*$/.exec(spec);
  if (!m) throw new RetrieveUsageError(`--lines wants A-B, A or A- (1-based), got "${spec}"`);
  const from = Number(m[1]);
  const to = m[3] !== undefined ? Number(m[3]) : m[2] ? Number.MAX_SAFE_INTEGER : from;
  if (from < 1 || to < from) throw new RetrieveUsageError(`--lines range "${spec}" is empty: the first line is 1 and A <= B`);
  return { from, to };
}

function splitKeepingEnds(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// A group that repeats something and is itself repeated, like (a+)+ or (\w*x)*:
// the shape that makes a backtracking engine take exponential time.
const NESTED_REPETITION = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;

function toRegExp(pattern: string): RegExp {
  if (NESTED_REPETITION.test(pattern)) {
    throw new RetrieveUsageError(`--grep pattern ${JSON.stringify(pattern)} repeats a repeated group, which can take forever: simplify it`);
  }
  try {
    return new RegExp(pattern);
  } catch {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

/**
 * The id as pasted from a marker: `id=hr_...`, `retrieve id=hr_...`, with the
 * marker's closing bracket, are all the same id, for the CLI, the MCP tool and
 * the proxy's retrieval tool alike. Anything else is left as it is, for
 * retrieve() to refuse with its own message.
 */
export function idFromMarker(text: string): string {
  const m = /^\s*(?:retrieve\s+)?(?:id\s*=\s*)?(hr_[a-z0-9]+)\s*[\];,.]*\s*$/i.exec(text);
  return m ? m[1]! : text.trim();
}

/** Looks an id up (as printed, or pasted from a marker), applies --lines/--grep, and records the retrieval for stats. */
export async function retrieve(store: Store, id: string, options: RetrieveOptions = {}): Promise<Retrieved> {
  const wanted = idFromMarker(id);
  if (!isContentId(wanted)) {
    throw new RetrieveUsageError(`"${id}" is not a headroom id: ids look like hr_k3m9x2p7q4ab, as printed in a marker`);
  }
  const range = options.lines !== undefined ? parseLineRange(options.lines) : undefined;
  const original = await store.get(wanted);
  await store.recordRetrieval({ id: wanted, at: (options.now ?? Date.now)(), found: original !== undefined });
  if (!original) return { found: false, id: wanted, message: `${wanted} is ${NOT_AVAILABLE}` };
  if (!range && options.grep === undefined) return { found: true, id: wanted, bytes: original };

  const lines = splitKeepingEnds(Buffer.from(original).toString('utf8'));
  const out: string[] = [];
  const from = range ? range.from : 1;
  const to = range ? Math.min(range.to, lines.length) : lines.length;
  const re = options.grep !== undefined ? toRegExp(options.grep) : undefined;
  for (let n = from; n <= to; n++) {
    const line = lines[n - 1]!;
    if (!re) out.push(line);
    else if (re.test(line.length > GREP_CHARS ? line.slice(0, GREP_CHARS) : line)) out.push(`${n}:${line}`);
  }
  let note: string | undefined;
  if (range && range.from > lines.length) note = `the original has ${lines.length} lines`;
  else if (re && out.length === 0) note = `no line of the original matches ${JSON.stringify(options.grep)}`;
  const text = out.length ? `${out.join('\n')}\n` : '';
  return { found: true, id: wanted, bytes: Buffer.from(text, 'utf8'), ...(note ? { note } : {}) };
}
