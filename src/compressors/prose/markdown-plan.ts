import { clip } from '../lines.js';
import { type Block, parseBlocks } from './blocks.js';
import { type Item, isBlank } from './items.js';
import { type Plan, emptyRoles, hasCodeSpan, noFences, planOf } from './plan.js';

// The plan of a Markdown document, from its blocks: headings by level, the
// first line of each section, lines with inline code, the first line of each
// paragraph, list item and table, then the rest; code fences go with the code
// kept inside them.

const HEADING_LEVEL = /^(#{1,6})[ \t]/;
const FENCE_LINE = /^\s*(?:```|~~~)/;

function headingLevel(items: readonly Item[], b: Block): number {
  const atx = HEADING_LEVEL.exec(clip(items[b.start]!.text.trimStart(), 20));
  if (atx) return atx[1]!.length - 1;
  return items[b.start + 1]!.text.trim().startsWith('=') ? 0 : 1; // setext
}

export function markdownPlan(items: readonly Item[]): Plan {
  const { fenceOpen, fenceClose } = noFences(items.length);
  const roles = emptyRoles();
  let sectionOpen = true; // the text before the first heading is a section too
  for (const b of parseBlocks(items)) {
    if (b.kind === 'blank' || b.kind === 'marker') continue;
    if (b.kind === 'heading') {
      roles.headings[headingLevel(items, b)]!.push(b.start);
      if (b.end - b.start === 2) roles.underlines.set(b.start, b.start + 1);
      sectionOpen = true;
      continue;
    }
    const rest: number[] = [];
    if (b.kind === 'fence') {
      const last = items[b.end - 1]!;
      const closed = b.end - b.start >= 2 && !last.omitted && FENCE_LINE.test(clip(last.text, 20));
      roles.fences.push(b.start);
      if (closed) {
        roles.fences.push(b.end - 1);
        fenceClose[b.start] = b.end - 1;
      }
      for (let i = b.start + 1; i < (closed ? b.end - 1 : b.end); i++) {
        if (items[i]!.omitted || isBlank(items[i]!)) continue;
        fenceOpen[i] = b.start;
        rest.push(i);
      }
      if (rest.length > 0) roles.rest.push(rest);
      continue;
    }
    let first = true;
    for (let i = b.start; i < b.end; i++) {
      const it = items[i]!;
      if (it.omitted || isBlank(it)) continue;
      // A table's header and its rule read as one line.
      const head = first || (b.kind === 'table' && i === b.start + 1);
      if (first && sectionOpen) roles.sectionFirst.push(i);
      else if (head) roles.blockFirst.push(i);
      else if (hasCodeSpan(it.text)) roles.code.push(i);
      else rest.push(i);
      first = false;
    }
    sectionOpen = false;
    if (rest.length > 0) roles.rest.push(rest);
  }
  return planOf(roles, fenceOpen, fenceClose);
}
