import { findAliases, identOf, isMap, isRecordList, spreadRecords } from './collections.js';
import { type JNode, Kind } from './node.js';
import { JsonShapeError } from './parse.js';
import { looksLikeError } from './strings.js';
import { isAnomaly, isEmpty, isOpaque, isUrl } from './weights.js';

// Finds the structure a reader sees in a document: collections (arrays of
// objects, maps of named entries) whose elements are records, the member that
// names each record, and columns: a member path inside records with array
// indexes and map keys folded, so `[].owner.login` is one column however many
// records there are. Per column it counts what the selection needs to project
// whole columns (constant, empty, long, URL-valued) rather than whole records.
// One pass down and one up: linear in the document.

export interface Column {
  /** Records of the column's class that hold it (a member path present once per record). */
  present: number;
  nullish: number;
  strings: number;
  /** Characters of its string values. */
  chars: number;
  urls: number;
  opaque: number;
  containers: number;
  /** Scalars only, all the same raw text so far. */
  same: boolean;
  first: string | null;
  /** Counts of short scalar values, to find values only one record has. */
  freq: Map<string, number>;
  /** The weight every cell of the column starts from (priority.ts), once computed; 0 before. */
  weight: number;
  /** Records of this class (for a record column), or -1. */
  records: number;
  /** The first record of this class in the document: it shows the class's shape. */
  exemplar: JNode | null;
}

export interface Shape {
  /** Every node, in document order (pre-order). */
  readonly all: JNode[];
  readonly columns: Column[];
}

/** Strings longer than this are shown once; later copies print as a reference. */
const REPEAT_MIN = 200;
/** Values longer than this are not counted as categories. */
const CATEGORY_MAX = 120;

function newColumn(): Column {
  return { present: 0, nullish: 0, strings: 0, chars: 0, urls: 0, opaque: 0, containers: 0, same: true, first: null, freq: new Map(), weight: 0, records: -1, exemplar: null };
}

/** Analyses a parsed document (or the virtual list of JSON lines); `est` estimates tokens. */
export function analyse(root: JNode, est: (s: string) => number): Shape {
  const all: JNode[] = [];
  const columns: Column[] = [newColumn()];
  // Child columns by parent column, then by step (a member name, or '[]' / '{}' for folded lists).
  const childCols: Map<string, number>[] = [];
  const colOf = (parent: number, step: string): number => {
    let m = childCols[parent];
    if (!m) childCols[parent] = m = new Map();
    let id = m.get(step);
    if (id === undefined) {
      id = columns.length;
      m.set(step, id);
      columns.push(newColumn());
    }
    return id;
  };
  const longStrings = new Set<string>();
  // Per column, the object whose member last took it: two in one object are a repeated key.
  const memberOf: number[] = [];
  const stack: JNode[] = [root];
  root.col = 0;
  while (stack.length) {
    const n = stack.pop()!;
    n.ord = all.length;
    all.push(n);
    const p = n.parent;
    if (p) n.owner = p.record ? p : p.owner;
    if (n.kind === Kind.Scalar) {
      if (n.raw.length > REPEAT_MIN && n.raw.charCodeAt(0) === 34) {
        if (longStrings.has(n.raw)) n.repeat = true;
        else longStrings.add(n.raw);
      }
      continue;
    }
    if (n.kind === Kind.Object) {
      n.map = isMap(n);
      n.hot = isAnomaly(n);
      if (n.map && new Set(n.kids.map((k) => k.name)).size < n.kids.length) throw new JsonShapeError('duplicate key');
    }
    const records = n.kind === Kind.Object ? n.map : isRecordList(n);
    const folded = n.map || n.kind === Kind.Array;
    const shared = folded && n.kids.length ? colOf(n.col, n.map ? '{}' : '[]') : 0;
    for (let i = n.kids.length - 1; i >= 0; i--) {
      const k = n.kids[i]!;
      k.col = folded ? shared : colOf(n.col, k.name);
      // A repeated key: JSON.parse keeps the last value, so no projection of this object is safe.
      if (n.kind === Kind.Object && !folded) {
        if (memberOf[k.col] === n.ord) throw new JsonShapeError('duplicate key');
        memberOf[k.col] = n.ord;
      }
      if (records && k.kind === Kind.Object) k.record = true;
      // The guard asks every object shown in an array for its naming member, record list or not.
      if (n.kind === Kind.Array && k.kind === Kind.Object) k.ident = identOf(k);
      stack.push(k);
    }
  }
  collect(all, columns);
  findAliases(all, columns);
  finish(all, columns, est);
  return { all, columns };
}

