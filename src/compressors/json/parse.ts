// A raw-preserving JSON reader. JSON.parse would normalise numbers (1.0 -> 1,
// big ids lose precision) and escapes (\u00e9 -> é), but kept values must read
// exactly as in the source, so scalars and keys keep their source text. It is
// iterative with a depth cap, so a 100k-deep array cannot blow the stack.

export const Kind = { Scalar: 0, Array: 1, Object: 2 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface JNode {
  readonly kind: Kind;
  /** Source text of a scalar ("a\nb", 1.0, true, null); '' for containers. */
  raw: string;
  /** Source text of the member key, quotes included; '' outside objects. */
  key: string;
  /** Lower-cased unquoted key, for weighting. */
  name: string;
  kids: JNode[];
  parent: JNode | null;
  /** Position among the parent's kids. */
  idx: number;
  /** Source span length, a cheap size proxy. */
  span: number;
  /** Pre-order number, for deterministic tie-breaks. */
  ord: number;
  // Filled by analysis and selection (json-select.ts).
  prio: number;
  /** Heap key: priority discounted by cost, so short facts go before long text. */
  rank: number;
  cost: number;
  /** prio, rank and cost are set (they do not depend on the budget, so rounds reuse them). */
  scored: boolean;
  keep: boolean;
  hot: boolean;
  hasHot: boolean;
  inHot: boolean;
  /** Inside a record an error refers to (the failing call): boosted, but not an error itself. */
  warm: boolean;
  outlier: boolean;
  constant: boolean;
  /** First element's copy of a field constant across elements: it speaks for all of them. */
  hoisted: boolean;
  linked: boolean;
  /** A long string equal to one earlier in the document. */
  repeat: boolean;
}

/** Separators as the source writes them, so kept pairs read byte for byte the same. */
export interface SourceStyle {
  colon: string;
  comma: string;
  indent: string;
  pretty: boolean;
}

export class JsonShapeError extends Error {}

export const MAX_DEPTH = 200;

export function makeNode(kind: Kind, raw: string, key: string, parent: JNode | null, idx: number): JNode {
  return {
    kind,
    raw,
    key,
    name: key ? keyName(key) : '',
    kids: [],
    parent,
    idx,
    span: raw.length,
    ord: 0,
    prio: 0,
    rank: 0,
    cost: 0,
    scored: false,
    keep: false,
    hot: false,
    hasHot: false,
    inHot: false,
    warm: false,
    outlier: false,
    constant: false,
    hoisted: false,
    linked: false,
    repeat: false,
  };
}

function keyName(rawKey: string): string {
  const inner = rawKey.slice(1, -1);
  return (inner.includes('\\') ? safeDecode(rawKey) : inner).toLowerCase();
}

function safeDecode(rawString: string): string {
  try {
    const v: unknown = JSON.parse(rawString);
    return typeof v === 'string' ? v : rawString.slice(1, -1);
  } catch {
    return rawString.slice(1, -1);
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;
}

function skipWs(t: string, i: number, to: number): number {
  while (i < to && isWs(t.charCodeAt(i))) i++;
  return i;
}

function scanString(t: string, i: number, to: number): number {
  let j = i + 1;
  for (;;) {
    const q = t.indexOf('"', j);
    if (q < 0 || q >= to) throw new JsonShapeError('unterminated string');
    let b = q - 1;
    let n = 0;
    while (b > i && t.charCodeAt(b) === 92) {
      n++;
      b--;
    }
    if (n % 2 === 0) return q + 1;
    j = q + 1;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanScalar(t: string, i: number, to: number): number {
  const c = t.charCodeAt(i);
  if (c === 34) return scanString(t, i, to);
  for (const lit of ['true', 'false', 'null']) if (t.startsWith(lit, i)) return i + lit.length;
  NUMBER.lastIndex = i;
  if (NUMBER.test(t) && NUMBER.lastIndex <= to) return NUMBER.lastIndex;
  throw new JsonShapeError(`unexpected character at ${i}`);
}

const S = { Value: 0, ValueOrClose: 1, Key: 2, KeyOrClose: 3, After: 4 } as const;

export interface Parsed {
  root: JNode;
  style: SourceStyle;
}

/** Parses text[from, to) as one JSON value; throws JsonShapeError when it is not JSON. */
export function parseJson(t: string, from = 0, to = t.length): Parsed {
  const stack: JNode[] = [];
  const starts: number[] = [];
  let root: JNode | null = null;
  let key = '';
  let state: number = S.Value;
  let colon: string | null = null;
  let comma: string | null = null;
  let indent: string | null = null;
  let i = from;
  const attach = (n: JNode, start: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root) throw new JsonShapeError('trailing value');
      root = n;
      return;
    }
    n.parent = top;
    n.idx = top.kids.length;
    if (top.kind === Kind.Object) {
      n.key = key;
      n.name = keyName(key);
    }
    top.kids.push(n);
    if (indent === null && stack.length === 1) {
      // The first child of the root shows the source's indent unit.
      const ws = t.slice(starts[0]! + 1, start);
      const nl = ws.lastIndexOf('\n');
      indent = nl >= 0 ? ws.slice(nl + 1) : '';
    }
  };
  for (;;) {
    i = skipWs(t, i, to);
    if (state === S.After) {
      const top = stack[stack.length - 1];
      if (!top) {
        if (i < to) throw new JsonShapeError('trailing text');
        break;
      }
      const c = t.charCodeAt(i);
      if (c === 44) {
        const next = skipWs(t, i + 1, to);
        if (comma === null) comma = t.slice(i, next);
        i = next;
        state = top.kind === Kind.Object ? S.Key : S.Value;
        continue;
      }
      if ((c === 125 && top.kind === Kind.Object) || (c === 93 && top.kind === Kind.Array)) {
        top.span = i + 1 - starts[starts.length - 1]!;
        stack.pop();
        starts.pop();
        i++;
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
      const colonAt = skipWs(t, end, to);
      if (t.charCodeAt(colonAt) !== 58) throw new JsonShapeError(`expected : at ${colonAt}`);
      const valueAt = skipWs(t, colonAt + 1, to);
      if (colon === null) colon = t.slice(end, valueAt);
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
      stack.push(n);
      starts.push(i);
      state = c === 123 ? S.KeyOrClose : S.ValueOrClose;
      i++;
      continue;
    }
    const end = scanScalar(t, i, to);
    const n = makeNode(Kind.Scalar, t.slice(i, end), '', null, 0);
    attach(n, i);
    i = end;
    state = S.After;
  }
  if (!root) throw new JsonShapeError('empty');
  const pretty = comma !== null ? comma.includes('\n') : (indent ?? '').length > 0;
  return {
    root,
    style: {
      colon: colon ?? ':',
      comma: pretty ? ',' : (comma ?? ','),
      indent: pretty && indent ? indent : ' ',
      pretty,
    },
  };
}
