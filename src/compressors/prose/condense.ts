import { Elisions } from '../marker.js';
import { type Block, hasMarkdownHeadings, parseBlocks, isProseParagraph } from './blocks.js';
import { type Item, type Keep, elide, elideKeeping, isBlank, isSalient, renderItems } from './items.js';
import { collapseExactRuns, collapseTemplateRuns, dedupBlocks, squeezeBlanks } from './steps.js';

// The prose pipeline, shared with the HTML fallback: lossless passes always,
// then coarser and coarser lossy passes only while the text is above budget,
// each keeping structure (headings, first lines) and marking what it dropped.

export interface CondenseOptions {
  readonly budgetTokens: number;
  readonly estimateTokens: (text: string) => number;
  /** Skip the lossy passes (input that is already compressed output). */
  readonly losslessOnly?: boolean;
}

export interface Condensed {
  readonly lines: string[];
  readonly elisions: Elisions;
}

/** Rough cost of a rendered marker line, so budget checks need not render. */
const MARKER_TOKENS = 14;

/** Estimated tokens of items once rendered. */
export function itemsCost(items: readonly Item[], est: (t: string) => number): number {
  let markers = 0;
  const parts: string[] = [];
  for (const it of items) {
    if (it.omitted) markers++;
    else parts.push(it.text);
  }
  return est(parts.join('\n')) + markers * MARKER_TOKENS;
}

function pushRange(out: Item[], items: readonly Item[], from: number, to: number): void {
  for (let k = from; k < to; k++) out.push(items[k]!);
}

/** Long blocks keep their first line(s): paragraphs, list items, code, tables. */
function shortenBlocks(items: readonly Item[], keep: Keep): Item[] {
  const out: Item[] = [];
  const blocks = parseBlocks(items);
  let b = 0;
  while (b < blocks.length) {
    const bl = blocks[b]!;
    const len = bl.end - bl.start;
    if (bl.kind === 'item') {
      // A long list keeps its first and last items.
      let e = b;
      while (e + 1 < blocks.length && blocks[e + 1]!.kind === 'item') e++;
      if (e - b + 1 > 10) {
        for (let k = b; k < b + 6; k++) shortenOne(out, items, blocks[k]!, keep);
        elideKeeping(out, items, blocks[b + 6]!.start, blocks[e - 1]!.start, 'list items', keep);
        for (let k = e - 1; k <= e; k++) shortenOne(out, items, blocks[k]!, keep);
        b = e + 1;
        continue;
      }
    }
    if (len > 1) shortenOne(out, items, bl, keep);
    else pushRange(out, items, bl.start, bl.end);
    b++;
  }
  return out;
}

function shortenOne(out: Item[], items: readonly Item[], bl: Block, keep: Keep): void {
  const { start, end } = bl;
  const len = end - start;
  const keepHeadTail = (head: number, tail: number, what: string) => {
    if (len <= head + tail + 1) return pushRange(out, items, start, end);
    pushRange(out, items, start, start + head);
    elideKeeping(out, items, start + head, end - tail, what, keep);
    pushRange(out, items, end - tail, end);
  };
  switch (bl.kind) {
    case 'item':
      out.push(items[start]!);
      elideKeeping(out, items, start + 1, end, 'rest of list item', keep);
      return;
    case 'fence':
      return keepHeadTail(9, 1, 'lines of code');
    case 'table':
      return keepHeadTail(5, 1, 'table rows');
    case 'para':
      if (isProseParagraph(items, bl)) return keepHeadTail(1, 0, 'rest of paragraph');
      return keepHeadTail(6, 3, 'lines');
    default:
      return pushRange(out, items, start, end);
  }
}

interface Section {
  readonly heading: Block | undefined;
  readonly body: Block[];
}

function sectionsOf(items: readonly Item[], plain: boolean): Section[] {
  const sections: Section[] = [];
  let cur: Section = { heading: undefined, body: [] };
  for (const bl of parseBlocks(items, plain)) {
    if (bl.kind === 'heading') {
      if (cur.heading || cur.body.length > 0) sections.push(cur);
      cur = { heading: bl, body: [] };
    } else cur.body.push(bl);
  }
  sections.push(cur);
  return sections;
}

