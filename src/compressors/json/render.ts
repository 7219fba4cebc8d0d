import type { Elisions } from '../marker.js';
import { namesMarker, planNames } from './names.js';
import { type JNode, Kind } from './node.js';
import type { SourceStyle } from './parse.js';
import { ledgerOf } from './shape.js';
import { shortenRaw } from './strings.js';
import { ERROR_KEYS, IDENT_KEYS } from './weights.js';

// Writes the kept part of a tree back out as JSON that parses once its marker
// lines are removed: kept pairs in the source's own separators (a kept
// `"status": 201` reads as in the source), commas only between kept members,
// small containers on one line. What is left out is said by markers on lines
// of their own: runs of dropped elements where they were, members dropped from
// an ordinary object at its end, and members dropped from records once per
// collection (the outermost one), right after its opening bracket, so a list
// of a hundred projected records carries one marker, not a hundred.

/** Longest one-line rendering of a container. */
const INLINE_MAX = 140;
/** A record reads best as one line of a table: it may be longer. */
const RECORD_INLINE_MAX = 240;
/** Names listed in a marker. */
const NAMES_MAX = 3;

export interface RenderOptions {
  readonly style: SourceStyle;
  /** Long strings may be cut (unique content may go). */
  readonly lossy: boolean;
  /** Characters kept from the head of a long string value. */
  readonly head: number;
}

/** What the records of one collection left out, said once in its marker. */
export class Tally {
  count = 0;
  readonly names = new Map<string, number>();
  readonly constants = new Map<string, number>();

  add(n: JNode): void {
    this.count++;
    const m = n.constant ? this.constants : this.names;
    const name = n.key ? n.name : '[]';
    m.set(name, (m.get(name) ?? 0) + 1);
  }

  describe(): string {
    const parts: string[] = [];
    if (this.constants.size) parts.push(`${names(byCount(this.constants))} as in the first item`);
    if (this.names.size) parts.push(names(byCount(this.names)));
    return parts.join('; ');
  }
}

function byCount(m: Map<string, number>): string[] {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, NAMES_MAX).join(', ');
  return list.length > NAMES_MAX ? `${shown}, …` : shown;
}

/** Characters of a name a marker repeats: enough to tell where a run starts and ends. */
const NAME_MAX = 32;

function clipName(s: string): string {
  return s.length > NAME_MAX ? `${s.slice(0, NAME_MAX - 1)}…` : s;
}

/** How a record is named in a marker: its naming member's value, or its key in a map. */
function recordName(n: JNode): string {
  if (n.parent?.map) return clipName(n.name);
  const id = n.ident;
  if (!id) return '';
  const r = id.raw;
  return clipName(r.charCodeAt(0) === 34 ? r.slice(1, -1) : r);
}

export class Renderer {
  /** Error lines already printed, so repeated failures show once. */
  readonly seen = new Set<string>();
  /** Set while rendering one-line records: every drop inside goes to this tally. */
  private flat: Tally | null = null;
  private readonly tallies = new Map<JNode, Tally>();
  private readonly cuts = new Map<JNode, string>();
  private readonly plans = new Map<JNode, Set<JNode>>();

  constructor(
    readonly opts: RenderOptions,
    readonly el: Elisions,
  ) {}

  scalar(n: JNode): string {
    const r = n.raw;
    if (r.charCodeAt(0) !== 34 || (!n.repeat && (!this.opts.lossy || r.length <= this.opts.head + 2))) return r;
    // A cut registers its marker and the error lines it shows: once per value, however often it is tried.
    let s = this.cuts.get(n);
    if (s !== undefined) return s;
    if (n.repeat) s = shortenRaw(r, { head: this.opts.head, hot: false, repeat: true }, this.seen, this.el);
    else {
      const head = ERROR_KEYS.has(n.lname) || IDENT_KEYS.has(n.lname) ? this.opts.head * 4 : this.opts.head;
      s = shortenRaw(r, { head, hot: n.hot || n.inHot }, this.seen, this.el);
    }
    this.cuts.set(n, s);
    return s;
  }

