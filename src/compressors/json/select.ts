import { type JNode, Kind } from './parse.js';
import { looksLikeError } from './strings.js';

// Decides what a lossy rendering keeps. Each node gets a priority: its
// parent's times a factor from its key (errors, statuses and identities weigh
// more than URLs and headers), its position (first and last elements) and what
// it holds (errors, values no sibling shares). A best-first walk from the root
// then keeps nodes in priority order while the estimated cost fits the budget.
// A node is only reachable through its parent, so kept paths stay connected.

const ERROR_KEYS = new Set([
  'error', 'errors', 'err', 'exception', 'exceptions', 'message', 'messages', 'msg', 'stderr', 'traceback',
  'stacktrace', 'stack', 'reason', 'detail', 'details', 'is_error', 'iserror', 'exit_code', 'exitcode',
  'returncode', 'status', 'statuscode', 'status_code', 'code', 'failure', 'failures', 'warning', 'warnings',
]);
// Counts summarise a whole collection in one number: as telling as a status.
const COUNT_KEYS = new Set(['total', 'total_count', 'totalcount', 'count', 'num_results', 'hits']);
const IDENT_KEYS = new Set([
  'method', 'verb', 'path', 'route', 'endpoint', 'name', 'title', 'type', 'kind', 'state', 'command',
  'cmd', 'file_path', 'filepath', 'filename', 'file', 'query', 'conclusion',
  'summary', 'label', 'level', 'severity', 'result', 'tool_use_id', 'role', 'key',
]);
const LOW_KEYS = new Set(['etag', 'node_id', 'gravatar_id', 'signature', 'checksum', '_links', 'links', 'usage']);

function keyWeight(name: string, isContainer: boolean): number {
  if (ERROR_KEYS.has(name)) return 1;
  if (COUNT_KEYS.has(name)) return 0.94;
  if (IDENT_KEYS.has(name)) return 0.9;
  if (name === 'id') return 0.75;
  if (LOW_KEYS.has(name) || name.endsWith('headers')) return 0.15;
  if (name.endsWith('url') || name.endsWith('_at') || name.endsWith('timestamp') || name.endsWith('time')) return 0.3;
  // A container is only a path to its members: a mild decay keeps shallow facts first.
  return isContainer ? 0.92 : 0.55;
}

// Ids, hashes and timestamps are unique in every record and say little.
const ID_LIKE = /^"(?:[0-9a-f]{8}-[0-9a-f]{4}-|[0-9a-f]{16,}"|\d{4}-\d\d-\d\dT|[A-Za-z]+_[0-9A-Za-z]{16,}")/;

function valueWeight(n: JNode): number {
  if (n.kind !== Kind.Scalar) return n.kids.length === 0 ? 0.5 : 1;
  const r = n.raw;
  if (r === 'null' || r === '""' || r === 'false') return 0.6;
  if (r.charCodeAt(0) === 34 && ID_LIKE.test(r.length > 80 ? r.slice(0, 80) : r)) return 0.4;
  return 1;
}

/** True for an object that records a failure: an error field, status >= 400, is_error, a non-zero exit. */
function isAnomaly(n: JNode): boolean {
  for (const k of n.kids) {
    const name = k.name;
    const r = k.raw;
    if (name === 'status' || name === 'statuscode' || name === 'status_code') {
      const v = Number(r.charCodeAt(0) === 34 ? r.slice(1, -1) : r);
      if (v >= 400 && v < 600) return true;
    } else if (name === 'error' || name === 'errors' || name === 'exception' || name === 'err') {
      if (k.kind === Kind.Scalar ? r !== 'null' && r !== 'false' && r !== '""' : k.kids.length > 0) return true;
    } else if (name === 'is_error' || name === 'iserror') {
      if (r === 'true') return true;
    } else if (name === 'exit_code' || name === 'exitcode' || name === 'returncode') {
      if (k.kind === Kind.Scalar && r !== '0' && r !== 'null') return true;
    } else if (name === 'level' || name === 'severity') {
      if (/^"(?:error|fatal|critical|err)"$/i.test(r)) return true;
    }
  }
  return false;
}

