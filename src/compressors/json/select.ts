import { fewSmallValues, nameable, SMALL } from './collections.js';
import { Heap } from './heap.js';
import { type JNode, Kind } from './node.js';
import { columnWeight, type SelectOptions, WHOLE_LINE } from './priority.js';
import { type Column, ledgerOf, type Shape } from './shape.js';
import { isEmpty } from './weights.js';

// Keeps nodes best first (priority.ts) while the estimated cost of the
// rendering fits the budget. A node is reachable only through its parent, so
// kept paths connect; a record comes with the member that names it; a line of
// JSON lines is kept whole, projected, or not at all; dropped runs cost the
// marker they will need, so a few contiguous blocks beat scattered elements.

/**
 * Marks `keep` on the nodes a rendering of about `budget` tokens should show.
 * `cost` is a node's own share of the rendering (its line, its cut string).
 * Records of at most `opts.wholeRecords` tokens are kept whole or not at all.
 */
export function select(shape: Shape, budget: number, cost: (n: JNode) => number, opts: SelectOptions): void {
  const all = shape.all;
  for (const n of all) {
    n.keep = false;
    n.named = false;
  }
  const root = all[0]!;
  root.keep = true;
  let used = cost(root);
  const heap = new Heap();
  const open = (p: JNode) => {
    // A list opens as one run of dropped elements: one marker, until its elements join it up.
    if ((p.kind === Kind.Array || p.map) && p.kids.length) used += MARKER_COST;
    for (const k of p.kids) if (!k.keep && !k.constant) heap.push(k);
  };
  open(root);
  // Past the first value that does not fit, smaller ones of lower rank would only fill the
  // rest with scraps (a timestamp here, an id there): stop, unless what missed was big.
  const big = budget * BIG_SHARE;
  while (heap.size && used < budget) {
    const n = heap.pop();
    if (n.keep) continue;
    const gap = gapCost(n);
    const shell = unshell(n);
    // An entry of a map is named first (its key listed in a marker, the cheapest form that says
    // it is there), its value after every name: the key is the entry's identity, the value a
    // column (issue 11: projection before dropping). A named object is opened for its members.
    if (!n.named && nameable(n)) {
      const c = n.nameCost + gap + shell;
      if (used + c > budget) {
        if (c > big) continue;
        break;
      }
      used += c;
      if (n.parent!.named) n.parent!.named = false;
      n.named = true;
      if (n.kind !== Kind.Scalar) {
        n.keep = true;
        open(n);
      } else if (!fewSmallValues(n.parent!)) {
        // Its value, ranked as a member of the entry (priority.ts scales an entry's members).
        heap.push(n, n.prio);
      }
      continue;
    }
    // A line of JSON lines is shown whole (a small one, or a failure or warning of a log: one
    // real line, long strings cut) or without what names nothing (URLs, ids, timestamps,
    // empties, constants), or not at all: never as a shell of one member.
    if (n.record && opts.lines) {
      const whole = n.full <= opts.wholeRecords || (n.spread >= WHOLE_LINE && !n.linked);
      const c = (whole ? subtreeCost(n, cost) : projectLine(n, shape.columns, cost, false)) + gap;
      if (used + c > budget) {
        if (c > big) continue;
        break;
      }
      used += c;
      if (whole) keepAll(n, true);
      else projectLine(n, shape.columns, cost, true);
      continue;
    }
    if (n.kind !== Kind.Scalar && n.full <= SMALL) {
      if (used + n.full + gap + shell > budget) break;
      used += n.full + gap + shell;
      keepAll(n, false);
      shown(n);
      continue;
    }
    // A record is shown with the member that names it, or not at all.
    const names = n.ident ?? n.alias;
    const c = cost(n) + (names ? cost(names) : 0) + gap + shell;
    if (used + c > budget) {
      if (c > big) continue;
      break;
    }
    used += c;
    n.keep = true;
    shown(n);
    if (names) names.keep = true;
    if (n.kind !== Kind.Scalar) open(n);
  }
  // A container opened for members that then did not fit says nothing its
  // parent's marker would not: fold it back (children before parents).
  for (let i = all.length - 1; i > 0; i--) {
    const n = all[i]!;
    if (!n.keep || n.kind === Kind.Scalar || n.kids.length === 0) continue;
    // An entry of a map is named by its key: shown alone, it still says the entry is there.
    if (n.record && n.parent!.map) continue;
    if (!n.kids.some((k) => k.keep || k.named)) n.keep = false;
  }
  restoreCheapGaps(all, opts);
}

/**
 * What showing `n` adds beyond its own cost: a named entry shown as JSON needs
 * its key, braces and line (the name counted already), and a named scalar
 * shown whole had its name counted.
 */
function unshell(n: JNode): number {
  const p = n.parent;
  const own = n.named ? -n.nameCost : 0;
  return own + (p && p.named && p.keep ? p.cost - p.nameCost : 0);
}

/** `n` is shown: a named entry it belongs to, or it is, is now JSON (its cost counted by unshell). */
function shown(n: JNode): void {
  if (n.parent) n.parent.named = false;
  n.named = false;
}

/**
 * Markers an element adds by being kept: dropped runs of a list each take a
 * marker line, so keeping an element between two dropped ones splits a run
 * (one marker more), next to a kept one costs none, between two kept ones
 * joins two runs (one fewer). Counting them keeps selection honest about
 * scattering: a few contiguous blocks cost less than many single elements.
 */
