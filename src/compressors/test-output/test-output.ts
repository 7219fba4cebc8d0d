import type { CompressContext, Compressed, Compressor, Probe } from '../types.js';
import { joinLines, splitLines, stripAnsi } from '../lines.js';
import { MARKER_PREFIX, hasMarker } from '../marker.js';
import { LineSelection, dropOrder, fineKey, frameDepths } from '../logs/index.js';
import { CONTEXT, GO_PKG_FAIL, GO_PKG_OK, KEY, NOISE, goJsonKind, goJsonView, kindOf } from './rules.js';
import { scoreTestOutput } from './score.js';
import { markJUnitCases, markMessages, markRaiseFrames, markTestFrames } from './failures.js';

// Test-runner output: a reader fixing failures needs each failure's name,
// assertion and location, the top of any panic, and the final counts. Passing
// tests go first (as counted markers), then context already shown for an
// earlier failure, then deep stack frames, then context farthest from a key line.

const NUMBERED = /^(\s*)\d+\) \S/;

/** Frames up to this depth are kept like failure lines (Go prints two lines a frame). */
const KEY_FRAMES = 2;
/** Frames past this depth in one trace are dropped with the repeats. */
const TOP_FRAMES = 4;

export const testOutputCompressor: Compressor = {
  name: 'test-failure-focus',
  type: 'test',
  score: (probe: Probe) => scoreTestOutput(probe),
  compress(text: string, ctx: CompressContext): Compressed {
    // Marked text is our own output: compressing it again would only lose more.
    if (hasMarker(text)) return { text, elisions: [] };
    // Passing tests and progress are noise at any size; the rest goes only
    // from a large output (ctx.lossy), and only down to the budget.
    const over = () => ctx.lossy !== false && sel.tokens() > ctx.budgetTokens;
    const { lines, trailingNewline } = splitLines(text);
    const n = lines.length;

    const views: string[] = new Array<string>(n);
    const kind = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const line = lines[i]!;
      const go = line.charCodeAt(0) === 123 ? goJsonView(line) : undefined;
      views[i] = go ? go.output : stripAnsi(line);
      kind[i] = line.trimStart().startsWith(MARKER_PREFIX) ? KEY : go ? goJsonKind(go.action, go.output) : kindOf(views[i]!);
    }
    // go's passing package lines are the whole summary of a run without
    // failures, and noise beside a failing package's line.
    if (views.some((v) => GO_PKG_FAIL.test(v))) for (let i = 0; i < n; i++) if (GO_PKG_OK.test(views[i]!)) kind[i] = NOISE;
    // A numbered failure (mocha, rspec) names its test on the indented lines
    // under its number: `  1) suite` then `       test title:`.
    for (let i = 0; i < n; i++) {
      const m = NUMBERED.exec(views[i]!);
      if (!m) continue;
      // The suite path runs down, one level a line, to the title that ends with ':'.
      const indent = m[1]!.length;
      let end = -1;
      for (let j = i + 1; j < n && j <= i + 8; j++) {
        const v = views[j]!;
        if (v.trim() === '' || v.length - v.trimStart().length <= indent) break;
        if (v.trimEnd().endsWith(':')) {
          end = j;
          break;
        }
      }
      for (let j = i + 1; j <= end; j++) kind[j] = KEY;
    }
    const depth = frameDepths(views);
    // A frame's file:line is not a failure location: only the top of a trace is key.
    for (let i = 0; i < n; i++) {
      if (depth[i]! > 0 && kind[i] !== NOISE) kind[i] = depth[i]! <= KEY_FRAMES ? KEY : CONTEXT;
    }
    markTestFrames(views, kind, depth);
    markMessages(views, kind, depth);
    markJUnitCases(views, kind);
    markRaiseFrames(views, kind);
    const sel = new LineSelection(lines, ctx.estimateTokens);
    // Why each dropped line went, for its marker.
    const why: string[] = new Array<string>(n).fill('context');
    const drop = (i: number, reason: string) => {
      if (views[i]!.trim() === '') reason = 'blank lines';
      else if (depth[i]! > 0) reason = 'stack frames';
      why[i] = reason;
      sel.drop(i);
    };

    // Step 1: passing tests and progress.
    for (let i = 0; i < n; i++) if (kind[i] === NOISE) drop(i, 'passing tests');

    // Step 2: context a reader has already seen, deep frames, runs of blanks.
    if (over()) {
      const seen = new Set<string>();
      for (let i = 0; i < n; i++) {
        if (!sel.isKept(i)) continue;
        const v = views[i]!;
        if (kind[i] === CONTEXT && (depth[i]! > TOP_FRAMES || (v.trim() === '' && i > 0 && (!sel.isKept(i - 1) || views[i - 1]!.trim() === '')))) {
          drop(i, 'context');
          continue;
        }
        if (kind[i] !== CONTEXT || v.trim() === '') continue;
        const fk = fineKey(v);
        if (seen.has(fk)) drop(i, 'repeated context');
        else seen.add(fk);
      }
    }

    // Step 3: remaining context, farthest from a key line first.
    if (over()) {
      const dist = new Uint32Array(n).fill(0xffffffff);
      for (let i = 0, d = 0xffffffff; i < n; i++) {
        d = kind[i] === KEY ? 0 : Math.min(0xffffffff, d + 1);
        dist[i] = d;
      }
      for (let i = n - 1, d = 0xffffffff; i >= 0; i--) {
        d = kind[i] === KEY ? 0 : Math.min(0xffffffff, d + 1);
        dist[i] = Math.min(dist[i]!, d);
      }
      const ctxLines: number[] = [];
      for (let i = 0; i < n; i++) if (sel.isKept(i) && kind[i] === CONTEXT) ctxLines.push(i);
      for (const i of dropOrder(ctxLines, (i) => -dist[i]! - (depth[i]! > 0 ? 2 : 0))) {
        if (!over()) break;
        drop(i, 'context');
      }
    }

    // Step 4: key lines that repeat an earlier one word for word.
    if (over()) {
      const seen = new Set<string>();
      const repeats: number[] = [];
      for (let i = 0; i < n; i++) {
        if (!sel.isKept(i) || kind[i] !== KEY || lines[i]!.trimStart().startsWith(MARKER_PREFIX)) continue;
        const v = views[i]!.trim();
        if (seen.has(v)) repeats.push(i);
        else seen.add(v);
      }
      for (const i of repeats.reverse()) {
        if (!over()) break;
        drop(i, 'repeated failure lines');
      }
    }

    for (const i of sel.absorbBlanks()) why[i] = 'blank lines';
    const { lines: out, elisions } = sel.render((i) => why[i]!);
    const result = joinLines(out, trailingNewline);
    if (result.length >= text.length) return { text, elisions: [] };
    return { text: result, elisions: elisions.list };
  },
};
