import { type JNode, keyName, Kind, makeNode } from './node.js';

// A raw-preserving JSON reader. JSON.parse would normalise numbers (1.0 -> 1,
// big ids lose precision) and escapes (\u00e9 -> é), but kept values must read
// exactly as in the source, so scalars and keys keep their source text. It is
// iterative with a depth cap, so a 100k-deep array cannot blow the stack, and
// it reads streams of values too (`go list -json`, `jq` without -s).

/** Separators as the source writes them, so kept pairs read byte for byte the same. */
export interface SourceStyle {
  /** Between a key and its value, e.g. ": " or ":". */
  colon: string;
  /** Between members on one line: ", " for a pretty source, "," for a minified one. */
  sep: string;
  /** One level of indentation. */
  indent: string;
  pretty: boolean;
}

export class JsonShapeError extends Error {}

export const MAX_DEPTH = 200;

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipWs(t: string, i: number, to: number): number {
  while (i < to && isWs(t.charCodeAt(i))) i++;
  return i;
}

// Hex digits and the escapes JSON allows after a backslash: anything else is not JSON.
const ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]);
function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** A run of characters a string holds as they are: the regex engine skips it faster than a loop reads it. */
const PLAIN_RUN = /[^"\\\x00-\x1f]*/y;

/** End of the string starting at i (its opening quote); what JSON.parse rejects, this rejects. */
function scanString(t: string, i: number, to: number): number {
  let k = i + 1;
  for (;;) {
    PLAIN_RUN.lastIndex = k;
    PLAIN_RUN.test(t);
    k = PLAIN_RUN.lastIndex;
    if (k >= to) throw new JsonShapeError('unterminated string');
    const c = t.charCodeAt(k);
    if (c === 34) return k + 1;
    if (c < 32) throw new JsonShapeError('control character in string');
    // A backslash: the escapes JSON allows.
    const e = t.charCodeAt(k + 1);
    if (e === 117) {
      for (let h = k + 2; h < k + 6; h++) if (!isHex(t.charCodeAt(h))) throw new JsonShapeError('bad \\u escape');
      k += 6;
    } else if (ESCAPES.has(e)) k += 2;
    else throw new JsonShapeError('bad escape');
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanScalar(t: string, i: number, to: number): number {
  const c = t.charCodeAt(i);
  if (c === 34) return scanString(t, i, to);
  const lit = c === 116 ? 'true' : c === 102 ? 'false' : c === 110 ? 'null' : '';
  if (lit) {
    if (t.startsWith(lit, i) && i + lit.length <= to) return i + lit.length;
    throw new JsonShapeError(`unexpected character at ${i}`);
  }
  NUMBER.lastIndex = i;
  if (NUMBER.test(t) && NUMBER.lastIndex <= to) return NUMBER.lastIndex;
  throw new JsonShapeError(`unexpected character at ${i}`);
}

/** A key as the source writes it, its decoded name, and that name lower-cased. */
interface KeyNames {
  readonly key: string;
  readonly name: string;
  readonly lname: string;
}

const S = { Value: 0, ValueOrClose: 1, Key: 2, KeyOrClose: 3, After: 4 } as const;

/** Separators seen so far; the first of each kind decides the style. */
interface StyleSeen {
  colon: string | null;
  comma: string | null;
  indent: string | null;
}

/** Reads one value starting at or after `from`; returns it and the offset just past it. */
function parseValue(t: string, from: number, to: number, seen: StyleSeen): { root: JNode; end: number } {
  const stack: JNode[] = [];
  let root: JNode | null = null;
  let key = '';
  let keyAt = -1;
  let state: number = S.Value;
  let i = from;
  let openAt = -1;
  // Records repeat their keys: each distinct key is decoded and lower-cased once.
  const names = new Map<string, KeyNames>();
  const attach = (n: JNode, start: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = n;
      return;
    }
    n.parent = top;
    n.idx = top.kids.length;
    if (top.kind === Kind.Object) {
      let k = names.get(key);
      if (!k) {
        const name = keyName(key);
        names.set(key, (k = { key, name, lname: name.toLowerCase() }));
      }
      n.key = k.key;
      n.name = k.name;
      n.lname = k.lname;
    }
    top.kids.push(n);
    if (seen.indent === null && stack.length === 1) {
      // The first member of the outermost container shows the source's indent unit.
      const ws = t.slice(openAt + 1, top.kind === Kind.Object ? keyAt : start);
      const nl = ws.lastIndexOf('\n');
      seen.indent = nl >= 0 ? ws.slice(nl + 1) : '';
    }
  };
  for (;;) {
    i = skipWs(t, i, to);
    if (state === S.After) {
      const top = stack[stack.length - 1];
      if (!top) break;
      const c = t.charCodeAt(i);
      if (c === 44) {
        const next = skipWs(t, i + 1, to);
        if (seen.comma === null) seen.comma = t.slice(i, next);
        i = next;
        state = top.kind === Kind.Object ? S.Key : S.Value;
        continue;
      }
      if ((c === 125 && top.kind === Kind.Object) || (c === 93 && top.kind === Kind.Array)) {
        stack.pop();
        i++;
        if (stack.length === 0) break; // the value ends here, before any whitespace after it
        continue;
      }
      throw new JsonShapeError(`expected , or close at ${i}`);
    }
    if (i >= to) throw new JsonShapeError('unexpected end');
    const c = t.charCodeAt(i);
    if (state === S.Key || state === S.KeyOrClose) {
      if (state === S.KeyOrClose && c === 125) {
        state = S.After;
        continue;
      }
      if (c !== 34) throw new JsonShapeError(`expected key at ${i}`);
      const end = scanString(t, i, to);
      key = t.slice(i, end);
      keyAt = i;
      const colonAt = skipWs(t, end, to);
      if (t.charCodeAt(colonAt) !== 58) throw new JsonShapeError(`expected : at ${colonAt}`);
      const valueAt = skipWs(t, colonAt + 1, to);
      if (seen.colon === null) seen.colon = t.slice(end, valueAt);
      i = valueAt;
      state = S.Value;
      continue;
    }
    if (state === S.ValueOrClose && c === 93) {
      state = S.After;
      continue;
    }
    if (c === 123 || c === 91) {
      if (stack.length >= MAX_DEPTH) throw new JsonShapeError('too deep');
      const n = makeNode(c === 123 ? Kind.Object : Kind.Array, '', '', null, 0);
      attach(n, i);
      if (stack.length === 0) openAt = i;
      stack.push(n);
      state = c === 123 ? S.KeyOrClose : S.ValueOrClose;
      i++;
      continue;
    }
    const end = scanScalar(t, i, to);
    const n = makeNode(Kind.Scalar, t.slice(i, end), '', null, 0);
    attach(n, i);
    i = end;
    if (stack.length === 0) break;
    state = S.After;
  }
  if (!root) throw new JsonShapeError('empty');
  return { root, end: i };
}

function styleOf(seen: StyleSeen): SourceStyle {
  const pretty = seen.comma !== null ? seen.comma.includes('\n') : (seen.indent ?? '').length > 0;
  const comma = seen.comma ?? ',';
  return {
    colon: seen.colon ?? ':',
    // A pretty source separates members on one line with ", ", as JSON.stringify's reader expects.
    sep: pretty ? ', ' : comma,
    indent: pretty && seen.indent ? seen.indent : ' ',
    pretty,
  };
}

export interface Parsed {
  root: JNode;
  style: SourceStyle;
}

/** Parses text[from, to) as one JSON value; throws JsonShapeError when it is not JSON. */
export function parseJson(t: string, from = 0, to = t.length): Parsed {
  const seen: StyleSeen = { colon: null, comma: null, indent: null };
  const { root, end } = parseValue(t, from, to, seen);
  if (skipWs(t, end, to) < to) throw new JsonShapeError('trailing text');
  return { root, style: styleOf(seen) };
}

export interface ParsedStream {
  /** The values in order, with where each starts and ends in the text. */
  values: { node: JNode; from: number; to: number }[];
  style: SourceStyle;
}

/** Parses a whitespace-separated stream of JSON values (two or more), or throws JsonShapeError. */
export function parseStream(t: string): ParsedStream {
  const seen: StyleSeen = { colon: null, comma: null, indent: null };
  const values: ParsedStream['values'] = [];
  let i = skipWs(t, 0, t.length);
  while (i < t.length) {
    const { root, end } = parseValue(t, i, t.length, seen);
    values.push({ node: root, from: i, to: end });
    i = skipWs(t, end, t.length);
  }
  if (values.length < 2) throw new JsonShapeError('not a stream');
  return { values, style: styleOf(seen) };
}
