import { formatMarker, isMarkerLine, MARKER_PATTERN, plural } from '../marker.js';
import { indentOf, joinLines, splitLines } from '../lines.js';
import type { Compressed, CompressContext, ContentType } from '../types.js';
import { type Alignment, align, cleanLine, gapsOf, isMisalignment } from './align.js';
import { checkJson } from './json-check.js';
import { checkWords } from './words.js';
import { type Anchors, type IdentifierKind, findAnchors, identifierAt, isWrapperLine } from './anchors.js';

// The engine's guarantees for line-shaped output, checked on every output and
// repaired where a repair is exact:
// - structure: every non-marker line is an input line, verbatim or cut at an
//   inline marker, in input order; nothing is dropped without a marker
//   (blank lines aside). Broken structure cannot be repaired: it is reported.
// - markers: a marker never costs more than what it replaces; where it would,
//   the lines go back in.
// - words (form 'words'): the basis is the input with plain words removed
//   from prose lines, must-keep units and non-prose lines verbatim (words.ts);
//   the output is then checked as lines of that basis.
// - anchors: every distinct critical line (error, warning, failure, status,
//   the agent's own wrapping) stays; past the budget it is counted in a
//   marker. Every identifier (path, URL, hash, UUID) stays or is named, or
//   counted, in the marker of the place it was dropped from.

export type Rule = 'structure' | 'silent-drop' | 'json' | 'words';

export interface Violation {
  readonly rule: Rule;
  readonly detail: string;
}

export interface GuardOptions {
  readonly type: ContentType;
  readonly budgetTokens: number;
  /** False below the size where unique content may go: every critical line then stays, whatever the budget. */
  readonly lossy: boolean;
  readonly estimateTokens: (text: string) => number;
}

export interface Guarded {
  readonly text: string;
  readonly violations: readonly Violation[];
}

/** Share of the budget the names of dropped identifiers may take. */
const NAMES_SHARE = 0.06;
const NAMES_PER_MARKER = 4;
/** Critical lines may take the output this far over budget before they are only counted. */
const CRITICAL_ALLOWANCE = 1.25;

const KIND_WORD: Readonly<Record<IdentifierKind, string>> = { path: 'paths', url: 'URLs', hash: 'hashes', uuid: 'UUIDs' };

/**
 * Guards one output of a compressor by the form it declares: JSON is checked
 * as a projection of the input, anything else as lines of the input (or of
 * the rendering it was cut from), repaired where a repair is exact.
 */
export function guardOutput(input: string, out: Compressed, ctx: CompressContext, type: ContentType): Guarded {
  const form = out.form ?? 'lines';
  if (form === 'json' || form === 'jsonl') {
    const p = checkJson(input, out.text, form === 'jsonl');
    return { text: out.text, violations: p ? [{ rule: 'json', detail: `${p.path}: ${p.detail}` }] : [] };
  }
  if (form === 'words') {
    const p = checkWords(input, out.basis ?? '');
    if (p) return { text: out.text, violations: [{ rule: 'words', detail: p.detail }] };
  }
  const basis = form === 'rendered' || form === 'words' ? (out.basis ?? '') : input;
  return guardLines(basis, out.text, { type, budgetTokens: ctx.budgetTokens, lossy: ctx.lossy !== false, estimateTokens: ctx.estimateTokens });
}

/** Guards a line-shaped output against its input (or the rendering it was cut from). */
export function guardLines(input: string, output: string, opts: GuardOptions): Guarded {
  const inp = splitLines(input);
  const out = splitLines(output);
  const inLines = inp.lines;
  const a = align(inLines, out.lines);
  if (isMisalignment(a)) {
    return { text: output, violations: [{ rule: 'structure', detail: `output line ${a.outLine + 1} is not an input line in order: ${JSON.stringify(a.text.slice(0, 80))}` }] };
  }
  const gaps = gapsOf(a, inLines.length);
  for (const g of gaps) {
    if (g.markers.length > 0) continue;
    for (let i = g.from; i < g.to; i++) {
      if (cleanLine(inLines[i]!).trim() !== '') {
        return { text: output, violations: [{ rule: 'silent-drop', detail: `input line ${i + 1} was dropped with no marker: ${JSON.stringify(inLines[i]!.slice(0, 80))}` }] };
      }
    }
  }
  return repair(inLines, out.lines, out.trailingNewline, a, gaps, opts);
}