/** Strings longer than this are shown once; later copies print as a reference. */
const REPEAT_MIN = 200;

/** Pre-order list of all nodes, with hot, outlier and constant flags set. */
export function analyse(root: JNode): JNode[] {
  const all: JNode[] = [];
  const stack: JNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    n.ord = all.length;
    all.push(n);
    for (let i = n.kids.length - 1; i >= 0; i--) stack.push(n.kids[i]!);
  }
  const longStrings = new Set<string>();
  for (const n of all) {
    if (n.kind === Kind.Scalar && n.raw.length > REPEAT_MIN) {
      if (longStrings.has(n.raw)) n.repeat = true;
      else longStrings.add(n.raw);
    }
    if (n.kind === Kind.Object) n.hot = isAnomaly(n);
    else if (n.kind === Kind.Array) markOutliers(n);
    else if (n.raw.length > 12 && n.raw.charCodeAt(0) === 34 && ERROR_VALUE_KEYS.has(n.name)) n.hot = looksLikeError(n.raw);
  }
  for (let i = all.length - 1; i > 0; i--) {
    const n = all[i]!;
    if (n.hot || n.hasHot) n.parent!.hasHot = true;
  }
  return all;
}

// String values under these keys are checked for error text. Not generic keys
// like content or output: file contents are full of the word "error".
const ERROR_VALUE_KEYS = new Set(['stderr', 'error', 'err', 'exception', 'traceback']);

/** Flags values only one element of an array of objects has, and fields constant across all. */
function markOutliers(arr: JNode): void {
  const n = arr.kids.length;
  if (n < 3) return;
  for (const el of arr.kids) if (el.kind !== Kind.Object) return;
  const counts = new Map<string, Map<string, number>>();
  for (const el of arr.kids) {
    for (const m of el.kids) {
      if (m.kind !== Kind.Scalar || m.raw.length > 200 || ID_LIKE.test(m.raw)) continue;
      let c = counts.get(m.key);
      if (!c) counts.set(m.key, (c = new Map()));
      c.set(m.raw, (c.get(m.raw) ?? 0) + 1);
    }
  }
  // A value is an outlier only in a field whose values mostly repeat.
  const categorical = new Set<string>();
  for (const [key, c] of counts) {
    let singles = 0;
    let present = 0;
    for (const v of c.values()) {
      present += v;
      if (v === 1) singles++;
    }
    if (present >= 3 && c.size > 1 && c.size < present && singles * 2 <= present) categorical.add(key);
  }
  const firstSeen = new Set<string>();
  for (let e = 0; e < n; e++) {
    const el = arr.kids[e]!;
    for (const m of el.kids) {
      const c = counts.get(m.key);
      if (!c || m.kind !== Kind.Scalar || m.raw.length > 200) continue;
      const seen = c.get(m.raw) ?? 0;
      if (c.size === 1 && seen >= 3) {
        // Same value wherever the field appears: state it once, in the first element that has it.
        if (firstSeen.has(m.key)) m.constant = true;
        else {
          firstSeen.add(m.key);
          m.hoisted = true;
        }
      }
      else if (seen === 1 && categorical.has(m.key)) {
        m.outlier = true;
        el.outlier = true;
      }
    }
  }
}

function elementWeight(n: JNode, len: number, records: boolean): number {
  const i = n.idx;
  if (records) {
    if (n.linked) return 1;
    if (i === 0) return 0.7;
    if (i === len - 1) return 0.65;
    return Math.max(0.05, 0.3 * Math.pow(0.98, i));
  }
  if (len <= 3 || i === 0) return 0.92;
  if (i === len - 1) return 0.88;
  return Math.max(0.3, 0.82 * Math.pow(0.985, i - 1));
}

