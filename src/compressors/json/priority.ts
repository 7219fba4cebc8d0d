import { nameable, SMALL } from './collections.js';
import { type JNode, Kind } from './node.js';
import type { Column, Shape } from './shape.js';
import { COUNT_KEYS, ERROR_KEYS, IDENT_KEYS, isEmpty, isUrlKey, keyWeight, valueWeight } from './weights.js';

// What a lossy rendering keeps first. Every node gets a priority: its
// parent's times a factor for what it is. The factors put things in tiers:
//  - errors, the document's own top-level facts;
//  - records and the member that names each of them: every record stays
//    before any record shows more than its name;
//  - whole columns of records, best first: short categorical fields (state,
//    type, status) before plain values, before URLs, hashes and timestamps,
//    before long free text, before nulls and empties;
// so a tight budget projects columns away before it drops whole records, and
// drops records only past that, keeping the ends and evenly spaced blocks.
// select.ts then keeps nodes best first while the estimated cost fits.

export interface SelectOptions {
  /** Records no bigger than this (tokens) are kept whole or not at all: the lines of a JSON-lines log. */
  readonly wholeRecords: number;
  /** The root's records are the lines of JSON lines, ordered by their spread (jsonl.ts). */
  readonly lines: boolean;
}

/** Lowest factor of a record: every record outranks every column (COLUMN_MAX). */
const RECORD_MIN = 0.85;
/** Spread of the first record of a template in JSON lines (jsonl.ts); repeats have less. */
export const FIRST_OF_TEMPLATE = 0.97;
/** Spread from which a line is a failure or a warning of a log, shown whole (jsonl.ts). */
export const WHOLE_LINE = 0.993;
/** Highest factor of an ordinary column of records. */
const COLUMN_MAX = 0.82;

/** The weight of a whole column, from what its values are. */
export function columnWeight(n: JNode, c: Column): number {
  const name = n.lname;
  if (c.weight > 0) return c.weight;
  let w: number;
  const strings = Math.max(1, c.strings);
  const avg = c.chars / strings;
  if (ERROR_KEYS.has(name)) w = COLUMN_MAX;
  else if (COUNT_KEYS.has(name)) w = 0.8; // a count sums up what the record holds
  else if (c.urls * 2 >= strings && c.strings > 0) w = 0.15;
  else if (isUrlKey(name)) w = 0.15;
  else if (c.opaque * 2 >= strings && c.strings > 0) w = 0.12;
  else if (keyWeight(name, false) <= 0.15) w = 0.12;
  else if (avg > 80 && c.strings * 2 >= c.present) w = 0.1;
  else if (IDENT_KEYS.has(name)) w = 0.75;
  else if (c.freq.size === c.present && c.present >= 3 && c.strings === c.present && avg <= 60) w = 0.7; // names every record
  else if (c.containers * 2 >= c.present) w = 0.6;
  else if (c.present >= 4 && c.freq.size <= Math.max(2, c.present / 8) && avg <= 30) w = 0.7; // a few kinds: tells records apart
  else if (keyWeight(name, false) < 0.55) w = keyWeight(name, false);
  else w = c.strings * 2 >= c.present ? 0.55 : 0.45;
  c.weight = w;
  return w;
}

