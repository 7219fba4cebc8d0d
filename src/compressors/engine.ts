import { contentId } from '../memory/id.js';
import { attachId, hasMarker } from './marker.js';
import { makeProbe } from './probe.js';
import { COMPRESSORS, FALLBACK, compressorFor } from './registry.js';
import { route } from './router.js';
import { type Segment, segment } from './segment.js';
import { countTokens, estimateTokens } from './tokens.js';
import { guardLines, guardOutput } from './guard/index.js';
import { ANNOUNCED_BLOB_CHARS, cutBlob } from './binary/index.js';
import { tidy } from './tidy.js';
import { Elisions } from './marker.js';
import type { Compressed, CompressContext, Compressor, ContentType, Elision } from './types.js';

// The whole compression flow on one screen:
//   guards -> segment -> route -> compress (fail-open per segment) -> worth-it
//   check -> keep the original (store) -> count.
// Every stage but the store is pure; the store is passed in, so this module
// never opens a file or a socket itself.

/** What the engine needs of a store (src/memory/types.ts `Store` satisfies it). */
export interface OriginalKeeper {
  put(
    id: string,
    original: Uint8Array,
    meta: { type: string; compressor: string; tool: string; tokensBefore: number; tokensAfter: number },
  ): Promise<void>;
  recordCompression(event: {
    id?: string;
    at: number;
    type: string;
    compressor: string;
    tool: string;
    tokensBefore: number;
    tokensAfter: number;
  }): Promise<void>;
}

export interface CompressOptions {
  /** Force a content type instead of routing (`headroom compress --type`). */
  readonly type?: ContentType;
  /** Language hint for code, e.g. from a file name. */
  readonly language?: string;
  /** Aim for at most this many (estimated) tokens; lossy steps stop there. */
  readonly budgetTokens?: number;
  /** Inputs smaller than this (estimated tokens) pass through untouched. */
  readonly minTokens?: number;
  /** Compression must save at least this share of tokens, else the input passes through. */
  readonly minSavings?: number;
  /** 'exact' counts with the tokenizer (loads it once); 'estimate' stays off the tokenizer. */
  readonly tokens?: 'exact' | 'estimate';
  /**
   * Keep the original here, so every marker can name its id. Without a store,
   * markers carry no id (the elided content is then gone for good).
   */
  readonly store?: OriginalKeeper;
  /** The exact bytes the text came from, when they differ from its UTF-8 (invalid input). */
  readonly original?: Uint8Array;
  /** The tool that produced the output, for stats ('cli' when unset). */
  readonly tool?: string;
  /** Clock for the stats event (tests). */
  readonly now?: () => number;
  /** estimateTokens(text), when the caller has it already: saves a pass over large inputs. */
  readonly inputTokens?: number;
}

export interface CompressResult {
  /** The compressed text, or the input itself when passed through. */
  readonly text: string;
  /** Detected (or forced) type of the input; for mixed input, the type of its largest part. */
  readonly type: ContentType;
  /** Types of every part, in order, when the input was split. */
  readonly parts: readonly { type: ContentType; compressor: string; chars: number; form: NonNullable<Compressed['form']> }[];
  readonly language?: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  readonly elisions: readonly Elision[];
  /** Ids of the originals kept in the store (empty without a store or without elisions). */
  readonly ids: readonly string[];
  /** Why the input passed through unchanged, if it did. */
  readonly passthrough?: PassReason;
  /** Compressor outputs the engine's guard refused before it settled (gentler level or whole part). */
  readonly refused?: readonly Refusal[];
  readonly ms: number;
}

export type PassReason =
  | 'small'
  | 'already-compressed'
  | 'too-large'
  | 'little-saving'
  | 'compressor-failed'
  /** The store could not keep the original: a marker would promise what cannot be honoured. */
  | 'store-unavailable';

export const DEFAULTS = {
  minTokens: 200,
  minSavings: 0.1,
  /** Above this many characters the input passes through: bounded memory and time. */
  maxChars: 64 * 1024 * 1024,
} as const;