  private prefix(n: JNode): string {
    return n.key ? n.key + this.opts.style.colon : '';
  }

  /** The tally a dropped member of `obj` goes to, or null when `obj` says it itself. */
  private tallyFor(obj: JNode): Tally | null {
    if (this.flat) return this.flat;
    if (!obj.record && !obj.owner) return null;
    const l = ledgerOf(obj.record ? obj : obj.owner!);
    if (!l) return null;
    let t = this.tallies.get(l);
    if (!t) this.tallies.set(l, (t = new Tally()));
    return t;
  }

  /**
   * One-line form of a container, or null when it does not fit `max` or would
   * need a marker line inside. Drops it makes are pushed to `drops` (to tally if used).
   */
  private inline(n: JNode, max: number, drops: JNode[]): string | null {
    if (n.kind === Kind.Scalar) {
      const s = this.scalar(n);
      return s.length <= max ? s : null;
    }
    const tallied = this.flat !== null || n.record || n.owner !== null;
    // Entries named in a marker need a marker line (a one-line record drops them to its tally).
    if (this.flat === null && n.map && this.names(n, this.opts.style.indent.length).size) return null;
    const parts: string[] = [];
    let len = 2;
    for (const k of n.kids) {
      if (!k.keep) {
        // Dropped elements leave a gap only a marker line can show, except in a one-line record.
        if (n.kind === Kind.Array && this.flat === null) return null;
        if (!tallied) return null;
        drops.push(k);
        continue;
      }
      const v = this.inline(k, max - len, drops);
      if (v === null) return null;
      const part = this.prefix(k) + v;
      len += part.length + this.opts.style.sep.length;
      if (len > max + this.opts.style.sep.length) return null;
      parts.push(part);
    }
    const [open, close] = n.kind === Kind.Array ? ['[', ']'] : ['{', '}'];
    return open + parts.join(this.opts.style.sep) + close;
  }

  /** The document as lines, indented with the source's unit. */
  doc(root: JNode): string[] {
    const out: string[] = [];
    this.emit(root, 0, false, out);
    return out;
  }

  /** One record of a JSON-lines input on one line (kept members only; drops go to `tally`). */
  line(rec: JNode, tally: Tally): string {
    this.flat = tally;
    const drops: JNode[] = [];
    const s = this.inline(rec, Number.MAX_SAFE_INTEGER, drops) ?? '';
    for (const d of drops) tally.add(d);
    this.flat = null;
    return s;
  }

  /** The entries of a map its markers name (planned once, so a one-line try and the rendering agree). */
  private names(map: JNode, indent: number): Set<JNode> {
    let p = this.plans.get(map);
    if (!p) this.plans.set(map, (p = this.opts.lossy ? planNames(map, indent, this.opts.style.colon.length) : new Set()));
    return p;
  }

  /** One value of a stream, pretty as the source prints it; what its records drop goes to `tally`. */
  value(rec: JNode, tally: Tally): string[] {
    const ledger = ledgerOf(rec);
    if (ledger) this.tallies.set(ledger, tally);
    const out: string[] = [];
    this.emit(rec, 0, false, out);
    if (ledger) this.tallies.delete(ledger);
    return out;
  }

