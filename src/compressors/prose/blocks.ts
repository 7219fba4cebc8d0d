import { clip, indentOf } from '../lines.js';
import { type Item, isBlank } from './items.js';

// Splits text-like items into the blocks a reader sees: headings, paragraphs,
// list items, fenced code, pipe tables, blank lines and pending markers. Each
// test looks at a clipped line with anchored, non-nested patterns.

export type BlockKind = 'blank' | 'marker' | 'heading' | 'fence' | 'table' | 'item' | 'para';

export interface Block {
  readonly kind: BlockKind;
  /** Items [start, end) of the block. */
  readonly start: number;
  readonly end: number;
}

const HEADING = /^#{1,6}[ \t]/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;
const FENCE = /^(?:```|~~~)/;
const LIST_ITEM = /^(?:[-*+]|\d{1,4}[.)])[ \t]/;

function lineKind(line: string): BlockKind {
  const t = clip(line.trimStart(), 200);
  if (HEADING.test(t)) return 'heading';
  if (FENCE.test(t)) return 'fence';
  if (t.startsWith('|')) return 'table';
  if (LIST_ITEM.test(t)) return 'item';
  return 'para';
}

/** An ATX heading as CommonMark has it: at most three spaces before the `#`s (more make a code block). */
const ATX_HEADING = /^ {0,3}#{1,6}[ \t]/;

/**
 * True when the text has Markdown (ATX) headings: two at least, as one `# ...`
 * line may be a comment. Indented `# ...` lines are shell comments in a man
 * page's examples, not headings: taken for them, they hid the page's real
 * headings (`SYNOPSIS`, `OPTIONS`) from its plan.
 */
export function hasMarkdownHeadings(items: readonly Item[]): boolean {
  let found = 0;
  for (const it of items) if (!it.omitted && ATX_HEADING.test(clip(it.text, 20)) && ++found >= 2) return true;
  return false;
}

export function parseBlocks(items: readonly Item[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  const n = items.length;
  while (i < n) {
    const it = items[i]!;
    if (it.omitted) {
      blocks.push({ kind: 'marker', start: i, end: ++i });
      continue;
    }
    if (isBlank(it)) {
      blocks.push({ kind: 'blank', start: i, end: ++i });
      continue;
    }
    const kind = lineKind(it.text);
    let j = i + 1;
    if (kind === 'fence') {
      const fence = it.text.trimStart().slice(0, 3);
      while (j < n && !(items[j]!.text.trimStart().startsWith(fence) && !items[j]!.omitted)) j++;
      j = Math.min(n, j + 1);
    } else if (kind === 'table') {
      while (j < n && !items[j]!.omitted && lineKind(items[j]!.text) === 'table') j++;
    } else if (kind === 'item') {
      // Continuation lines are indented deeper than the item's marker.
      const base = indentOf(it.text).length;
      while (j < n && !items[j]!.omitted && !isBlank(items[j]!) && indentOf(items[j]!.text).length > base) {
        if (lineKind(items[j]!.text) === 'item') break;
        j++;
      }
    } else if (kind === 'para') {
      const next = items[j];
      if (next && !next.omitted && SETEXT.test(clip(next.text.trim(), 200)) && next.text.trim().length >= 3) {
        blocks.push({ kind: 'heading', start: i, end: j + 1 });
        i = j + 1;
        continue;
      }
      while (j < n && !items[j]!.omitted && !isBlank(items[j]!) && lineKind(items[j]!.text) === 'para') j++;
    }
    blocks.push({ kind, start: i, end: j });
    i = j;
  }
  return blocks;
}