/** Budget scales with the input: ~12% of it, within sane bounds. */
export function defaultBudget(estimatedTokens: number): number {
  return Math.max(400, Math.round(22 * Math.sqrt(estimatedTokens)));
}

interface PartResult {
  text: string;
  type: ContentType;
  compressor: string;
  elisions: readonly Elision[];
  language?: string;
  failed?: boolean;
  /** Outputs of the compressor the guard refused, each with the rule it broke. */
  refused?: readonly Refusal[];
  /** How the output was checked ('lines' unless the compressor said otherwise). */
  form?: Compressed['form'];
  /** estimateTokens(text), when the compressor gave it for exactly this text. */
  tokens?: number;
}

/** An output the engine's guard refused (the part then went gentler, or through whole). */
export interface Refusal {
  readonly compressor: string;
  readonly rule: string;
  readonly detail: string;
}

/** Input size, in estimated tokens, from which unique content may be dropped down to the budget. */
export const LOSSY_FROM = 2000;
/** An output as it goes out, with the original and id it names when a store keeps them. */
interface Named {
  readonly final: string;
  readonly original?: Uint8Array;
  readonly id?: string;
}

/** Pass-through reasons where the text is still cleaned up (tidy.ts). */
const TIDY_WHEN: ReadonlySet<PassReason> = new Set(['small', 'little-saving', 'compressor-failed']);
/** A gentler try after a refused output: this much more budget. */
const GENTLER = 4;

/** Checks one output of a compressor, repairing what can be repaired exactly. */
function guarded(input: string, out: Compressed, ctx: CompressContext, type: ContentType): { text: string } | Refusal {
  const g = guardOutput(input, out, ctx, type);
  const v = g.violations[0];
  return v ? { compressor: '', rule: v.rule, detail: v.detail } : { text: g.text };
}

/**
 * Long encoded runs (data: URIs, inlined modules, base64 bodies) are noise at
 * any size, in whatever a compressor kept: each is cut in its middle.
 */
function cutBlobs(text: string): { text: string; elisions: readonly Elision[] } {
  const el = new Elisions();
  let out: string[] | undefined;
  let start = 0;
  for (let i = 0; start <= text.length; i++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start >= ANNOUNCED_BLOB_CHARS) {
      const line = text.slice(start, end);
      const cut = cutBlob(line, (chars) => el.cut(chars));
      if (cut !== null) {
        out ??= text.slice(0, start).split('\n').slice(0, i);
        out.push(cut);
      } else out?.push(line);
    } else out?.push(text.slice(start, end));
    start = end + 1;
  }
  return out ? { text: out.join('\n'), elisions: el.list } : { text, elisions: [] };
}

