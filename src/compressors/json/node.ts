// The tree a JSON document is read into: each value keeps its source text, and
// carries what analysis (shape.ts), ranking (priority.ts) and selection
// (select.ts) find out about it, in plain fields, so a large document is one
// allocation per value.

export const Kind = { Scalar: 0, Array: 1, Object: 2 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface JNode {
  readonly kind: Kind;
  /** Source text of a scalar ("a\nb", 1.0, true, null); '' for containers. */
  raw: string;
  /** Source text of the member key, quotes included; '' outside objects. */
  key: string;
  /** The member name as JSON reads it (escapes decoded), '' outside objects. */
  name: string;
  /** `name` lower-cased, for weighting. */
  lname: string;
  kids: JNode[];
  parent: JNode | null;
  /** Position among the parent's kids. */
  idx: number;
  /** Pre-order number, for deterministic tie-breaks. */
  ord: number;
  // Filled by analysis (shape.ts) and selection (select.ts).
  /** Generalised path (array indexes and map keys folded): the column a value belongs to. */
  col: number;
  /** Estimated tokens of this node's own line (key, value or brackets, separators). */
  cost: number;
  /** Estimated tokens of the whole subtree, rendered in full. */
  full: number;
  /** Estimated tokens of naming this entry of a map in a marker (its key and a separator); 0 elsewhere. */
  nameCost: number;
  prio: number;
  rank: number;
  keep: boolean;
  /** An element of an array of objects, or an entry of a map of named entries. */
  record: boolean;
  /** A map of named entries: its members are records, their keys name them. */
  map: boolean;
  /** The member that names this record (guard rule), or null. */
  ident: JNode | null;
  /** A second naming member, when `ident` does not tell the records of a list apart (or there is none). */
  alias: JNode | null;
  /** The record this node sits in (nearest), or null. */
  owner: JNode | null;
  /** For a record: 0..1, how early it is kept when not every record fits (ends and evenly spaced blocks first). */
  spread: number;
  hot: boolean;
  hasHot: boolean;
  /** Inside a failure (an ancestor is hot), or inside the call a failure names: its text matters. */
  inHot: boolean;
  /** A record a failure refers to by id (the call that failed). */
  linked: boolean;
  outlier: boolean;
  /** A copy of a member every record has with the same value: shown in the first record only. */
  constant: boolean;
  /** A long string equal to one earlier in the document. */
  repeat: boolean;
  /**
   * An entry of a map that a lossy rendering names in a marker (its key)
   * rather than shows: a scalar dropped but named, or an object kept with none
   * of its members yet (select.ts, render.ts).
   */
  named: boolean;
}

const NO_KIDS: JNode[] = [];

export function makeNode(kind: Kind, raw: string, key: string, parent: JNode | null, idx: number): JNode {
  const name = key ? keyName(key) : '';
  return {
    kind,
    raw,
    key,
    name,
    lname: name.toLowerCase(),
    // Scalars share one empty list: a large document has hundreds of thousands of them.
    kids: kind === Kind.Scalar ? NO_KIDS : [],
    parent,
    idx,
    ord: 0,
    col: 0,
    cost: 0,
    full: 0,
    nameCost: 0,
    prio: 0,
    rank: 0,
    keep: false,
    record: false,
    map: false,
    ident: null,
    alias: null,
    owner: null,
    spread: 0,
    hot: false,
    hasHot: false,
    inHot: false,
    linked: false,
    outlier: false,
    constant: false,
    repeat: false,
    named: false,
  };
}

export function keyName(rawKey: string): string {
  const inner = rawKey.slice(1, -1);
  return inner.includes('\\') ? safeDecode(rawKey) : inner;
}

function safeDecode(rawString: string): string {
  try {
    const v: unknown = JSON.parse(rawString);
    return typeof v === 'string' ? v : rawString.slice(1, -1);
  } catch {
    return rawString.slice(1, -1);
  }
}