interface GapPlan {
  markers: number[];
  from: number;
  to: number;
  /** Input lines of this gap to show again. */
  show: Set<number>;
  /** Whole gap shown again (its markers cost more than its lines). */
  whole: boolean;
  /** What the gap dropped that the marker must name or count, by the input line it sat on. */
  items: ClauseItem[];
  /** How many of `items` are named. */
  named: number;
}

/** An anchor a marker names (`name`) or counts (by its `word`: "paths", "error lines"). */
interface ClauseItem {
  readonly line: number;
  readonly word: string;
  readonly name?: string;
}

function repair(
  inLines: readonly string[],
  outLines: readonly string[],
  trailingNewline: boolean,
  a: Alignment,
  gaps: ReturnType<typeof gapsOf>,
  opts: GuardOptions,
): Guarded {
  const est = opts.estimateTokens;
  const lineCost = (i: number) => est(inLines[i]!) + 1;
  let tokens = est(outLines.join('\n'));
  const plans: GapPlan[] = gaps
    .filter((g) => g.markers.length > 0 && g.to > g.from)
    .map((g) => ({ ...g, show: new Set<number>(), whole: false, items: [], named: 0 }));

  /**
   * What showing a gap's lines instead of its markers (the last with the
   * clause of `items`) would change in tokens, when that is no more than the
   * markers cost; null when the markers are cheaper or are not whole lines.
   */
  const cheaperShown = (p: GapPlan, items: readonly ClauseItem[]): number | null => {
    if (p.markers.some((m) => !isMarkerLine(outLines[m]!))) return null;
    let markerCost = 0;
    p.markers.forEach((m, j) => {
      markerCost += est(j === p.markers.length - 1 ? withClause(outLines[m]!, items) : outLines[m]!) + 1;
    });
    let gapCost = 0;
    for (let i = p.from; i < p.to && gapCost <= markerCost; i++) gapCost += lineCost(i);
    return gapCost <= markerCost ? gapCost - markerCost : null;
  };

  // 1. A marker that costs more than the lines it replaces gives them back.
  for (const p of plans) {
    const change = cheaperShown(p, []);
    if (change === null) continue;
    p.whole = true;
    tokens += change;
  }

  // 2. Critical lines: each distinct template keeps one line.
  const shown = new Uint8Array(inLines.length);
  for (let o = 0; o < a.source.length; o++) if (a.source[o]! >= 0) shown[a.source[o]!] = 1;
  const planOf = new Int32Array(inLines.length).fill(-1);
  plans.forEach((p, k) => {
    for (let i = p.from; i < p.to; i++) planOf[i] = k;
    if (p.whole) for (let i = p.from; i < p.to; i++) shown[i] = 1;
  });
  // Identifiers of the lines shown now are not looked for: they are found again in `present` below.
  const anchors: Anchors = findAnchors(inLines, opts.type, shown);
  const limit = opts.budgetTokens * CRITICAL_ALLOWANCE;
  for (const lines of anchors.critical.values()) {
    if (lines.some((i) => shown[i])) continue;
    const i = lines[0]!;
    const k = planOf[i]!;
    if (k < 0) continue; // dropped in a gap with no marker: blank only, cannot happen for a critical line
    const cost = lineCost(i);
    if (!opts.lossy || isWrapperLine(inLines[i]!) || tokens + cost <= limit) {
      plans[k]!.show.add(i);
      shown[i] = 1;
      tokens += cost;
    } else plans[k]!.items.push({ line: i, word: 'error lines' });
  }

  // 3. Identifiers no kept line shows are named, or counted, where they were dropped.
  const present = presentValues(inLines, shown, outLines, a);
  let nameBudget = Math.max(30, Math.round(opts.budgetTokens * NAMES_SHARE));
  for (const [value, packed] of anchors.identifiers) {
    const { kind, line } = identifierAt(packed);
    if (shown[line] || present.has(value)) continue;
    const k = planOf[line]!;
    if (k < 0) continue;
    const p = plans[k]!;
    const cost = est(value) + 1;
    const word = KIND_WORD[kind];
    if (p.named < NAMES_PER_MARKER && cost <= nameBudget && !value.includes(';')) {
      p.items.push({ line, word, name: value });
      p.named++;
      nameBudget -= cost;
    } else p.items.push({ line, word });
  }

  // A marker that the names made costlier than its lines gives the lines back.
  for (const p of plans) {
    if (!p.whole && p.show.size === 0 && p.items.length > 0 && cheaperShown(p, p.items) !== null) p.whole = true;
  }

  // 4. Write the output again with the repairs.
  const byFirstMarker = new Map<number, GapPlan>();
  for (const p of plans) byFirstMarker.set(p.markers[0]!, p);
  const inGap = new Set<number>();
  for (const p of plans) for (const m of p.markers) inGap.add(m);
  const result: string[] = [];
  for (let o = 0; o < outLines.length; o++) {
    const p = byFirstMarker.get(o);
    if (!p) {
      if (!inGap.has(o)) result.push(outLines[o]!);
      continue;
    }
    if (p.whole) {
      for (let i = p.from; i < p.to; i++) result.push(inLines[i]!);
      continue;
    }
    if (p.show.size === 0) {
      for (const m of p.markers) result.push(m === p.markers[p.markers.length - 1] ? withClause(outLines[m]!, p.items) : outLines[m]!);
      continue;
    }
    // Split the gap around the lines shown again; the compressor's own
    // description no longer fits the pieces, so they say only how many lines.
    const indent = indentOf(outLines[p.markers[0]!]!);
    let run = p.from;
    const flush = (to: number) => {
      if (to <= run) return;
      let cost = 0;
      for (let i = run; i < to; i++) cost += lineCost(i);
      const bare = indent + formatMarker({ count: to - run, unit: 'lines', what: '' });
      const from = run;
      const marker = withClause(bare, p.items.filter((x) => x.line >= from && x.line < to));
      if (cost <= est(marker) + 1) {
        for (let i = run; i < to; i++) result.push(inLines[i]!);
      } else result.push(marker);
    };
    const show = [...p.show].sort((x, y) => x - y);
    for (const i of show) {
      flush(i);
      result.push(inLines[i]!);
      run = i + 1;
    }
    flush(p.to);
  }
  return { text: joinLines(result, trailingNewline), violations: [] };
}

