import { type JNode, Kind, type SourceStyle } from './parse.js';
import { headFor } from './select.js';
import { shortenRaw } from './strings.js';
import type { Elisions } from '../marker.js';

// Writes a (possibly pruned) tree back out in the source's own separators, so
// every kept pair reads exactly as the source printed it, `"status": 201,`
// with its comma included. Small containers go on one line; dropped members
// and runs of dropped elements each leave one marker saying what they were.

const INLINE_SPAN = 240;
const INLINE_MAX = 110;
const NAMES_MAX = 3;

export interface RenderOptions {
  readonly style: SourceStyle;
  /** False: everything is kept and strings are whole. */
  readonly lossy: boolean;
  /** Characters kept from the head of a long string value. */
  readonly head: number;
}

export class Renderer {
  /** Error lines already printed, so repeated failures show once. */
  readonly seen = new Set<string>();
  /** Members dropped inside one-line records, by key, for the summary marker. */
  readonly droppedInRecords = new Map<string, number>();
  droppedCount = 0;
  /** Scalars written by `record`, to spot records that would print as empty shells. */
  scalarsShown = 0;
  private readonly sep: string;

  constructor(
    readonly opts: RenderOptions,
    readonly el: Elisions,
  ) {
    this.sep = opts.style.pretty ? ', ' : opts.style.comma;
  }

  scalar(n: JNode): string {
    const r = n.raw;
    if (!this.opts.lossy || r.charCodeAt(0) !== 34 || r.length <= this.opts.head + 2) return r;
    const head = headFor(n, this.opts.head);
    return shortenRaw(r, { head, hot: n.hot || n.inHot, repeat: n.repeat }, this.seen, this.el);
  }

  private prefix(n: JNode): string {
    return n.key ? n.key + this.opts.style.colon : '';
  }

  private suffix(n: JNode): string {
    const p = n.parent;
    return p && n.idx < p.kids.length - 1 ? ',' : '';
  }

  /** One-line form of a fully kept small container, or null. */
  private inline(n: JNode, max: number): string | null {
    if (n.kind === Kind.Scalar) return n.raw.length <= max ? n.raw : null;
    const parts: string[] = [];
    let len = 2;
    for (const k of n.kids) {
      if (!k.keep) return null;
      const v = this.inline(k, max - len);
      if (v === null) return null;
      const part = this.prefix(k) + v;
      len += part.length + this.sep.length;
      if (len > max + this.sep.length) return null;
      parts.push(part);
    }
    const [open, close] = n.kind === Kind.Array ? ['[', ']'] : ['{', '}'];
    return open + parts.join(this.sep) + close;
  }

  /** The document as lines, indented with the source's unit. */
  doc(root: JNode): string[] {
    const out: string[] = [];
    this.emit(root, 0, out);
    return out;
  }

  private emit(n: JNode, depth: number, out: string[]): void {
    const ind = this.opts.style.indent.repeat(depth);
    const head = ind + this.prefix(n);
    const tail = this.suffix(n);
    if (n.kind === Kind.Scalar) {
      out.push(head + this.scalar(n) + tail);
      return;
    }
    const [open, close] = n.kind === Kind.Array ? ['[', ']'] : ['{', '}'];
    if (n.kids.length === 0) {
      out.push(head + open + close + tail);
      return;
    }
    if (n.span <= INLINE_SPAN) {
      const line = this.inline(n, INLINE_MAX);
      if (line !== null) {
        out.push(head + line + tail);
        return;
      }
    }
    if (!n.kids.some((k) => k.keep)) {
      out.push(head + this.omitAll(n) + tail);
      return;
    }
    out.push(head + open);
    const inner = this.opts.style.indent.repeat(depth + 1);
    if (n.kind === Kind.Array) {
      let runStart = -1;
      for (let i = 0; i <= n.kids.length; i++) {
        const k = n.kids[i];
        if (k && !k.keep) {
          if (runStart < 0) runStart = i;
          continue;
        }
        if (runStart >= 0) out.push(inner + this.omitRun(n, runStart, i));
        runStart = -1;
        if (k) this.emit(k, depth + 1, out);
      }
    } else {
      const dropped: JNode[] = [];
      for (const k of n.kids) {
        if (k.keep) this.emit(k, depth + 1, out);
        else dropped.push(k);
      }
      if (dropped.length) out.push(inner + this.omitKeys(dropped));
    }
    out.push(ind + close + tail);
  }

  private omitAll(n: JNode): string {
    return n.kind === Kind.Array ? this.omitRun(n, 0, n.kids.length) : this.omitKeys(n.kids);
  }

  private omitKeys(dropped: readonly JNode[]): string {
    const plain: string[] = [];
    const constant: string[] = [];
    for (const k of dropped) (k.constant ? constant : plain).push(k.key.slice(1, -1));
    let what = names(plain);
    if (constant.length) what += `${what ? '; ' : ''}${constant.length} same as in the first item`;
    return this.el.omit(dropped.length, 'keys', what);
  }

  private omitRun(arr: JNode, from: number, to: number): string {
    let objects = 0;
    let strings = 0;
    for (let i = from; i < to; i++) {
      const k = arr.kids[i]!;
      if (k.kind === Kind.Object) objects++;
      else if (k.kind === Kind.Scalar && k.raw.charCodeAt(0) === 34) strings++;
    }
    const count = to - from;
    const kind = objects === count ? 'objects' : strings === count ? 'strings' : 'values';
    const like = from > 0 ? ', like the ones above' : '';
    return this.el.omit(count, 'items', `${kind} ${from}-${to - 1} of ${arr.kids.length}${like}`);
  }

  /** One JSONL record on one line, kept members only; dropped members are tallied. */
  record(n: JNode): string {
    if (n.kind === Kind.Scalar) {
      this.scalarsShown++;
      return this.scalar(n);
    }
    let body = '';
    for (const k of n.kids) {
      // A kept member keeps its source comma even when the next member was dropped.
      if (k.keep) body += this.prefix(k) + this.record(k) + (this.suffix(k) ? this.opts.style.comma : '');
      else {
        this.droppedCount++;
        const name = k.key ? k.key.slice(1, -1) : '[]';
        this.droppedInRecords.set(name, (this.droppedInRecords.get(name) ?? 0) + 1);
      }
    }
    const [open, close] = n.kind === Kind.Array ? ['[', ']'] : ['{', '}'];
    return open + body + close;
  }
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, NAMES_MAX).join(', ');
  return list.length > NAMES_MAX ? `${shown}, …` : shown;
}
