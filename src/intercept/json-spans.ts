// A JSON reader that remembers where every value sits in the source text, so
// the proxy can splice new string literals into a request body without ever
// re-serialising it (re-serialising would reorder or re-space bytes and break
// the provider's prompt cache). Offsets are UTF-16 indices into the string.
//
// It is iterative (an explicit stack, no recursion) so a hostile 100k-deep
// body gets a clean error instead of a stack overflow, and linear: strings
// without escapes are one slice, escaped ones one native JSON.parse of the
// literal. Measured on Node 20 (2 cores): 50 MB of tool-output strings in
// 50-350 ms; a 76 MB body of millions of tiny values ~2 s, twice JSON.parse,
// the price of one node object per value.

export interface JsonSpan {
  /** Offset of the value's first character. */
  readonly start: number;
  /** Offset just past the value's last character. */
  readonly end: number;
}

export interface JsonString extends JsonSpan {
  readonly kind: 'string';
  readonly value: string;
}
export interface JsonNumber extends JsonSpan {
  readonly kind: 'number';
  readonly value: number;
}
export interface JsonBoolean extends JsonSpan {
  readonly kind: 'boolean';
  readonly value: boolean;
}
export interface JsonNull extends JsonSpan {
  readonly kind: 'null';
}
/**
 * Members are three parallel lists (key, key offset, value), in source order
 * with duplicates kept as found: one object per member fewer than a list of
 * pairs, which matters on bodies with millions of small values.
 */
export interface JsonObject extends JsonSpan {
  readonly kind: 'object';
  readonly keys: readonly string[];
  /** Offset of each key's opening quote. */
  readonly keyStarts: readonly number[];
  readonly values: readonly JsonNode[];
}
export interface JsonArray extends JsonSpan {
  readonly kind: 'array';
  readonly items: readonly JsonNode[];
}
export type JsonNode = JsonString | JsonNumber | JsonBoolean | JsonNull | JsonObject | JsonArray;

/** Malformed or too deep input; `offset` says where reading stopped. */
export class JsonSpanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'JsonSpanError';
  }
}

