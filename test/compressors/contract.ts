import { describe, expect, it } from 'vitest';
import type { Compressed, CompressContext, Compressor } from '../../src/compressors/types.js';
import { defaultBudget, LOSSY_FROM } from '../../src/compressors/engine.js';
import { guardOutput } from '../../src/compressors/guard/index.js';
import { estimateTokens } from '../../src/compressors/tokens.js';
import { makeProbe } from '../../src/compressors/probe.js';
import { hasMarker } from '../../src/compressors/marker.js';
import { type CorpusCase, missingNeedles, projectOf } from '../helpers/corpus.js';
import { half as halfOf } from '../../bench/corpus/split.mjs';

// The shared contract every compressor passes (see STYLE.md §6). Each
// compressor's own test file calls runCompressorContract with its real samples;
// a case may be skipped only by naming it with a reason.

export interface ContractOptions {
  /** Real samples this compressor is meant for: needles must survive. */
  readonly cases: readonly CorpusCase[];
  /** Shared checks this compressor skips, each with its reason. */
  readonly skip?: Readonly<Partial<Record<SharedCheck, string>>>;
  /** Context overrides (e.g. a language hint for code). */
  readonly context?: Partial<CompressContext>;
  /**
   * When set, needles are checked across all cases together: at least this
   * share must be kept (for wide real samples whose needles were chosen by a
   * rule no compressor was shaped on). Unset: every case keeps every needle.
   */
  readonly needleShare?: number;
  /**
   * For a compressor that takes only part of its type (prose-ml: documents of
   * 4,000 characters or more): a sample it declines must be one this
   * compressor, of the same type, scores as its own.
   */
  readonly declinesTo?: Compressor;
}

export type SharedCheck = 'determinism' | 'needles' | 'bad-input' | 'shrinks' | 'idempotent' | 'scores-own' | 'guard';

/** The context the engine would give this input (budget and lossiness by its size). */
export function contextFor(text: string, over: Partial<CompressContext> = {}): CompressContext {
  const est = estimateTokens(text);
  return {
    budgetTokens: defaultBudget(est),
    lossy: est > LOSSY_FROM,
    estimateTokens,
    ...over,
  };
}

/** The engine guard's verdict on one output: null when it holds every invariant. */
export function guardProblem(c: Compressor, input: string, out: Compressed, ctx: CompressContext): string | null {
  const v = guardOutput(input, out, ctx, c.type).violations[0];
  return v ? `${v.rule}: ${v.detail}` : null;
}

async function run(c: Compressor, text: string, over?: Partial<CompressContext>) {
  const ctx = contextFor(text, over);
  if (c.prepare) await c.prepare(text, ctx);
  return c.compress(text, ctx);
}

const BAD_INPUTS: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['whitespace', '\n\n   \n'],
  ['binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)).toString('latin1')],
  ['invalid utf-8', Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x0a]).toString('utf8').repeat(200)],
  ['one long line', 'a'.repeat(200_000)],
  ['regex bait', `${'a'.repeat(5000)}!${' '.repeat(5000)}x${'/a'.repeat(3000)}${'"'.repeat(3000)}`],
  ['deep nesting', '['.repeat(50_000) + ']'.repeat(50_000)],
];

export function runCompressorContract(c: Compressor, opts: ContractOptions): void {
  const skip = opts.skip ?? {};
  const check = (name: SharedCheck, title: string, fn: () => Promise<void>) => {
    const reason = skip[name];
    if (reason) it.skip(`${title} — skipped: ${reason}`, fn);
    else it(title, fn);
  };

  describe(`${c.name} (${c.type}) contract`, () => {
    for (const k of opts.cases) {
      describe(k.id, () => {
        const declines = opts.declinesTo ? ` or declines it to ${opts.declinesTo.name}, which does` : '';
        check('scores-own', `scores its own sample positively${declines}`, async () => {
          const probe = makeProbe(k.input);
          const score = c.score(probe);
          if (opts.declinesTo && score < 0) {
            expect(opts.declinesTo.type).toBe(c.type);
            expect(opts.declinesTo.score(probe)).toBeGreaterThan(0);
          } else expect(score).toBeGreaterThan(0);
        });
        // Needles of the checking half are for the bench's report only: a test
        // that demanded them would push tuning onto them.
        if (opts.needleShare === undefined && halfOf(projectOf(k)) === 'tuning') {
          check('needles', 'keeps every needle', async () => {
            const out = await run(c, k.input, opts.context);
            expect(missingNeedles(out.text, k.needles)).toEqual([]);
          });
        }
        check('guard', 'holds the engine\'s invariants (structure, markers)', async () => {
          const ctx = contextFor(k.input, opts.context);
          if (c.prepare) await c.prepare(k.input, ctx);
          const out = c.compress(k.input, ctx);
          if (out.elisions.length === 0 && out.text === k.input) return;
          expect(guardProblem(c, k.input, out, ctx)).toBeNull();
        });
        check('determinism', 'gives the same bytes every time', async () => {
          const a = await run(c, k.input, opts.context);
          const b = await run(c, k.input, opts.context);
          expect(b.text).toBe(a.text);
          expect(b.elisions).toEqual(a.elisions);
        });
        check('shrinks', 'never grows its input and elides with markers', async () => {
          const out = await run(c, k.input, opts.context);
          expect(estimateTokens(out.text)).toBeLessThanOrEqual(estimateTokens(k.input));
          if (out.elisions.length > 0) expect(hasMarker(out.text)).toBe(true);
        });
        check('idempotent', 'leaves its own output unchanged in substance', async () => {
          const once = await run(c, k.input, opts.context);
          const twice = await run(c, once.text, opts.context);
          // A second pass may only find nothing more to elide.
          expect(twice.elisions.length === 0 || twice.text.length >= once.text.length * 0.9).toBe(true);
        });
      });
    }
    if (opts.needleShare !== undefined) {
      const share = opts.needleShare;
      const tuning = opts.cases.filter((k) => halfOf(projectOf(k)) === 'tuning');
      check('needles', `keeps at least ${Math.round(share * 100)}% of the needles of its ${tuning.length} tuning-half cases`, async () => {
        let total = 0;
        let kept = 0;
        for (const k of tuning) {
          const out = await run(c, k.input, opts.context);
          total += k.needles.length;
          kept += k.needles.length - missingNeedles(out.text, k.needles).length;
        }
        expect(kept / Math.max(1, total)).toBeGreaterThanOrEqual(share);
      });
    }
    check('bad-input', 'does not throw or hang on bad input', async () => {
      for (const [, text] of BAD_INPUTS) {
        const out = await run(c, text, opts.context);
        expect(typeof out.text).toBe('string');
      }
    });
    it('scores bad input without throwing', () => {
      for (const [, text] of BAD_INPUTS) expect(Number.isFinite(c.score(makeProbe(text)))).toBe(true);
    });
  });
}
