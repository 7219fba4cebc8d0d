import { clip, indentOf } from '../lines.js';
import { type Item, elide, isBlank, isMarkerLine, quoteLine } from './items.js';
import { templateOf } from '../template.js';

// The steps that condense text, each a linear pass from items to items. The
// first three lose nothing a reader needs (blank runs, exact repeats); the rest
// are lossy and only run while the text is above budget (see prose-condense.ts).

/** Runs of blank lines become one blank line. */
export function squeezeBlanks(items: readonly Item[]): Item[] {
  const out: Item[] = [];
  for (const it of items) {
    if (isBlank(it) && out.length > 0 && isBlank(out[out.length - 1]!)) continue;
    out.push(isBlank(it) ? { text: '' } : it);
  }
  while (out.length > 0 && isBlank(out[out.length - 1]!)) out.pop();
  return out;
}

/** Three or more identical lines in a row keep the first, then one marker. */
export function collapseExactRuns(items: readonly Item[]): Item[] {
  const out: Item[] = [];
  let i = 0;
  while (i < items.length) {
    const it = items[i]!;
    let j = i + 1;
    if (!it.omitted && !isBlank(it)) while (j < items.length && !items[j]!.omitted && items[j]!.text === it.text) j++;
    out.push(it);
    // A marker costs about 60 characters: shorter repeats are cheaper kept.
    if (j - i >= 3 && (j - i - 1) * it.text.length > 60) elide(out, items, i + 1, j, 'identical to the line above');
    else for (let k = i + 1; k < j; k++) out.push(items[k]!);
    i = j;
  }
  return out;
}

const MIN_BLOCK_CHARS = 60;

/**
 * A block (lines between blank lines) seen before, word for word, becomes a
 * marker naming its first line: footers, banners and notices repeat.
 */
export function dedupBlocks(items: readonly Item[]): Item[] {
  const seen = new Set<string>();
  const out: Item[] = [];
  let i = 0;
  while (i < items.length) {
    if (isBlank(items[i]!)) {
      out.push(items[i++]!);
      continue;
    }
    let j = i;
    let chars = 0;
    let key = '';
    while (j < items.length && !isBlank(items[j]!)) {
      const it = items[j]!;
      chars += it.text.length;
      // Keys are clipped so that hashing a block costs no more than reading it.
      if (key.length < 4000) key += `${it.omitted ? '\u0000marker' : clip(it.text, 400)}\n`;
      j++;
    }
    const big = j - i >= 2 && chars >= MIN_BLOCK_CHARS && !isMarkerLine(items[i]!.text);
    if (big && seen.has(key)) elide(out, items, i, j, `repeat of the block starting: ${quoteLine(items[i]!.text)}`);
    else {
      if (big) seen.add(key);
      for (let k = i; k < j; k++) out.push(items[k]!);
    }
    i = j;
  }
  return out;
}

/** Runs of 4+ lines with one template (numbers, ids, paths varying) keep 2 + last. */
export function collapseTemplateRuns(items: readonly Item[]): Item[] {
  const out: Item[] = [];
  const keys = items.map((it) => (it.omitted || isBlank(it) ? '' : `${indentOf(it.text).length}|${templateOf(it.text)}`));
  let i = 0;
  while (i < items.length) {
    const key = keys[i]!;
    let j = i + 1;
    if (key) while (j < items.length && keys[j] === key) j++;
    if (j - i >= 4) {
      out.push(items[i]!, items[i + 1]!);
      elide(out, items, i + 2, j - 1, `lines like: ${quoteLine(items[i]!.text)}`);
      out.push(items[j - 1]!);
    } else for (let k = i; k < j; k++) out.push(items[k]!);
    i = j;
  }
  return out;
}