/** Identifier values present in the output's shown lines (cut lines included). */
function presentValues(inLines: readonly string[], shown: Uint8Array, outLines: readonly string[], a: Alignment): Set<string> {
  // Values first seen on a dropped line may still appear on a later shown
  // line: collect every value on shown lines, with the same extraction.
  const kept: string[] = [];
  for (let i = 0; i < inLines.length; i++) if (shown[i]) kept.push(inLines[i]!);
  for (let o = 0; o < outLines.length; o++) if (a.cut[o]) kept.push(outLines[o]!.replace(MARKER_PATTERN, ' '));
  return new Set(findAnchors(kept, 'search').identifiers.keys());
}

/** Listing markers count entries, and each entry is a path: `4 files omitted` says `incl. 4 paths` already. */
const ENTRY_COUNT = /^\[headroom: (\d+) (?:files?|dirs?|entry|entries)\b/;

function statesCount(marker: string, word: string, n: number): boolean {
  return word === 'paths' && Number(ENTRY_COUNT.exec(marker)?.[1]) === n;
}

/** The marker with the names and counts of what its gap dropped: `; incl. a.ts, b.ts, 12 more paths`. */
function withClause(marker: string, items: readonly ClauseItem[]): string {
  if (items.length === 0) return marker;
  const names: string[] = [];
  const named = new Set<string>();
  const counts = new Map<string, number>();
  for (const x of items) {
    if (x.name !== undefined) {
      names.push(x.name);
      named.add(x.word);
    } else counts.set(x.word, (counts.get(x.word) ?? 0) + 1);
  }
  const parts = [...names];
  for (const [word, n] of counts) {
    if (!named.has(word) && statesCount(marker, word, n)) continue;
    parts.push(`${n} ${named.has(word) ? 'more ' : ''}${plural(word, n)}`);
  }
  if (parts.length === 0) return marker;
  const close = marker.lastIndexOf(']');
  return `${marker.slice(0, close)}; incl. ${parts.join(', ')}${marker.slice(close)}`;
}