function factor(n: JNode, records: boolean): number {
  const p = n.parent!;
  const isRecord = records && p.parent === null;
  let f =
    p.kind === Kind.Object ? keyWeight(n.name, n.kind !== Kind.Scalar) : elementWeight(n, p.kids.length, isRecord);
  f *= valueWeight(n);
  if (n.constant) f = Math.min(f, 0.08);
  else if (n.hoisted) f = Math.max(f, 0.8);
  if (n.hot) return 1;
  if (n.hasHot) f = Math.max(f, 0.97);
  else if (p.hot || p.inHot) {
    n.inHot = true;
    f = Math.sqrt(f);
  } else if (p.linked || p.warm) {
    n.warm = true;
    f = Math.sqrt(f);
  }
  if (n.outlier) f = Math.max(f, isRecord ? 0.6 : 0.95);
  return f;
}

/** Max-heap of nodes by priority, earlier nodes first on ties. */
class Heap {
  private readonly a: JNode[] = [];
  get size(): number {
    return this.a.length;
  }
  private above(x: JNode, y: JNode): boolean {
    return x.rank > y.rank || (x.rank === y.rank && x.ord < y.ord);
  }
  push(n: JNode): void {
    const a = this.a;
    a.push(n);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): JNode {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.above(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.above(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Head kept of a long string: identities and error texts keep more than prose fields. */
export function headFor(n: JNode, base: number): number {
  return ERROR_KEYS.has(n.name) || IDENT_KEYS.has(n.name) ? base * 4 : base;
}

/** Members looked at to value a container; the first ones carry the most weight anyway. */
const KIDS_SCANNED = 64;

/** Tokens at which a value's rank halves... roughly: rank = prio / sqrt(1 + cost / COST_SCALE). */
const COST_SCALE = 40;

/** Estimated tokens of one kept node as rendered (its own line, plus a marker reserve for containers). */
export type CostFn = (n: JNode) => number;

/**
 * Marks `keep` on the nodes a rendering of about `budget` tokens should show.
 * `records`: the root is a list of JSONL records (ordinary records weigh little).
 */
export function select(
  all: readonly JNode[],
  budget: number,
  cost: CostFn,
  records: boolean,
  recost?: CostFn,
): void {
  for (const n of all) n.keep = false;
  const root = all[0]!;
  root.keep = true;
  root.prio = 1;
  let used = cost(root);
  const heap = new Heap();
  const pushKids = (p: JNode) => {
    for (const k of p.kids) {
      if (k.scored) {
        heap.push(k);
        continue;
      }
      k.scored = true;
      k.prio = p.prio * factor(k, records);
      k.cost = cost(k);
      // A container is worth what its best member is worth: opening it costs a
      // marker line, so it should not outrank the facts beside it.
      let worth = k.prio;
      if (k.kind !== Kind.Scalar && k.kids.length) {
        let best = 0;
        const scan = Math.min(k.kids.length, KIDS_SCANNED);
        for (let i = 0; i < scan; i++) best = Math.max(best, factor(k.kids[i]!, records));
        worth *= best;
      }
      // Error text is the point of the output: only ordinary long values pay for their length.
      k.rank = k.hot || k.inHot || k.warm ? worth : worth / Math.sqrt(1 + Math.max(0, k.cost - 30) / COST_SCALE);
      heap.push(k);
    }
  };
  pushKids(root);
  while (heap.size && used < budget - 1) {
    const n = heap.pop();
    // Error text repeated from values already kept will print short: re-cost it now.
    const c = recost && n.kind === Kind.Scalar && (n.hot || n.inHot) ? recost(n) : n.cost;
    if (used + c > budget) continue;
    used += c;
    n.keep = true;
    if (n.kind !== Kind.Scalar) pushKids(n);
  }
  // A container opened for members that then did not fit says nothing its
  // parent's marker would not: fold it back (children before parents).
  for (let i = all.length - 1; i > 0; i--) {
    const n = all[i]!;
    if (!n.keep || n.kind === Kind.Scalar || n.kids.length === 0 || n.hot) continue;
    if (!n.kids.some((k) => k.keep)) n.keep = false;
  }
}
