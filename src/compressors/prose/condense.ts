import { clip } from '../lines.js';
import { Elisions } from '../marker.js';
import { templateOf } from '../template.js';
import { hasMarkdownHeadings } from './blocks.js';
import { type Item, isBlank, itemsOf, quoteLine, renderItems } from './items.js';
import { markdownPlan } from './markdown-plan.js';
import { outlinePlan } from './outline-plan.js';
import { outputPlan } from './output-plan.js';
import { type Plan, codeSpans, pinnedSelection, prefixSelection } from './plan.js';
import { DOCUMENT_SHARE, documentShare } from './score.js';
import { type Describer, fit } from './select.js';
import { collapseExactRuns, collapseTemplateRuns, dedupBlocks, squeezeBlanks } from './steps.js';

// The prose pipeline, shared with the HTML renderings: near-duplicates go at
// any size (blank runs, exact repeats, repeated blocks); runs of one template
// and the text itself only when the input is large (ctx.lossy) and over
// budget, and then evenly, structure and what a reader searches for first
// (the plans: markdown-plan.ts, outline-plan.ts, output-plan.ts).

export interface CondenseOptions {
  readonly budgetTokens: number;
  readonly estimateTokens: (text: string) => number;
  /** False below the size where unique content may go: only near-duplicates are removed then. */
  readonly lossy?: boolean;
  /**
   * A document (not tool output) is condensed to this many budgets: its text
   * is what it was read for, every line of it unique content (default 1).
   */
  readonly documentBudgets?: number;
  /**
   * Lines (by index in the input) that stay whatever the budget: only the
   * others are condensed. Runs of one template are then left alone, since
   * their numbers would go (prose-ml's budget mode: prose-ml/keep.ts).
   */
  readonly pinned?: Uint8Array;
}

export interface Condensed {
  readonly lines: string[];
  readonly elisions: Elisions;
}

/** Rough cost of a rendered marker line, so budget checks need not render. */
const MARKER_TOKENS = 10;

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

/** Windows read to tell a document from tool output, and lines per window (what documentShare reads). */
const SAMPLE_WINDOWS = 5;
const WINDOW_LINES = 40;

/**
 * Mostly headings, sentences and list items: a document rather than tool
 * output. Its head says so, or most windows spread through it do: a man page
 * can open with a page of command synopses, and a manual has stretches of
 * code examples.
 */
function isDocument(items: readonly Item[]): boolean {
  return windowsReadAsDocument(items.length, (i) => (items[i]!.omitted ? undefined : items[i]!.text));
}

/** What condenseItems condenses as a document: Markdown with headings, or what isDocument says (prose-ml's routing: a manual may open with code). */
export function readsAsDocument(lines: readonly string[]): boolean {
  return hasMarkdownHeadings(itemsOf(lines)) || windowsReadAsDocument(lines.length, (i) => lines[i]);
}

/** The windows test of isDocument over `n` lines, `line(i)` undefined for a pending marker. */
function windowsReadAsDocument(n: number, line: (i: number) => string | undefined): boolean {
  const shares: number[] = [];
  const stride = Math.max(WINDOW_LINES, Math.floor(n / SAMPLE_WINDOWS));
  for (let start = 0; start < n && shares.length < SAMPLE_WINDOWS; start += stride) {
    const sample: string[] = [];
    for (let i = start; i < n && sample.length < WINDOW_LINES; i++) {
      const t = line(i);
      if (t !== undefined) sample.push(clip(t, 400));
    }
    if (sample.length > 0) shares.push(documentShare(sample));
  }
  if (shares.length === 0) return false;
  if (shares[0]! >= DOCUMENT_SHARE) return true;
  const sorted = [...shares].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]! >= DOCUMENT_SHARE;
}

/**
 * A document's markers name the inline code spans their lines held (API
 * names, options, paths: what a reader searches the text for); a run inside
 * one code fence says 'code'.
 */
function documentDescriber(items: readonly Item[], plan: Plan): Describer {
  const spans = items.map((it) => (it.omitted ? [] : codeSpans(it.text)));
  return {
    what(from, to) {
      let fence = -2;
      for (let i = from; i < to; i++) {
        if (items[i]!.omitted || isBlank(items[i]!)) continue;
        const open = plan.fenceOpen[i]!;
        if (fence !== -2 && open !== fence) return '';
        fence = open;
      }
      return fence >= 0 ? 'code' : '';
    },
    names(from, to) {
      const out: string[] = [];
      for (let i = from; i < to; i++) out.push(...spans[i]!);
      return out;
    },
    shown: (i) => spans[i]!,
  };
}

/** In tool output, a run of one template says which. */
function outputDescriber(items: readonly Item[]): Describer {
  return {
    what(from, to) {
      let template: string | undefined;
      let first = '';
      for (let i = from; i < to; i++) {
        const it = items[i]!;
        if (it.omitted) return '';
        if (it.text.trim().length === 0) continue;
        const t = templateOf(it.text);
        if (template === undefined) {
          template = t;
          first = it.text;
        } else if (t !== template) return '';
      }
      return template === undefined || to - from < 3 ? '' : `lines like: ${quoteLine(first, 40)}`;
    },
  };
}

/** Condenses lines of text to the budget, near-duplicates first. */
export function condenseLines(lines: readonly string[], opts: CondenseOptions): Condensed {
  return condenseItems(
    lines.map((text) => ({ text })),
    opts,
  );
}

/** Which of `items` are the input items flagged in `pinned` (the steps keep item objects, not indexes). */
function pinnedAfter(input: readonly Item[], pinned: Uint8Array, items: readonly Item[]): Uint8Array {
  const set = new Set<Item>();
  input.forEach((it, i) => {
    if (pinned[i]) set.add(it);
  });
  return Uint8Array.from(items, (it) => (set.has(it) ? 1 : 0));
}

/** As condenseLines, for items that may already hold pending markers. */
export function condenseItems(input: readonly Item[], opts: CondenseOptions): Condensed {
  const { budgetTokens: budget, estimateTokens: est } = opts;
  let items = dedupBlocks(collapseExactRuns(squeezeBlanks(input)));
  // Lines that differ only in numbers or ids may be a log's repeats, or a
  // table's measurements: they go only from a large text.
  if (opts.lossy !== false && !opts.pinned) items = collapseTemplateRuns(items);
  if (opts.lossy !== false && itemsCost(items, est) > budget) {
    const markdown = hasMarkdownHeadings(items);
    const document = markdown || isDocument(items);
    const plan = markdown ? markdownPlan(items) : document ? outlinePlan(items) : outputPlan(items);
    const describer = document ? documentDescriber(items, plan) : outputDescriber(items);
    const target = document ? budget * (opts.documentBudgets ?? 1) : budget;
    const selection = opts.pinned ? pinnedSelection(plan, pinnedAfter(input, opts.pinned, items)) : prefixSelection(plan);
    if (itemsCost(items, est) > target) items = fit(items, selection, target, est, describer).items;
  }
  const elisions = new Elisions();
  return { lines: renderItems(items, elisions), elisions };
}