export interface ReadOptions {
  /** Deepest nesting accepted; real request bodies stay far below the default. */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 512;

// An open container: where it starts and where its children begin on the
// shared scratch lists. Children collect there and are sliced out at the
// close, so each node gets exact-size arrays (growing one array per container
// with push over-allocates, which took a 76 MB body of small values to 2 GB).
interface Frame {
  readonly isObject: boolean;
  readonly start: number;
  /** First child's index in the scratch values. */
  readonly base: number;
  /** First key's index in the scratch keys (objects only). */
  readonly keyBase: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// Any character JSON forbids raw inside a string.
const CONTROL = /[\x00-\x1f]/g;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Escaped string literals longer than this are decoded, and so checked, on
 * first read, and throw JsonSpanError then if they are bad: a 50 MB tool
 * output the proxy will not compress is never decoded on the event loop
 * (JSON.parse of it held the loop 0.1-0.3 s). A read that throws makes the
 * proxy send the body on untouched, as a bad body at parse time would.
 */
const LAZY_FROM = 1 << 20;

/** Reads one JSON document; throws JsonSpanError on anything JSON.parse would reject (in a long escaped string, when it is read). */
export function readJson(src: string, options: ReadOptions = {}): JsonNode {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const len = src.length;
  let i = 0;

  const fail = (what: string, at = i): never => {
    if (at >= len) throw new JsonSpanError(`Unexpected end of JSON (${what})`, at);
    throw new JsonSpanError(`Unexpected ${JSON.stringify(src[at])} (${what})`, at);
  };
  const skipWs = (): void => {
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };

  // Strings are scanned with native indexOf instead of a per-character loop.
  // The next backslash and next control character are found once and reused
  // until the reader passes them, so all the searching stays linear overall.
  let nextBackslash = -1;
  let nextControl = -1;
  const seekBackslash = (from: number): number => {
    if (nextBackslash < from && nextBackslash !== len) {
      const b = src.indexOf('\\', from);
      nextBackslash = b < 0 ? len : b;
    }
    return nextBackslash;
  };
  const seekControl = (from: number): number => {
    if (nextControl < from && nextControl !== len) {
      CONTROL.lastIndex = from;
      nextControl = CONTROL.test(src) ? CONTROL.lastIndex - 1 : len;
    }
    return nextControl;
  };

  // Reads the string literal at i (which is a quote) and leaves i past it; a
  // long escaped one (with `lazy`) comes back as a decoder to call later.
  const readString = (lazy = false): string | (() => string) => {
    const open = i;
    // Short strings (most keys): one plain loop beats the searches below.
    for (let j = open + 1, stop = Math.min(len, open + 33); j < stop; j++) {
      const c = src.charCodeAt(j);
      if (c === QUOTE) {
        i = j + 1;
        return src.slice(open + 1, j);
      }
      if (c === BACKSLASH || c < 0x20) break;
    }
    // The closing quote is the first one preceded by an even run of backslashes.
    let close = src.indexOf('"', open + 1);
    for (;;) {
      if (close < 0) return fail('unterminated string', len);
      let k = close - 1;
      while (src.charCodeAt(k) === BACKSLASH) k--;
      if ((close - 1 - k) % 2 === 0) break;
      close = src.indexOf('"', close + 1);
    }
    i = close + 1;
    if (seekBackslash(open + 1) > close && seekControl(open + 1) > close) return src.slice(open + 1, close);
    if (lazy && close - open > LAZY_FROM) {
      // Checked when read: checking every escape of 50 MB costs more than decoding it.
      const literal = src.slice(open, i);
      return () => {
        try {
          return JSON.parse(literal) as string;
        } catch (cause) {
          throw new JsonSpanError(`Bad string literal (${(cause as Error).message})`, open);
        }
      };
    }
    // Escapes (or a raw control character): JSON.parse decodes the literal
    // natively with exactly its rules for \uXXXX, surrogate pairs and lone
    // surrogates, and rejects what JSON rejects.
    try {
      return JSON.parse(src.slice(open, i)) as string;
    } catch (cause) {
      throw new JsonSpanError(`Bad string literal (${(cause as Error).message})`, open);
    }
  };

  const readScalar = (): JsonNode => {
    const start = i;
    const c = src.charCodeAt(i);
    if (c === QUOTE) {
      const value = readString(true);
      if (typeof value === 'string') return { kind: 'string', start, end: i, value };
      let decoded: string | undefined;
      return {
        kind: 'string',
        start,
        end: i,
        get value() {
          return (decoded ??= value());
        },
      };
    }
    if (c === 0x74 && src.startsWith('true', i)) return { kind: 'boolean', start, end: (i += 4), value: true };
    if (c === 0x66 && src.startsWith('false', i)) return { kind: 'boolean', start, end: (i += 5), value: false };
    if (c === 0x6e && src.startsWith('null', i)) return { kind: 'null', start, end: (i += 4) };
    NUMBER.lastIndex = i;
    if ((c === 0x2d || (c >= 0x30 && c <= 0x39)) && NUMBER.test(src)) {
      i = NUMBER.lastIndex;
      return { kind: 'number', start, end: i, value: Number(src.slice(start, i)) };
    }
    return fail('expected a value');
  };

  const stack: Frame[] = [];
  // Scratch lists with explicit tops: they are never shortened, because
  // shrinking an array's length can free its store and pushing regrows it.
  const values: JsonNode[] = [];
  const keys: string[] = [];
  const keyStarts: number[] = [];
  let valueTop = 0;
  let keyTop = 0;
  const readKey = (): void => {
    if (src.charCodeAt(i) !== QUOTE) fail('expected a string key');
    keyStarts[keyTop] = i;
    keys[keyTop++] = readString() as string;
    skipWs();
    if (src.charCodeAt(i) !== 0x3a /* : */) fail("expected ':'");
    i++;
  };
  const close = (frame: Frame): JsonNode => {
    const start = frame.start;
    const end = ++i;
    const items = values.slice(frame.base, valueTop);
    valueTop = frame.base;
    if (!frame.isObject) return { kind: 'array', start, end, items };
    const node: JsonObject = {
      kind: 'object',
      start,
      end,
      keys: keys.slice(frame.keyBase, keyTop),
      keyStarts: keyStarts.slice(frame.keyBase, keyTop),
      values: items,
    };
    keyTop = frame.keyBase;
    return node;
  };

  for (;;) {
    // Expecting a value at i.
    skipWs();
    let done: JsonNode;
    const c = src.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) throw new JsonSpanError(`Nesting deeper than ${maxDepth}`, i);
      const frame: Frame = { isObject: c === 0x7b, start: i++, base: valueTop, keyBase: keyTop };
      skipWs();
      if (src.charCodeAt(i) !== (frame.isObject ? 0x7d : 0x5d)) {
        stack.push(frame);
        if (frame.isObject) readKey();
        continue;
      }
      done = close(frame);
    } else {
      done = readScalar();
    }

    // A value is complete: attach it, then close containers or move to the next slot.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        skipWs();
        if (i < len) fail('expected end of input');
        return done;
      }
      values[valueTop++] = done;
      skipWs();
      const n = src.charCodeAt(i);
      if (n === 0x2c /* , */) {
        i++;
        if (top.isObject) {
          skipWs();
          readKey();
        }
        break;
      }
      if (n !== (top.isObject ? 0x7d : 0x5d)) fail(top.isObject ? "expected ',' or '}'" : "expected ',' or ']'");
      stack.pop();
      done = close(top);
    }
  }
}

// Small walkers, so adapters read like the wire format they describe.

export function isObject(node: JsonNode | undefined): node is JsonObject {
  return node?.kind === 'object';
}
export function isArray(node: JsonNode | undefined): node is JsonArray {
  return node?.kind === 'array';
}
export function isString(node: JsonNode | undefined): node is JsonString {
  return node?.kind === 'string';
}

/**
 * The member named `key`. With duplicate keys the last one wins, as in
 * JSON.parse and most servers, so we read the value the provider will act on.
 */
export function getMember(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  const k = node.keys.lastIndexOf(key);
  return k < 0 ? undefined : node.values[k];
}

/** The decoded string of member `key`, or undefined when it is missing or not a string. */
export function getString(node: JsonNode | undefined, key: string): string | undefined {
  const v = getMember(node, key);
  return v?.kind === 'string' ? v.value : undefined;
}

/** Items of an array node; an empty list for anything else. */
export function arrayItems(node: JsonNode | undefined): readonly JsonNode[] {
  return node?.kind === 'array' ? node.items : [];
}
