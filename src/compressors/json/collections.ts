import { ID_KEYS } from '../guard/index.js';
import { listable } from '../marker.js';
import { type JNode, Kind } from './node.js';
import type { Column } from './shape.js';
import { spreadKey } from '../spread.js';

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

/** Longest key a marker names; a longer one is shown with its entry or counted. */
const NAME_MAX_CHARS = 200;

/**
 * An entry of a map that a marker can name: its key, as the source prints it,
 * says the entry is there (names, versions, globals by name), and listing it
 * costs less than showing the entry. Its value is then a column like any other.
 */
export function nameable(n: JNode): boolean {
  return n.parent !== null && n.parent.map && n.key.length <= NAME_MAX_CHARS && listable(n.key);
}

const fewValues = new WeakMap<JNode, boolean>();

/**
 * A map whose entries all hold one of a few short scalars (eslint's globals:
 * `false` or `true`): a marker naming its entries says each one's value too
 * (`false: "alert", "atob", true: "Blob"`), so naming them loses nothing.
 */
export function fewSmallValues(map: JNode): boolean {
  let v = fewValues.get(map);
  if (v !== undefined) return v;
  const seen = new Set<string>();
  v = map.kids.length > 0;
  for (const k of map.kids) {
    if (k.kind !== Kind.Scalar || k.raw.length > VALUE_MAX_CHARS || !listable(k.raw)) v = false;
    else seen.add(k.raw);
    if (!v || seen.size > FEW_VALUES) {
      v = false;
      break;
    }
  }
  fewValues.set(map, v);
  return v;
}

/** Most distinct values a map of named entries may hold for its marker to state them. */
const FEW_VALUES = 3;
/** Longest value a marker states. */
const VALUE_MAX_CHARS = 24;

/** An array most of whose elements are objects: a list of records. */
export function isRecordList(n: JNode): boolean {
  if (n.kids.length < 2) return false;
  let objects = 0;
  for (const k of n.kids) if (k.kind === Kind.Object) objects++;
  return objects >= n.kids.length * 0.5;
}

/**
 * The member that names a record, by the guard's rule (first of number, id,
 * name, ... with a scalar value), or else the same names in another case:
 * PascalCase APIs (Docker's `ID` and `Name`, Go structs without tags) name
 * their records so.
 */
export function identOf(rec: JNode): JNode | null {
  for (const key of ID_KEYS) {
    for (const m of rec.kids) {
      if (m.name === key && m.kind === Kind.Scalar && m.raw !== 'null') return m;
    }
  }
  for (const key of ID_KEYS) {
    for (const m of rec.kids) {
      if (m.lname === key && m.kind === Kind.Scalar && m.raw !== 'null') return m;
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

/**
 * What keeping an element costs first, which is what a block of kept elements
 * holds when the budget is tight: a map's entry is named before it is shown,
 * and a record is shown with its name only (its other members are columns,
 * kept after every record's name). Sizing blocks by whole records made the
 * blocks of a projected list (`npm pack --json`'s files, by path) four names
 * long, each dropped block a marker as long as the names it stood for.
 */
function firstCost(k: JNode): number {
  if (k.nameCost) return k.nameCost;
  if (!k.record || k.full <= SMALL) return k.full;
  const names = k.ident ?? k.alias;
  return Math.min(k.full, k.cost + (names ? names.cost : 0));
}

/** A container this small (tokens) is shown whole or not at all: opening it would cost as much. */
export const SMALL = 12;

/** Fewest elements in a block of a list. */
const BLOCK_MIN = 4;
/** Tokens a block should hold, so that the marker of a dropped block is a small share of it. */
const BLOCK_TOKENS = 100;

/**
 * Orders the elements of a list (records or plain values) for when not all
 * fit: the first and the last element first, then blocks of a few elements in
 * van der Corput order (the middle, the quarters, the eighths, ...). The blocks
 * kept at any budget are then evenly spread over the whole list, and so are
 * the ones dropped: no part of it (a third, a fifth of the way) is dropped
 * at every budget, as it was when blocks grew around the same halving points.
 * A block is kept from its start (ties go to the earlier element), the last
 * one from its end. `full` costs must be known (the block size follows them).
 */
export function spreadRecords(coll: JNode): void {
  const kids = coll.kids;
  const n = kids.length;
  if (n <= 4) {
    // Every element of a short list is at an end or next to one.
    for (const k of kids) k.spread = 1;
    return;
  }
  let tokens = 0;
  for (const k of kids) tokens += firstCost(k);
  const size = Math.max(BLOCK_MIN, Math.ceil(BLOCK_TOKENS / Math.max(1, tokens / n)));
  const blocks = Math.max(2, Math.ceil(n / size));
  const bits = Math.ceil(Math.log2(blocks));
  const span = 2 ** bits;
  for (let i = 0; i < n; i++) {
    const b = Math.min(blocks - 1, Math.floor((i * blocks) / n));
    // Blocks by their place in the van der Corput sequence (the first block is its first).
    const order = spreadKey(b, bits) / span;
    // Within a block, from its start (the last block from the list's end): a small tilt.
    const start = Math.floor((b * n) / blocks);
    const end = Math.floor(((b + 1) * n) / blocks);
    const within = (b === blocks - 1 ? end - 1 - i : i - start) / Math.max(1, end - start);
    kids[i]!.spread = 1 - order - within / span;
  }
  kids[0]!.spread = 1;
  kids[n - 1]!.spread = 1;
}
