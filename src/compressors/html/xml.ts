import { findTagEnd, tagAt } from './scan.js';
import { indentOf } from '../lines.js';
import { type Item, markerFor } from '../prose/index.js';

// XML as an indented outline: closing tags go, a leaf element becomes
// `name attrs: text`, attributes and text stay exactly as written (so values
// can be searched for), comments and declarations are dropped. Over budget,
// long runs of sibling elements with one name keep their first and last.

/** Indentation stops growing here, so a 100k-deep document cannot blow up quadratically. */
const MAX_INDENT_DEPTH = 24;
/** Closing tags look this far up the stack for their element. */
const CLOSE_SEARCH = 64;

interface Open {
  readonly name: string;
  readonly attrs: string;
  readonly depth: number;
  header: boolean;
  text: string;
}

function indent(depth: number): string {
  return '  '.repeat(Math.min(depth, MAX_INDENT_DEPTH));
}

export interface XmlOutline {
  readonly lines: string[];
  /** Comments, declarations and processing instructions dropped. */
  readonly dropped: number;
}

export function outlineXml(xml: string): XmlOutline {
  const lines: string[] = [];
  const stack: Open[] = [];
  let dropped = 0;
  const pushText = (depth: number, text: string) => {
    for (const part of text.split('\n')) {
      const t = part.trim();
      if (t) lines.push(indent(depth) + t);
    }
  };
  const header = (e: Open) => {
    if (e.header) return;
    e.header = true;
    lines.push(indent(e.depth) + e.name + e.attrs);
  };
  const flushText = (e: Open) => {
    if (e.text.trim()) pushText(e.depth + 1, e.text);
    e.text = '';
  };
  const openChild = () => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    header(parent);
    flushText(parent);
  };
  const close = (e: Open) => {
    const t = e.text.trim();
    if (!e.header && !t.includes('\n')) {
      lines.push(`${indent(e.depth)}${e.name}${e.attrs}${t ? `: ${t}` : ''}`);
      return;
    }
    header(e);
    flushText(e);
  };
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const stop = lt < 0 ? n : lt;
    if (stop > i) {
      const top = stack[stack.length - 1];
      if (top) top.text += xml.slice(i, stop);
      else pushText(0, xml.slice(i, stop));
    }
    if (lt < 0) break;
    const tag = tagAt(xml, lt);
    if (!tag) {
      const top = stack[stack.length - 1];
      if (top) top.text += '<';
      i = lt + 1;
      continue;
    }
    if (tag.kind === 'comment' || tag.kind === 'decl') {
      dropped++;
      i = tag.end;
      continue;
    }
    if (tag.kind === 'cdata') {
      const top = stack[stack.length - 1];
      const body = xml.slice(lt + 9, Math.max(lt + 9, tag.end - 3));
      if (top) top.text += body;
      else pushText(0, body);
      i = tag.end;
      continue;
    }
    const nameStart = tag.kind === 'close' ? lt + 2 : lt + 1;
    const name = xml.slice(nameStart, nameStart + tag.name.length);
    if (tag.kind === 'close') {
      i = findTagEnd(xml, lt);
      let k = stack.length - 1;
      while (k >= 0 && stack.length - k <= CLOSE_SEARCH && stack[k]!.name !== name) k--;
      if (k < 0 || stack.length - k > CLOSE_SEARCH) continue;
      while (stack.length > k) close(stack.pop()!);
      continue;
    }
    i = tag.end;
    const rawAttrs = xml.slice(nameStart + name.length, tag.selfClosing ? tag.end - 2 : tag.end - 1);
    const attrs = rawAttrs.trim() ? ` ${rawAttrs.replace(/\s+/g, ' ').trim()}` : '';
    openChild();
    if (tag.selfClosing) lines.push(indent(stack.length) + name + attrs);
    else stack.push({ name, attrs, depth: stack.length, header: false, text: '' });
  }
  while (stack.length > 0) close(stack.pop()!);
  return { lines, dropped };
}

function outlineKey(line: string): string {
  const t = line.trimStart();
  let e = 0;
  while (e < t.length && e < 64 && t[e] !== ' ' && t[e] !== ':') e++;
  return `${line.length - t.length}|${t.slice(0, e)}`;
}

/**
 * Runs of more than keepHead + keepTail + 1 sibling blocks (a line and the
 * deeper lines under it) with the same element name keep their first and last
 * blocks and one marker for the rest. Linear: block ends are found once.
 */
export function collapseSiblingRuns(items: readonly Item[], keepHead: number, keepTail: number): Item[] {
  const n = items.length;
  const depth = items.map((it) => indentOf(it.text).length);
  const end = new Array<number>(n).fill(n);
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    while (open.length > 0 && depth[open[open.length - 1]!]! >= depth[i]!) end[open.pop()!] = i;
    open.push(i);
  }
  const keys = items.map((it) => (it.omitted ? '' : outlineKey(it.text)));
  const out: Item[] = [];
  let i = 0;
  const limit = keepHead + keepTail + 1;
  while (i < n) {
    const starts = [i];
    let j = end[i]!;
    while (keys[i] && j < n && keys[j] === keys[i] && starts.length <= limit) {
      starts.push(j);
      j = end[j]!;
    }
    if (starts.length <= limit) {
      out.push(items[i]!);
      i++;
      continue;
    }
    while (j < n && keys[j] === keys[i]) {
      starts.push(j);
      j = end[j]!;
    }
    const dropFrom = starts[keepHead]!;
    const dropTo = starts[starts.length - keepTail]!;
    for (let k = i; k < dropFrom; k++) out.push(items[k]!);
    const name = keys[i]!.slice(keys[i]!.indexOf('|') + 1);
    const m = markerFor(items, dropFrom, dropTo, `${starts.length - keepHead - keepTail} more ${name} elements`);
    if (m) out.push(m);
    for (let k = dropTo; k < j; k++) out.push(items[k]!);
    i = j;
  }
  return out;
}
