import { ID_KEYS } from '../guard/index.js';
import { type JNode, Kind } from './node.js';
import type { Column } from './shape.js';

// What makes a collection: an array of objects, or an object whose members
// are objects of one shape (or hundreds of plain values of one type), keyed by
// name. Its elements are records: named by a member (the guard's rule), or by
// a second one when that repeats, and ordered for when not all of them fit.

/** Fewest members for an object to be read as a map of named entries. */
const MAP_MIN = 3;
/** Fewest members for an object of plain values to be read as a map of named values. */
const SCALAR_MAP_MIN = 16;
/** Keys looked at to decide whether an object is a map. */
const MAP_SCAN = 64;

/** The type of a member that is a list, beside scalarType's. */
const LIST = 4;

/** 0 string, 1 number, 2 boolean, 3 null. */
function scalarType(raw: string): number {
  const c = raw.charCodeAt(0);
  return c === 34 ? 0 : c === 116 || c === 102 ? 2 : c === 110 ? 3 : 1;
}

/**
 * An object whose members are objects of one shape (package-lock `packages`,
 * `npm ls` dependencies, a map of ids): its keys name entries.
 */
export function isMap(n: JNode): boolean {
  const kids = n.kids;
  if (kids.length < MAP_MIN) return false;
  if (kids.length >= SCALAR_MAP_MIN) {
    // Hundreds of flags or versions by name: a list of named values of one type, read by
    // position, not by what its keys mean (an API object mixes numbers, strings and flags).
    // Lists by name (eslint's rules) read the same way.
    const types = new Map<number, number>();
    for (const k of kids) {
      const t = k.kind === Kind.Scalar ? scalarType(k.raw) : k.kind === Kind.Array ? LIST : -1;
      types.set(t, (types.get(t) ?? 0) + 1);
    }
    for (const [t, c] of types) if (t >= 0 && c >= kids.length * 0.9) return true;
  }
  let objects = 0;
  for (const k of kids) if (k.kind === Kind.Object) objects++;
  if (objects < kids.length * 0.8) return false;
  const keys = new Map<string, number>();
  const scan = Math.min(kids.length, MAP_SCAN);
  for (let i = 0; i < scan; i++) {
    const k = kids[i]!;
    if (k.kind === Kind.Object) for (const m of k.kids) keys.set(m.name, (keys.get(m.name) ?? 0) + 1);
  }
  let best = 0;
  for (const c of keys.values()) best = Math.max(best, c);
  return best >= Math.min(scan, objects) * 0.6;
}

/** An array most of whose elements are objects: a list of records. */
export function isRecordList(n: JNode): boolean {
  if (n.kids.length < 2) return false;
  let objects = 0;
  for (const k of n.kids) if (k.kind === Kind.Object) objects++;
  return objects >= n.kids.length * 0.5;
}

/** The member that names a record, by the guard's rule (first of number, id, name, ... with a scalar value). */
export function identOf(rec: JNode): JNode | null {
  for (const key of ID_KEYS) {
    for (const m of rec.kids) {
      if (m.name === key && m.kind === Kind.Scalar && m.raw !== 'null') return m;
    }
  }
  return null;
}

/** Longest average value of a column that can name records. */
const ALIAS_CHARS = 60;

/** Distinct values a naming column has, compared with how often it is present. */
function distinctness(c: Column): number {
  return c.present ? c.freq.size / c.present : 0;
}

/**
 * Records of a list whose naming member repeats (`"name": "WarningLevel"` six
 * times) or is missing are told apart by a second member: the short scalar
 * column of their class with the most distinct values.
 */
export function findAliases(all: readonly JNode[], columns: readonly Column[]): void {
  const best = new Map<number, string | null>();
  for (const n of all) {
    if (!n.record || n.parent!.map) continue;
    if (n.ident && distinctness(columns[n.ident.col]!) >= 0.9) continue;
    let name = best.get(n.col);
    if (name === undefined) {
      name = null;
      let top = n.ident ? columns[n.ident.col]!.freq.size : 1;
      for (const m of n.kids) {
        if (m.kind !== Kind.Scalar || m === n.ident) continue;
        const c = columns[m.col]!;
        if (c.present < 2 || c.chars > ALIAS_CHARS * Math.max(1, c.strings) || c.freq.size <= top) continue;
        // Timestamps, hashes and URLs are distinct in every record and name nothing a reader knows.
        if ((c.opaque + c.urls) * 2 > c.strings && c.strings > 0) continue;
        top = c.freq.size;
        name = m.name;
      }
      best.set(n.col, name);
    }
    if (name !== null) n.alias = n.kids.find((m) => m.name === name && m.kind === Kind.Scalar) ?? null;
  }
}

/** Opening cost, in records, of a block around an anchor of the first level of halving. */
const BLOCK = 4;

/**
 * Orders the elements of a list (records or plain values) for when not all fit: the two ends first,
 * then blocks around evenly spaced anchors (the middle, the quarters, ...),
 * each level opening later than the one before. Any budget then shows a few
 * contiguous runs spread over the whole list rather than only its head.
 */
export function spreadRecords(coll: JNode): void {
  const n = coll.kids.length;
  if (n <= 4) {
    // Every element of a short list is at an end or next to one.
    for (const k of coll.kids) k.spread = 1;
    return;
  }
  const keys = new Float64Array(n);
  let max = 0;
  const levels = n > 2 ? Math.ceil(Math.log2(n - 1)) : 0;
  for (let i = 0; i < n; i++) {
    let best = Math.min(i, n - 1 - i);
    for (let l = 1; l <= levels; l++) {
      const step = (n - 1) / (1 << l);
      const open = BLOCK * (1 << (l - 1));
      if (open >= best) break;
      const d = Math.abs(i - Math.round(Math.round(i / step) * step)) + open;
      if (d < best) best = d;
    }
    keys[i] = best;
    if (best > max) max = best;
  }
  for (let i = 0; i < n; i++) coll.kids[i]!.spread = 1 - keys[i]! / (max + 1);
}