function gapCost(n: JNode): number {
  const p = n.parent;
  if (!p || (p.kind !== Kind.Array && !p.map)) return 0;
  if (n.named) {
    // Showing a named entry: its name's marker was counted; inside a run of names it splits it.
    const inRun = (k: JNode | undefined) => k !== undefined && k.named && !k.keep;
    return inRun(p.kids[n.idx - 1]) && inRun(p.kids[n.idx + 1]) ? MARKER_COST : 0;
  }
  const left = n.idx === 0 || p.kids[n.idx - 1]!.keep || p.kids[n.idx - 1]!.named;
  const right = n.idx === p.kids.length - 1 || p.kids[n.idx + 1]!.keep || p.kids[n.idx + 1]!.named;
  return left && right ? -MARKER_COST : left || right ? 0 : MARKER_COST;
}

/** Below this column weight a member of a line says nothing a reader needs (URLs, ids, timestamps). */
const LINE_MEMBER_MIN = 0.15;

/**
 * The cost of a line with its empty, constant and opaque members left out
 * (strings cut), and, when `mark`, marks what it keeps. Members inside a
 * failure stay whatever they are.
 */
function projectLine(rec: JNode, columns: readonly Column[], cost: (n: JNode) => number, mark: boolean): number {
  let sum = 0;
  const visit = (n: JNode): boolean => {
    if (n !== rec && n !== rec.alias) {
      if (n.constant || isEmpty(n)) return false;
      const p = n.parent!;
      if (!n.inHot && p.kind === Kind.Object && !p.map && columnWeight(n, columns[n.col]!) <= LINE_MEMBER_MIN) return false;
    }
    let kept = n.kind === Kind.Scalar;
    let named = false;
    for (const k of n.kids) {
      if (!visit(k)) continue;
      kept = true;
      if (k === n.ident) named = true;
    }
    if (!kept) return false;
    sum += cost(n);
    if (mark) n.keep = true;
    // An object shown in a list keeps the member that names it (the guard asks it of every one).
    if (n.ident && !named && n !== rec) {
      sum += cost(n.ident);
      if (mark) n.ident.keep = true;
    }
    return true;
  };
  visit(rec);
  return sum;
}

function subtreeCost(n: JNode, cost: (n: JNode) => number): number {
  let sum = 0;
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    sum += cost(x);
    for (const k of x.kids) stack.push(k);
  }
  return sum;
}

/** Marks a whole subtree kept; copies of constant members too only when `constants` (a record shown as its line). */
export function keepAll(n: JNode, constants: boolean): void {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    x.keep = constants || !x.constant;
    for (const k of x.kids) stack.push(k);
  }
}

/** A value costing more than this share of the budget may be passed over for smaller ones. */
const BIG_SHARE = 0.04;

/** Tokens a marker line costs, about: a run of dropped values cheaper than this is shown instead. */
const MARKER_COST = 14;
/** The same for a marker that names what it stands for (a range of records, members). */
const NAMED_MARKER_COST = 24;

/**
 * A marker is never longer than what it replaces: runs of dropped elements,
 * and members of ordinary objects, that cost less than their marker are put
 * back. Members of records are left: one marker per collection speaks for them.
 */
function restoreCheapGaps(all: readonly JNode[], opts: SelectOptions): void {
  const restore = (k: JNode) => keepAll(k, k.record && k.full <= opts.wholeRecords);
  for (const n of all) {
    if (!n.keep || n.kind === Kind.Scalar) continue;
    if (n.kind === Kind.Array || n.map) {
      // Each run of dropped elements has a marker of its own.
      let from = -1;
      let runCost = 0;
      for (let i = 0; i <= n.kids.length; i++) {
        const k = n.kids[i];
        if (k && !k.keep) {
          if (from < 0) from = i;
          runCost += k.full;
          continue;
        }
        // A run of records or entries is named in its marker (first … last), which costs more.
        const marker = n.map || n.kids[from]?.record ? NAMED_MARKER_COST : MARKER_COST;
        if (from >= 0 && runCost < marker) for (let j = from; j < i; j++) restore(n.kids[j]!);
        from = -1;
        runCost = 0;
      }
    } else if (!n.record && !n.owner) {
      // An ordinary object has one marker for all its dropped members.
      let dropped = 0;
      for (const k of n.kids) if (!k.keep && !k.constant) dropped += k.full;
      if (dropped > 0 && dropped < NAMED_MARKER_COST) for (const k of n.kids) if (!k.keep && !k.constant) restore(k);
    }
  }
  // Members records drop are said once per collection (render.ts): put them back where all of
  // them together cost less than that marker.
  const dropped = new Map<JNode, JNode[]>();
  for (const n of all) {
    const p = n.parent;
    if (n.keep || n.constant || !p || !p.keep || p.kind !== Kind.Object || p.map || (!p.record && !p.owner)) continue;
    const l = ledgerOf(p.record ? p : p.owner!);
    if (!l) continue;
    let list = dropped.get(l);
    if (!list) dropped.set(l, (list = []));
    list.push(n);
  }
  for (const list of dropped.values()) {
    let sum = 0;
    for (const n of list) sum += n.full;
    if (sum < NAMED_MARKER_COST) for (const n of list) keepAll(n, false);
  }
}

