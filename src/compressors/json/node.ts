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

// Nodes are made by a constructor, and lists by a builtin (slice), not by
// literals: V8 tracks where each literal allocates, and may decide to allocate
// it in the old generation. Its decisions varied from one process to the next.
// When lists went old and nodes stayed young, every node of every document
// parsed since the last full GC survived each minor GC through its parent's old
// list, and parsing a 115 KB document took 2-4 times as long (most of it GC).
// Neither a constructor nor a builtin is tracked, so a tree is allocated the
// same way every time. Fields are declared, not initialised, so the class adds
// no field definitions of its own.
class Node implements JNode {
  declare readonly kind: Kind;
  declare raw: string;
  declare key: string;
  declare name: string;
  declare lname: string;
  declare kids: JNode[];
  declare parent: JNode | null;
  declare idx: number;
  declare ord: number;
  declare col: number;
  declare cost: number;
  declare full: number;
  declare nameCost: number;
  declare prio: number;
  declare rank: number;
  declare keep: boolean;
  declare record: boolean;
  declare map: boolean;
  declare ident: JNode | null;
  declare alias: JNode | null;
  declare owner: JNode | null;
  declare spread: number;
  declare hot: boolean;
  declare hasHot: boolean;
  declare inHot: boolean;
  declare linked: boolean;
  declare outlier: boolean;
  declare constant: boolean;
  declare repeat: boolean;
  declare named: boolean;

  constructor(kind: Kind, raw: string, key: string, name: string, parent: JNode | null, idx: number) {
    this.kind = kind;
    this.raw = raw;
    this.key = key;
    this.name = name;
    this.lname = name.toLowerCase();
    // Scalars share one empty list: a large document has hundreds of thousands of them.
    this.kids = kind === Kind.Scalar ? NO_KIDS : NO_KIDS.slice();
    this.parent = parent;
    this.idx = idx;
    this.ord = 0;
    this.col = 0;
    this.cost = 0;
    this.full = 0;
    this.nameCost = 0;
    this.prio = 0;
    this.rank = 0;
    this.keep = false;
    this.record = false;
    this.map = false;
    this.ident = null;
    this.alias = null;
    this.owner = null;
    this.spread = 0;
    this.hot = false;
    this.hasHot = false;
    this.inHot = false;
    this.linked = false;
    this.outlier = false;
    this.constant = false;
    this.repeat = false;
    this.named = false;
  }
}

export function makeNode(kind: Kind, raw: string, key: string, parent: JNode | null, idx: number): JNode {
  return new Node(kind, raw, key, key ? keyName(key) : '', parent, idx);
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