/** Per-column counts over every record. */
function collect(all: readonly JNode[], columns: Column[]): void {
  for (const n of all) {
    if (n.record) {
      const c = columns[n.col]!;
      c.records = c.records < 0 ? 1 : c.records + 1;
      c.exemplar ??= n;
    }
    // Cells are members of objects inside records; elements of a list inside a record are not.
    if (!n.owner || n.parent!.kind === Kind.Array) continue;
    const c = columns[n.col]!;
    c.present++;
    if (n.kind !== Kind.Scalar) {
      c.containers++;
      c.same = false;
      if (n.kids.length === 0) c.nullish++;
      continue;
    }
    const r = n.raw;
    if (c.first === null) c.first = r;
    else if (c.same && c.first !== r) c.same = false;
    if (r === 'null' || r === '""') c.nullish++;
    if (r.charCodeAt(0) === 34) {
      c.strings++;
      c.chars += r.length - 2;
      if (isUrl(r)) c.urls++;
      else if (isOpaque(r)) c.opaque++;
    }
    if (r.length <= CATEGORY_MAX) c.freq.set(r, (c.freq.get(r) ?? 0) + 1);
  }
}

/** A column whose values mostly repeat: a value only one record has stands out. */
function categorical(c: Column): boolean {
  const distinct = c.freq.size;
  if (c.present < 3 || distinct < 2 || distinct >= c.present) return false;
  let singles = 0;
  for (const v of c.freq.values()) if (v === 1) singles++;
  return singles * 2 <= c.present;
}

/** Flags (constant copies, outliers, errors) and costs, bottom-up. */
function finish(all: readonly JNode[], columns: Column[], est: (s: string) => number): void {
  const isCategorical = new Map<number, boolean>();
  const firstSeen = new Set<number>();
  for (const n of all) {
    const owner = n.owner;
    if (n.kind === Kind.Scalar) {
      const r = n.raw;
      if (r.length > 12 && r.charCodeAt(0) === 34 && ERROR_VALUE_KEYS.has(n.lname)) n.hot = looksLikeError(r);
    }
    // Elements of a plain list inside a record are not cells of a column.
    if (!owner || n.kind !== Kind.Scalar || n.parent!.kind === Kind.Array) continue;
    const c = columns[n.col]!;
    const classRecords = columns[owner.col]!.records;
    if (c.same && c.present >= 3 && c.present === classRecords && owner.ident !== n && !isEmpty(n)) {
      // Same value in every record: stated once, in the first record.
      if (firstSeen.has(n.col)) n.constant = true;
      else firstSeen.add(n.col);
      continue;
    }
    let cat = isCategorical.get(n.col);
    if (cat === undefined) isCategorical.set(n.col, (cat = categorical(c)));
    if (cat && c.freq.get(n.raw) === 1 && !isEmpty(n)) {
      n.outlier = true;
      owner.outlier = true;
    }
  }
  // Members of one column share their key: its cost is counted once.
  const keyCosts = new Float64Array(columns.length).fill(-1);
  for (let i = all.length - 1; i >= 0; i--) {
    const n = all[i]!;
    let keyCost = 0;
    if (n.key) {
      if (n.parent!.map) keyCost = n.nameCost = est(n.key) + 0.7;
      else if ((keyCost = keyCosts[n.col]!) < 0) keyCost = keyCosts[n.col] = est(n.key) + 0.7;
    }
    if (n.kind === Kind.Scalar) {
      const r = n.raw;
      n.cost = keyCost + (r === 'null' || r === 'true' || r === 'false' ? 1 : est(r)) + 1.2;
      n.full = n.cost;
    } else {
      n.cost = keyCost + 3;
      let full = n.cost;
      for (const k of n.kids) full += k.full;
      n.full = full;
    }
    const p = n.parent;
    if (p && (n.hot || n.hasHot)) p.hasHot = true;
    // A list's order of keeping follows its elements' costs (its blocks' size).
    if (n.map || n.kind === Kind.Array) spreadRecords(n);
  }
  dropUnprofitableConstants(all);
}

/** The container whose marker accounts for what records inside it leave out: the outermost collection. */
export function ledgerOf(n: JNode): JNode | null {
  let r = n.record ? n : n.owner;
  if (!r) return null;
  while (r.owner) r = r.owner;
  return r.parent;
}

/** Tokens a constant member must save, per collection, to be worth the marker that says so. */
const CONSTANT_MIN = 30;

function dropUnprofitableConstants(all: readonly JNode[]): void {
  const saved = new Map<JNode, number>();
  for (const n of all) {
    if (!n.constant) continue;
    const l = ledgerOf(n)!;
    saved.set(l, (saved.get(l) ?? 0) + n.full);
  }
  for (const n of all) if (n.constant && (saved.get(ledgerOf(n)!) ?? 0) < CONSTANT_MIN) n.constant = false;
}

// String values under these keys are checked for error text. Not generic keys
// like content or output: file contents are full of the word "error".
const ERROR_VALUE_KEYS = new Set(['stderr', 'error', 'err', 'exception', 'traceback']);