/** Each section keeps its heading and `keepBlocks` first content blocks; the rest is one marker. */
function trimSections(items: readonly Item[], keepBlocks: number, plain: boolean, keep: Keep): Item[] {
  const out: Item[] = [];
  for (const s of sectionsOf(items, plain)) {
    if (s.heading) pushRange(out, items, s.heading.start, s.heading.end);
    let kept = 0;
    let i = 0;
    for (; i < s.body.length && kept < keepBlocks; i++) {
      const bl = s.body[i]!;
      pushRange(out, items, bl.start, bl.end);
      if (bl.kind !== 'blank') kept++;
    }
    const rest = s.body.slice(i);
    if (rest.length === 0) continue;
    const from = rest[0]!.start;
    const to = rest[rest.length - 1]!.end;
    // The marker sits under its heading, so it need not repeat it.
    const name = s.heading ? 'rest of section' : 'rest of the text';
    elideKeeping(out, items, from, to, name, keep);
    if (isBlank(items[to - 1]!)) out.push({ text: '' });
  }
  return out;
}

/**
 * Last resort: the head and the tail that fit the budget, with the trouble
 * lines (errors, failures, warnings) of the middle kept between markers.
 */
function headTail(items: readonly Item[], budget: number, est: (t: string) => number): Item[] {
  const cost = (it: Item) => (it.omitted ? MARKER_TOKENS : est(it.text) + 1);
  const headBudget = budget * 0.55;
  const tailBudget = budget * 0.2;
  let salientBudget = budget * 0.2;
  let used = 0;
  let h = 0;
  while (h < items.length) {
    const c = cost(items[h]!);
    if (used + c > headBudget && h > 0) break;
    used += c;
    h++;
  }
  used = 0;
  let t = items.length;
  while (t > h) {
    const c = cost(items[t - 1]!);
    if (used + c > tailBudget) break;
    used += c;
    t--;
  }
  if (t - h < 2) return [...items];
  const out = items.slice(0, h);
  let gap = h; // start of the current run of dropped lines
  for (let i = h; i < t; i++) {
    const it = items[i]!;
    if (!isSalient(it)) continue;
    const c = cost(it) + MARKER_TOKENS;
    if (c > salientBudget) break;
    salientBudget -= c;
    if (i > gap) elide(out, items, gap, i, 'lines in the middle of the text');
    out.push(it);
    gap = i + 1;
  }
  if (t > gap) elide(out, items, gap, t, 'lines in the middle of the text');
  pushRange(out, items, t, items.length);
  return out;
}

/** Most lines are words and spaces: wrapped prose rather than tool output. */
function looksLikeDocument(items: readonly Item[]): boolean {
  let lines = 0;
  let wordy = 0;
  for (let i = 0; i < items.length && lines < 200; i++) {
    const t = items[i]!.text;
    if (items[i]!.omitted || t.trim().length === 0) continue;
    lines++;
    const n = Math.min(t.length, 300);
    let plainChars = 0;
    for (let k = 0; k < n; k++) {
      const c = t.charCodeAt(k) | 32; // folds upper case onto lower case; space stays 32
      if ((c >= 97 && c <= 122) || c === 32) plainChars++;
    }
    if (plainChars >= n * 0.85) wordy++;
  }
  return lines > 0 && wordy >= lines * 0.5;
}

/** Condenses lines of text to the budget, lossless passes first. */
export function condenseLines(lines: readonly string[], opts: CondenseOptions): Condensed {
  return condenseItems(
    lines.map((text) => ({ text })),
    opts,
  );
}

/** As condenseLines, for items that may already hold pending markers. */
export function condenseItems(input: readonly Item[], opts: CondenseOptions): Condensed {
  const { budgetTokens: budget, estimateTokens: est } = opts;
  let items = dedupBlocks(collapseExactRuns(squeezeBlanks(input)));
  const plain = !hasMarkdownHeadings(items);
  if (!opts.losslessOnly) {
    // In tool output nobody recognised, each step keeps one trouble line per
    // template out of what it elides, up to 40% of the budget (about 4
    // characters a token). Documents (markdown, licences, wrapped prose) keep
    // their outline instead: there, "error" is a word in a sentence.
    const allowance = plain && !looksLikeDocument(items) ? budget * 0.4 * 4 : 0;
    const keep = (): Keep => ({ seen: new Set(), chars: allowance });
    const lossy: Array<(x: readonly Item[]) => Item[]> = [
      collapseTemplateRuns,
      (x) => shortenBlocks(x, keep()),
      (x) => trimSections(x, 1, plain, keep()),
      (x) => (sectionsOf(x, plain).length >= 3 ? trimSections(x, 0, plain, keep()) : [...x]),
      (x) => headTail(x, budget, est),
    ];
    for (const step of lossy) {
      if (itemsCost(items, est) <= budget) break;
      items = step(items);
    }
  }
  const elisions = new Elisions();
  return { lines: renderItems(items, elisions), elisions };
}