async function compressPart(seg: Segment, ctx: CompressContext, forced?: ContentType, segTokens?: number): Promise<PartResult> {
  const probe = makeProbe(seg.text);
  const type = forced ?? seg.type;
  const compressor: Compressor = type ? compressorFor(type) : route(probe, COMPRESSORS, FALLBACK).compressor;
  // Compressors estimate their own input first thing; the engine already has that number.
  const known = segTokens ?? estimateTokens(seg.text);
  const partCtx: CompressContext = {
    ...ctx,
    ...(seg.language ? { language: seg.language } : {}),
    estimateTokens: (t: string) => (t === seg.text ? known : estimateTokens(t)),
  };
  const whole = (refused?: Refusal[], failed = false): PartResult => {
    const blobs = cutBlobs(seg.text);
    return {
      text: blobs.text,
      type: compressor.type,
      compressor: compressor.name,
      elisions: blobs.elisions,
      ...(failed ? { failed } : {}),
      ...(refused?.length ? { refused } : {}),
    };
  };
  const refused: Refusal[] = [];
  for (const tryCtx of [partCtx, { ...partCtx, budgetTokens: partCtx.budgetTokens * GENTLER }]) {
    let out: Compressed;
    try {
      if (compressor.prepare) await compressor.prepare(seg.text, tryCtx);
      out = compressor.compress(seg.text, tryCtx);
    } catch {
      // Fail open: a compressor that throws leaves its part exactly as it was.
      return whole(refused, true);
    }
    if (out.elisions.length === 0 && out.text === seg.text) return whole(refused);
    // The compressor's own estimate holds only for its text as it stands.
    const given = out.tokens !== undefined ? { text: out.text, tokens: out.tokens } : undefined;
    if ((out.form ?? 'lines') === 'lines') {
      // What a compressor kept is cleaned up like any output, before the guard checks it.
      const t = tidy(out.text, compressor.type, estimateTokens);
      if (t.text !== out.text) out = { ...out, text: t.text, elisions: [...out.elisions, ...t.elisions] };
    }
    const g = guarded(seg.text, out, tryCtx, compressor.type);
    if ('rule' in g) {
      refused.push({ ...g, compressor: compressor.name });
      continue;
    }
    const blobs = cutBlobs(g.text);
    return {
      text: blobs.text,
      type: compressor.type,
      compressor: compressor.name,
      elisions: [...out.elisions, ...blobs.elisions],
      ...(out.form ? { form: out.form } : {}),
      ...(out.language ? { language: out.language } : {}),
      ...(refused.length ? { refused } : {}),
      ...(given && given.text === blobs.text ? { tokens: given.tokens } : {}),
    };
  }
  return whole(refused);
}

/** Keeps a part's trailing newline state equal to the original's, so parts join cleanly. */
function sameEnding(original: string, out: string): string {
  const want = original.endsWith('\n');
  if (want === out.endsWith('\n')) return out;
  return want ? `${out}\n` : out.replace(/\n+$/, '');
}

