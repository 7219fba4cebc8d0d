import type { CompressContext, Compressed, Compressor, Probe } from '../types.js';
import { joinLines, splitLines, stripAnsi } from '../lines.js';
import { MARKER_PREFIX, hasMarker } from '../marker.js';
import { LineSelection, dropOrder, labelOf } from '../logs/index.js';
import {
  B_DETAIL,
  B_ERROR,
  B_LOCATION,
  B_NOISE,
  B_OTHER,
  B_SNIPPET,
  B_SUMMARY,
  B_WARNING,
  diagnosticKey,
  roleOf,
} from './rules.js';
import { scoreBuildOutput } from './score.js';

// Compiler, linter and package-manager output: every error and warning line
// with its file:line and code is what a reader acts on, plus the summary. So
// progress noise goes first (at any size), then, in a large output over
// budget, the details of diagnostics already shown once, then code snippets,
// then repeated warnings of one kind. Errors stay.

/** Warnings of one kind kept in full before the rest collapse into a marker. */
const WARNINGS_PER_KIND = 2;
/** Errors of one kind kept in full before the rest of a flood collapse. */
const ERRORS_PER_KIND = 3;

export const buildOutputCompressor: Compressor = {
  name: 'build-diagnostics',
  type: 'build',
  score: (probe: Probe) => scoreBuildOutput(probe),
  compress(text: string, ctx: CompressContext): Compressed {
    // Marked text is our own output: compressing it again would only lose more.
    if (hasMarker(text)) return { text, elisions: [] };
    const { lines, trailingNewline } = splitLines(text);
    const n = lines.length;

    const role = new Uint8Array(n);
    const head = new Int32Array(n).fill(-1); // the diagnostic header a line belongs to
    const keyOf = new Map<number, string>();
    for (let i = 0, cur = -1; i < n; i++) {
      const line = lines[i]!;
      let r = line.trimStart().startsWith(MARKER_PREFIX) ? B_SUMMARY : roleOf(stripAnsi(line));
      if (r === B_ERROR || r === B_WARNING) {
        cur = i;
        keyOf.set(i, diagnosticKey(line));
      } else if (line.trim() === '' || r === B_SUMMARY || r === B_NOISE) {
        cur = -1;
      } else if (cur >= 0 && r === B_OTHER) {
        r = B_DETAIL;
      }
      role[i] = r;
      head[i] = r === B_ERROR || r === B_WARNING ? i : cur;
    }
    // The last line says how the build ended, whatever its words.
    for (let i = n - 1; i >= 0; i--) {
      if (lines[i]!.trim() === '') continue;
      if (role[i] !== B_ERROR && role[i] !== B_WARNING) role[i] = B_SUMMARY;
      break;
    }

    // Occurrence number of each header's kind (1 = first of its kind).
    const seenKinds = new Map<string, number>();
    const nth = new Map<number, number>();
    for (const [i, k] of keyOf) {
      const c = (seenKinds.get(k) ?? 0) + 1;
      seenKinds.set(k, c);
      nth.set(i, c);
    }

    const sel = new LineSelection(lines, ctx.estimateTokens);
    const why: string[] = new Array<string>(n).fill('other output');
    const drop = (i: number, reason: string) => {
      why[i] = lines[i]!.trim() === '' ? 'blank lines' : reason;
      sel.drop(i);
    };
    // Progress lines are noise at any size; the rest goes only from a large
    // output (ctx.lossy), and only down to the budget.
    const over = () => ctx.lossy !== false && sel.tokens() > ctx.budgetTokens;
    const details = (r: number) => r === B_DETAIL || r === B_SNIPPET;

    // Step 1: progress, downloads, compiling lines.
    for (let i = 0; i < n; i++) if (role[i] === B_NOISE) drop(i, 'progress');

    // Step 2: details of a diagnostic whose kind was already shown in full.
    if (over()) {
      for (let i = 0; i < n; i++) {
        if (details(role[i]!) && head[i]! >= 0 && (nth.get(head[i]!) ?? 1) > 1) drop(i, 'details of repeated diagnostics');
      }
    }
    // Step 3: code snippets, then the remaining notes, last lines of a block first.
    for (const target of [B_SNIPPET, B_DETAIL]) {
      if (!over()) break;
      const cand: number[] = [];
      for (let i = 0; i < n; i++) if (sel.isKept(i) && role[i] === target) cand.push(i);
      for (const i of dropOrder(cand, (j) => -(j - Math.max(0, head[j]!)))) {
        if (!over()) break;
        drop(i, target === B_SNIPPET ? 'code snippets' : 'diagnostic notes');
      }
    }
    // Step 4: warnings of a kind already shown, with their locations; then,
    // in a flood of errors, errors of a kind already shown a few times (the
    // markers name the files they were in).
    for (const [kind, keep, word] of [
      [B_WARNING, WARNINGS_PER_KIND, 'warnings'],
      [B_ERROR, ERRORS_PER_KIND, 'errors'],
    ] as const) {
      if (!over()) break;
      const labels = new Map<string, string>();
      for (let i = n - 1; i >= 0 && over(); i--) {
        const h = head[i]!;
        if (h < 0 || role[h] !== kind || (nth.get(h) ?? 1) <= keep || !sel.isKept(i)) continue;
        const k = keyOf.get(h)!;
        let label = labels.get(k);
        if (label === undefined) {
          label = `more ${word} like: ${labelOf(lines[h]!, 50)}`;
          labels.set(k, label);
        }
        drop(i, label);
      }
    }
    for (const i of sel.absorbBlanks()) why[i] = 'blank lines';
    // Step 5: anything else that is neither a diagnostic nor the summary.
    if (over()) {
      const rest: number[] = [];
      for (let i = 0; i < n; i++) if (sel.isKept(i) && (role[i] === B_OTHER || role[i] === B_LOCATION) && head[i]! < 0) rest.push(i);
      for (const i of rest.reverse()) {
        if (!over()) break;
        drop(i, 'other output');
      }
    }

    const { lines: out, elisions } = sel.render((i) => why[i]!);
    const result = joinLines(out, trailingNewline);
    if (result.length >= text.length) return { text, elisions: [] };
    return { text: result, elisions: elisions.list };
  },
};
