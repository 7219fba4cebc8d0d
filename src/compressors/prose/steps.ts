import { clip, indentOf } from '../lines.js';
import { type Item, elide, isBlank, isMarkerLine, quoteLine } from './items.js';
import { templateOf } from '../template.js';

// The near-duplicate steps, each a linear pass from items to items: blank
// runs, exact repeats and repeated blocks go at any size; runs of one template
// only from a large text (condense.ts decides).

/** Runs of blank lines become their first line, as it was (a form feed stays a form feed). */
export function squeezeBlanks(items: readonly Item[]): Item[] {
  const out: Item[] = [];
  for (const it of items) {
    if (isBlank(it) && out.length > 0 && isBlank(out[out.length - 1]!)) continue;
    out.push(it);
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

/** A repeat shorter than this costs less than the marker that would replace it. */
const MIN_BLOCK_CHARS = 150;
const FENCE = /^\s*(?:```|~~~)/;

/**
 * A block (lines between blank lines) seen before, word for word, becomes a
 * marker naming its first line: footers, banners and notices repeat, and so
 * do the set-up lines of examples. A code fence line at either edge of a block
 * stays, so that the fences around what is kept still pair up.
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
    let end = i;
    while (end < items.length && !isBlank(items[end]!)) end++;
    const isFence = (k: number) => !items[k]!.omitted && FENCE.test(clip(items[k]!.text, 20));
    const from = isFence(i) ? i + 1 : i;
    const to = end > from && isFence(end - 1) ? end - 1 : end;
    let chars = 0;
    let key = '';
    for (let j = from; j < to; j++) {
      const it = items[j]!;
      chars += it.text.length;
      // Keys are clipped so that hashing a block costs no more than reading it.
      if (key.length < 4000) key += `${it.omitted ? '\u0000marker' : clip(it.text, 400)}\n`;
    }
    const big = to - from >= 2 && chars >= MIN_BLOCK_CHARS && !isMarkerLine(items[from]!.text);
    for (let k = i; k < from; k++) out.push(items[k]!);
    if (big && seen.has(key)) elide(out, items, from, to, `repeat of the block starting: ${quoteLine(items[from]!.text, 30)}`);
    else {
      if (big) seen.add(key);
      for (let k = from; k < to; k++) out.push(items[k]!);
    }
    for (let k = to; k < end; k++) out.push(items[k]!);
    i = end;
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