/** Compresses one tool output. Deterministic: the same input and options give the same bytes. */
export async function compress(text: string, options: CompressOptions = {}): Promise<CompressResult> {
  const t0 = performance.now();
  const est = options.inputTokens ?? estimateTokens(text);
  const exact = (options.tokens ?? 'exact') === 'exact';
  const count = async (s: string, fallback: number) => (exact ? countTokens(s) : fallback);

  let refused: Refusal[] = [];
  const passWhole = async (reason: PassReason, type: ContentType, parts: CompressResult['parts'] = []): Promise<CompressResult> => {
    const n = await count(text, est);
    return {
      text,
      type,
      parts,
      tokensBefore: n,
      tokensAfter: n,
      elisions: [],
      ids: [],
      passthrough: reason,
      ...(refused.length ? { refused } : {}),
      ms: performance.now() - t0,
    };
  };
  /**
   * Keeps the text whole, or cleaned up when only lossless steps apply to it
   * (small outputs, outputs the compressors found little to save in): at any
   * size, what a terminal showed is all a reader needs.
   */
  const pass = async (reason: PassReason, type: ContentType, parts: CompressResult['parts'] = []): Promise<CompressResult> => {
    if (!TIDY_WHEN.has(reason)) return passWhole(reason, type, parts);
    const t = tidy(text, type, estimateTokens);
    if (t.text === text) return passWhole(reason, type, parts);
    const g = guardLines(text, t.text, { type, budgetTokens: Number.MAX_SAFE_INTEGER, lossy: false, estimateTokens });
    if (g.violations.length > 0) return passWhole(reason, type, parts);
    const n = named(g.text, t.elisions);
    return finish(n, estimateTokens(n.final), t.elisions, type, parts.length ? parts : [{ type, compressor: 'tidy', chars: text.length, form: 'lines' }], 'tidy');
  };
  /** The output as it goes out: with a store, its first marker names the original's id (hashed once). */
  const named = (out: string, elisions: readonly Elision[]): Named => {
    const original = options.store && elisions.length > 0 ? (options.original ?? Buffer.from(text, 'utf8')) : undefined;
    const id = original ? contentId(original) : undefined;
    return { final: id ? attachId(out, id) : out, ...(original && id ? { original, id } : {}) };
  };
  /** Keeps the original, records the event and counts: `estOut` is the estimate of `n.final` the caller has. */
  const finish = async (
    n: Named,
    estOut: number,
    elisions: readonly Elision[],
    type: ContentType,
    parts: CompressResult['parts'],
    compressor: string,
    language?: string,
  ): Promise<CompressResult> => {
    const { final, original, id } = n;
    const tokensBefore = await count(text, est);
    const tokensAfter = await count(final, estOut);
    const tool = options.tool ?? 'cli';
    const meta = { type, compressor, tool, tokensBefore, tokensAfter };
    if (options.store && original && id) {
      try {
        await options.store.put(id, original, meta);
      } catch {
        return passWhole('store-unavailable', type, parts);
      }
    }
    if (options.store) {
      await options.store.recordCompression({ ...meta, ...(id ? { id } : {}), at: (options.now ?? Date.now)() });
    }
    return {
      text: final,
      type,
      parts,
      ...(language ? { language } : {}),
      tokensBefore,
      tokensAfter,
      elisions,
      ids: id ? [id] : [],
      ...(refused.length ? { refused } : {}),
      ms: performance.now() - t0,
    };
  };

  if (text.length > DEFAULTS.maxChars) return pass('too-large', options.type ?? 'binary');
  if (hasMarker(text)) return pass('already-compressed', options.type ?? route(makeProbe(text), COMPRESSORS, FALLBACK).compressor.type);
  if (est < (options.minTokens ?? DEFAULTS.minTokens)) {
    return pass('small', options.type ?? route(makeProbe(text), COMPRESSORS, FALLBACK).compressor.type);
  }

  const ctx: CompressContext = {
    budgetTokens: options.budgetTokens ?? defaultBudget(est),
    budgetGiven: options.budgetTokens !== undefined,
    lossy: est > LOSSY_FROM,
    estimateTokens,
    ...(options.language ? { language: options.language } : {}),
  };
  const segments = options.type ? [{ text, kind: 'auto' as const }] : segment(text);
  const results: PartResult[] = [];
  for (const seg of segments) {
    if (seg.kind === 'verbatim' || (segments.length > 1 && estimateTokens(seg.text) < 50)) {
      results.push({ text: seg.text, type: 'prose', compressor: 'verbatim', elisions: [] });
      continue;
    }
    // Each part gets its share of the budget, so that the parts together aim at it.
    const segTokens = segments.length === 1 ? est : estimateTokens(seg.text);
    const share = segments.length === 1 ? ctx : { ...ctx, budgetTokens: Math.max(100, Math.round((ctx.budgetTokens * segTokens) / Math.max(1, est))) };
    const r = await compressPart(seg, share, options.type, segTokens);
    const text = sameEnding(seg.text, r.text);
    // A changed ending leaves the compressor's estimate behind.
    results.push(text === r.text ? r : { ...r, text, tokens: undefined });
  }

  const parts = results.map((r, i) => ({ type: r.type, compressor: r.compressor, chars: segments[i]!.text.length, form: r.form ?? 'lines' }));
  let largest = 0;
  for (let i = 1; i < segments.length; i++) if (segments[i]!.text.length > segments[largest]!.text.length) largest = i;
  const main = results[largest]!;
  const out = results.map((r) => r.text).join('');
  const elisions = results.flatMap((r) => r.elisions);
  refused = results.flatMap((r) => r.refused ?? []);
  if (results.every((r) => r.failed || r.compressor === 'verbatim')) return pass('compressor-failed', main.type, parts);

  if (elisions.length === 0 && out === text) return pass('little-saving', main.type, parts);
  // The saving is judged on the final text, with the id its first marker will name.
  const n = named(out, elisions);
  const only = results.length === 1 ? results[0]! : undefined;
  const estOut = only?.tokens !== undefined && n.final === only.text ? only.tokens : estimateTokens(n.final);
  if (estOut > est * (1 - (options.minSavings ?? DEFAULTS.minSavings))) return pass('little-saving', main.type, parts);
  return finish(n, estOut, elisions, main.type, parts, main.compressor, main.language);
}