/** Factor of a node relative to the base its priority multiplies (see `base`). */
function factor(n: JNode, columns: readonly Column[], opts: SelectOptions): number {
  const p = n.parent!;
  let f: number;
  if (n.record && opts.lines) {
    // The lines of JSON lines, in the order markTemplates gave them: the first of each template
    // (failures first) before the columns of any record, repeats of a template after them.
    return n.spread >= FIRST_OF_TEMPLATE ? RECORD_MIN + 0.14 * n.spread : 0.6 * n.spread;
  } else if (n.record) {
    f = n.hot || n.hasHot ? 1 : RECORD_MIN + 0.14 * n.spread;
  } else if (n.owner && nameable(n)) {
    // A map inside a record (a package's dependencies by name) is a column whose content is
    // its keys: each entry is named as a record is by its naming member, every name before
    // the plain columns of the record's neighbours (its value ranks apart: score). A map
    // outside records is read as a list, its ends and evenly spaced blocks first.
    f = RECORD_MIN + 0.14 * n.spread;
  } else if (p.kind === Kind.Array || p.map) {
    // Plain values of a list: its ends and evenly spaced blocks first (shape.ts spreadRecords).
    f = LIST_MIN + 0.62 * n.spread * n.spread;
  } else if (p.record && p.ident === n) {
    f = 1;
  } else if (n.owner) {
    const rec = n.owner;
    const c = columns[n.col]!;
    // A column that is mostly null or empty goes first; an empty value where others have one is news.
    if (isEmpty(n) && c.nullish * 2 >= c.present) f = 0.03;
    else {
      f = columnWeight(n, c);
      if (n.outlier) f = Math.max(f, COLUMN_MAX);
      // The first record shows its class's shape: its plain members go before other records
      // (URLs, ids and long text aside), nested ones before most columns.
      if (columns[rec.col]!.exemplar === rec && n.kind !== Kind.Array && f >= 0.45) {
        f = p === rec && n.kind === Kind.Scalar ? 0.995 : Math.sqrt(f);
      }
      if (rec.hot || n.inHot) f = Math.sqrt(f);
      // What a failure object says (its text, its flag, the call it names) is the point of it.
      if (p.hot) f = Math.max(f, ERROR_KEYS.has(n.lname) ? 1 : 0.96);
    }
  } else {
    f = keyWeight(n.lname, n.kind !== Kind.Scalar) * valueWeight(n);
    if (n.inHot) f = Math.sqrt(f);
    if (p.hot) f = Math.max(f, ERROR_KEYS.has(n.lname) ? 1 : 0.96);
    // The document's own top-level facts (name, version, total_count) describe all the rest.
    if (n.kind === Kind.Scalar && isDocument(p)) f = Math.max(f, 0.95);
  }
  if (n.hot) return 1;
  if (n.hasHot) f = Math.max(f, 0.97);
  return f;
}

/**
 * The object a document is about: the root, or the one object a root list
 * holds (`npm pack --json`, `docker inspect` print `[{...}]`).
 */
function isDocument(n: JNode): boolean {
  const p = n.parent;
  return !p || (!p.parent && p.kind === Kind.Array && p.kids.length === 1 && n.kind === Kind.Object);
}

/** The priority a node's factor multiplies: a record's members rank by column, not by the record's own rank. */
function base(n: JNode): number {
  const p = n.parent!;
  if (p.record && p.ident !== n && p.parent) return p.parent.prio;
  return p.prio;
}

/**
 * Among cells of equal weight, one column goes whole before the next (by
 * column), and within a column the records kept first (by spread): where the
 * budget ends, one column is cut short, not several.
 */
function columnOrder(n: JNode): number {
  const rec = n.owner!;
  return -n.col * 1e-9 + rec.spread * 1e-12;
}

/** Past 30 tokens, a value's rank falls with its cost: rank = prio / sqrt(1 + (cost - 30) / COST_SCALE). */
const COST_SCALE = 40;

/** Sets prio and rank on every node (they do not depend on the budget, so rounds reuse them). */
export function score(shape: Shape, opts: SelectOptions, cost: (n: JNode) => number): void {
  const all = shape.all;
  const root = all[0]!;
  root.prio = 1;
  root.rank = 1;
  for (let i = 1; i < all.length; i++) {
    const n = all[i]!;
    const p = n.parent!;
    n.inHot = p.hot || p.inHot || p.linked;
    n.prio = base(n) * factor(n, shape.columns, opts);
    // Outside records, short facts go before long text; within records whole columns decide.
    n.rank = n.record || n.hot ? n.prio : n.owner ? n.prio + columnOrder(n) : n.prio / Math.sqrt(1 + Math.max(0, cost(n) - 30) / COST_SCALE);
    // An entry of a map is named at its rank (select.ts); what it holds, its value or its
    // members, ranks below every name of the map: the names, then the values as one column
    // (ends and evenly spaced blocks first, as the names).
    if (nameable(n)) n.prio = p.prio * VALUE_SHARE * (0.5 + 0.5 * n.spread);
  }
  // A container is worth what its best member is worth: opening it costs a
  // line, so it should not outrank the facts beside it (records excepted:
  // they are kept with their name).
  for (let i = all.length - 1; i > 0; i--) {
    const n = all[i]!;
    if (n.kind === Kind.Scalar || n.record || n.kids.length === 0 || n.full <= SMALL || nameable(n)) continue;
    let best = 0;
    const scan = Math.min(n.kids.length, KIDS_SCANNED);
    for (let k = 0; k < scan; k++) best = Math.max(best, n.kids[k]!.rank);
    n.rank = Math.min(n.rank, best);
  }
}

/** The least factor of a plain value of a list (a map's entry named last). */
const LIST_MIN = 0.3;
/** What a named entry's value or members are worth beside its map: below the least of its names. */
const VALUE_SHARE = LIST_MIN * 0.9;
/** Members looked at to value a container; the first ones carry the most weight anyway. */
const KIDS_SCANNED = 64;

