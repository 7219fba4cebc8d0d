import { type Unit, proseLines, unitsOf } from '../guard/index.js';

// What the model sees of a text: the units of its prose lines, in order, each
// as a hashed word id and a few shape features. The training script builds its
// sequences with this very module (scripts/prose-ml/dump-units.mjs), so the
// model is trained on exactly what it is given here.

/** Hash buckets of the word vocabulary (no vocabulary file: words are hashed). */
export const BUCKETS = 16384;
/** Features per unit, in FEATURES order. */
export const FEATURES = ['mustKeep', 'capitalised', 'comma', 'lineStart', 'lineEnd', 'sentenceStart', 'length', 'listItem'] as const;

/** One prose line's units, as the sequence holds them. */
export interface LineUnits {
  /** Index of the line in the text. */
  readonly line: number;
  readonly units: readonly Unit[];
  /** Position of its first unit in the sequence. */
  readonly offset: number;
}

export interface Sequence {
  readonly lines: readonly LineUnits[];
  /** Word id per unit: 1 + FNV-1a of the lower-cased word, mod BUCKETS (0 pads). */
  readonly ids: BigInt64Array;
  /** FEATURES.length values per unit. */
  readonly feats: Float32Array;
  /** 1 where the unit may go (not must-keep). */
  readonly droppable: Uint8Array;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s/;
const SENTENCE_END = /[.!?:;]["')\]]*$/;

/** FNV-1a over the UTF-16 code units of a string (words here are ASCII letters). */
export function wordId(text: string): number {
  const w = text.toLowerCase().replace(/,$/, '');
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) {
    h ^= w.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return 1 + (h % BUCKETS);
}

/** The sequence of a text's prose lines (lines as splitLines gives them). */
export function sequenceOf(lines: readonly string[]): Sequence {
  const prose = proseLines(lines);
  const out: LineUnits[] = [];
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!prose[i]) continue;
    const units = unitsOf(lines[i]!);
    if (units.length === 0) continue;
    out.push({ line: i, units, offset: n });
    n += units.length;
  }
  const F = FEATURES.length;
  const ids = new BigInt64Array(n);
  const feats = new Float32Array(n * F);
  const droppable = new Uint8Array(n);
  for (const l of out) {
    const list = LIST_ITEM.test(lines[l.line]!) ? 1 : 0;
    l.units.forEach((u, k) => {
      const at = l.offset + k;
      const f = at * F;
      ids[at] = BigInt(wordId(u.text));
      feats[f] = u.mustKeep ? 1 : 0;
      feats[f + 1] = /^[A-Z]/.test(u.text) ? 1 : 0;
      feats[f + 2] = u.text.endsWith(',') ? 1 : 0;
      feats[f + 3] = k === 0 ? 1 : 0;
      feats[f + 4] = k === l.units.length - 1 ? 1 : 0;
      feats[f + 5] = k === 0 || SENTENCE_END.test(l.units[k - 1]!.text) ? 1 : 0;
      feats[f + 6] = Math.min(2, u.text.length / 10);
      feats[f + 7] = list;
      droppable[at] = u.mustKeep ? 0 : 1;
    });
  }
  return { lines: out, ids, feats, droppable };
}