  private emit(n: JNode, depth: number, comma: boolean, out: string[]): void {
    const ind = this.opts.style.indent.repeat(depth);
    const head = ind + this.prefix(n);
    const tail = comma ? ',' : '';
    if (n.kind === Kind.Scalar) {
      out.push(head + this.scalar(n) + tail);
      return;
    }
    const [open, close] = n.kind === Kind.Array ? ['[', ']'] : ['{', '}'];
    const inner = this.opts.style.indent.repeat(depth + 1);
    // Entries of a map that only their keys stand for are listed in markers (names.ts).
    const named = n.map ? this.names(n, inner.length) : null;
    const shows = (k: JNode) => k.keep && !named?.has(k);
    const isLedger = n.kids.some((k) => k.record) && !n.owner && !n.record;
    if (!named?.size && (!isLedger || n.kids.every((k) => k.keep))) {
      const drops: JNode[] = [];
      const line = this.inline(n, (n.record ? RECORD_INLINE_MAX : INLINE_MAX) - head.length, drops);
      if (line !== null && !(isLedger && drops.length)) {
        for (const d of drops) this.tallyFor(d.parent!)?.add(d);
        out.push(head + line + tail);
        return;
      }
    }
    out.push(head + open);
    const markerAt = out.length;
    let last = -1;
    for (let i = n.kids.length - 1; i >= 0 && last < 0; i--) if (shows(n.kids[i]!)) last = i;
    if (n.kind === Kind.Array || n.map) {
      let runStart = -1;
      for (let i = 0; i <= n.kids.length; i++) {
        const k = n.kids[i];
        if (k && !shows(k)) {
          if (runStart < 0) runStart = i;
          continue;
        }
        if (runStart >= 0) this.omitRuns(n, runStart, i, named, inner, out);
        runStart = -1;
        if (k) this.emit(k, depth + 1, i < last, out);
      }
    } else {
      const tally = this.tallyFor(n);
      const dropped: JNode[] = [];
      n.kids.forEach((k, i) => {
        if (k.keep) this.emit(k, depth + 1, i < last, out);
        else if (tally) tally.add(k);
        else dropped.push(k);
      });
      if (dropped.length) out.push(inner + this.omitKeys(dropped));
    }
    if (isLedger) {
      const t = this.tallies.get(n);
      const what = `from the ${n.map ? 'entries' : 'items'} below: ${t?.describe() ?? ''}`;
      if (t && t.count) out.splice(markerAt, 0, inner + this.el.omit(t.count, 'keys', what));
      this.tallies.delete(n);
    }
    out.push(ind + close + tail);
  }

  private omitKeys(dropped: readonly JNode[]): string {
    return this.el.omit(dropped.length, 'keys', names(dropped.map((k) => k.name)));
  }

  /** Markers of a run of entries not shown: named ones listed, dropped ones by range, in order. */
  private omitRuns(n: JNode, from: number, to: number, named: Set<JNode> | null, inner: string, out: string[]): void {
    for (let i = from; i < to; ) {
      const listed = named?.has(n.kids[i]!) ?? false;
      let j = i + 1;
      while (j < to && (named?.has(n.kids[j]!) ?? false) === listed) j++;
      out.push(inner + (listed ? namesMarker(n, n.kids.slice(i, j), this.el) : this.omitRun(n, i, j)));
      i = j;
    }
  }

  private omitRun(arr: JNode, from: number, to: number): string {
    const count = to - from;
    const first = arr.kids[from]!;
    const unit = arr.map ? 'entries' : 'items';
    if (first.record || arr.map) {
      const a = recordName(first);
      const b = recordName(arr.kids[to - 1]!);
      const idName = arr.map ? '' : `${first.ident?.name ?? ''} `;
      if (a && count === 1) return this.el.omit(count, unit, `${idName}${a}`);
      if (a && b) return this.el.omit(count, unit, `${idName}${a} … ${b}`);
    }
    let objects = 0;
    let strings = 0;
    for (let i = from; i < to; i++) {
      const k = arr.kids[i]!;
      if (k.kind === Kind.Object) objects++;
      else if (k.kind === Kind.Scalar && k.raw.charCodeAt(0) === 34) strings++;
    }
    const kind = arr.map ? '' : objects === count ? 'objects ' : strings === count ? 'strings ' : 'values ';
    return this.el.omit(count, unit, `${kind}${from + 1}-${to} of ${arr.kids.length}`);
  }
}

