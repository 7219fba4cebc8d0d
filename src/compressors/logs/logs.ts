import type { CompressContext, Compressed, Compressor, Probe } from '../types.js';
import { joinLines, splitLines, stripAnsi } from '../lines.js';
import { MARKER_PREFIX, hasMarker } from '../marker.js';
import { groupingView, templateOf } from '../template.js';
import { LineSelection, dropOrder } from './select.js';
import { evenDropOrder } from '../spread.js';
import { SEV_INFO, SEV_WARN, frameDepths, severityOf } from './log-lines.js';
import { FineGroups } from './fine-groups.js';
import { scoreLog } from './score.js';
import { CUT_FROM, cutPoint } from './long-lines.js';
import { criticalTemplate, isCriticalLine } from '../guard/index.js';

// System and application logs: most lines are one of a few templates repeated
// with new numbers, and what a reader needs is each distinct thing that
// happened once, errors first. So: keep the first line of every fine template
// (digits flattened) and drop the repeats, at any size (repeats are noise).
// Only a large log (ctx.lossy) that is still over budget loses whole
// templates, the most frequent low-severity ones first, down to the budget;
// the first line of each error and warning template goes last.

/** Error and warning lines may take the output this far over budget before they go too (the guard's allowance). */
const CRITICAL_ALLOWANCE = 1.25;
/** Frames past this depth in one trace are the first to go. */
const TOP_FRAMES = 3;

interface Group {
  readonly first: number;
  count: number;
  sev: number;
  coarse: string;
  shape: string;
}

const WORD = /[A-Za-z][A-Za-z0-9_]*/g;

/**
 * Words seen in fewer lines than this are values (a user name, a host), not
 * part of what the line says: `Invalid user chen` and `Invalid user pgadmin`
 * are one shape, and the second says little the first did not.
 */
const minWordLines = (n: number) => Math.max(4, Math.ceil(n * 0.02));

const LEVEL_NAMES = ['other', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** Cuts every kept line longer than CUT_FROM to its head; true when the output is then within `target`. */
function shortenLongLines(sel: LineSelection, lines: readonly string[], target: number): boolean {
  for (let i = 0; i < lines.length; i++) if (sel.isKept(i) && lines[i]!.length > CUT_FROM) sel.shorten(i, cutPoint(lines[i]!));
  return sel.tokens() <= target;
}

/** Index of the last non-blank line, or -1. */
function lastLine(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.trim() !== '') return i;
  return -1;
}

/** Indices of the last `k` non-blank lines. */
function lastLines(lines: readonly string[], k: number): Set<number> {
  const out = new Set<number>();
  for (let i = lines.length - 1; i >= 0 && out.size < k; i--) if (lines[i]!.trim() !== '') out.add(i);
  return out;
}

export const logsCompressor: Compressor = {
  name: 'log-template-dedup',
  type: 'log',
  score: (probe: Probe, toBeat?: number) => scoreLog(probe, toBeat),
  compress(text: string, ctx: CompressContext): Compressed {
    // Marked text is our own output: compressing it again would only lose more.
    if (hasMarker(text)) return { text, elisions: [] };
    const { lines, trailingNewline } = splitLines(text);
    const n = lines.length;

    // Lines by fine template, in the order each template first came.
    const fine = new FineGroups();
    const groups: Group[] = [];
    const groupOf: Group[] = new Array<Group>(n);
    for (let i = 0, at = 0; i < n; at += lines[i]!.length + 1, i++) {
      // A JSON record groups by its level and message; any other line as it stands in the text.
      const line = lines[i]!;
      const view = groupingView(line);
      const id = view === line ? fine.groupOf(text, at, at + line.length) : fine.groupOf(view);
      const g = id < groups.length ? groups[id]! : (groups[id] = { first: i, count: 0, sev: -1, coarse: '', shape: '' });
      g.count++;
      groupOf[i] = g;
    }
    const coarseCount = new Map<string, number>();
    const coarseFirst = new Set<number>();
    for (const g of groups) {
      const line = lines[g.first]!;
      g.sev = severityOf(stripAnsi(line));
      g.coarse = templateOf(groupingView(line));
      const c = coarseCount.get(g.coarse);
      if (c === undefined) coarseFirst.add(g.first);
      coarseCount.set(g.coarse, (c ?? 0) + g.count);
    }

    // Shapes: coarse templates with rare words flattened, counted over every line.
    const wordLines = new Map<string, number>();
    for (const g of groups) for (const w of new Set(g.coarse.match(WORD) ?? [])) wordLines.set(w, (wordLines.get(w) ?? 0) + g.count);
    const common = minWordLines(n);
    const shapes = new Set<string>();
    const shapeFirst = new Set<number>();
    // A line that brings a value (a rare word) no earlier line had says something new.
    const seenValues = new Set<string>();
    const bringsValue = new Set<number>();
    for (const g of groups) {
      let fresh = false;
      g.shape = g.coarse.replace(WORD, (w) => {
        if ((wordLines.get(w) ?? 0) >= common) return w;
        if (!seenValues.has(w)) fresh = seenValues.add(w) !== undefined;
        return 'w';
      });
      if (fresh) bringsValue.add(g.first);
      if (!shapes.has(g.shape)) shapeFirst.add(g.first);
      shapes.add(g.shape);
    }

    const depth = frameDepths(lines);

    // A marker line of the input (one hasMarker let through) stays; most logs have none to look for.
    const markers = text.includes(MARKER_PREFIX);
    const isMarker = (i: number) => markers && lines[i]!.trimStart().startsWith(MARKER_PREFIX);
    // The last line says how the log ended (a process exiting, a job's result), even when it repeats an earlier one.
    const final = lastLine(lines);

    // Step 1: repeats of a fine template say nothing new.
    const firsts = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (groupOf[i]!.first === i || i === final || isMarker(i)) firsts[i] = 1;
    const sel = new LineSelection(lines, ctx.estimateTokens, firsts);

    // Step 2: whole templates, least telling first, only in a large log.
    if (ctx.lossy !== false && sel.tokens() > ctx.budgetTokens) {
      const last = lastLines(lines, 3);
      const score = (i: number): number => {
        const g = groupOf[i]!;
        if (lines[i]!.trim() === '') return -1000;
        if (depth[i]! > TOP_FRAMES) return -500 - depth[i]!;
        const cc = coarseCount.get(g.coarse) ?? 1;
        // INFO, DEBUG and a line with no level word tell alike: only warnings and worse rank higher.
        const sev = depth[i]! > 0 ? SEV_WARN : Math.max(g.sev, SEV_INFO);
        // What happened once matters most: the first line of each template
        // (by severity), a template seen only once or twice, the lines that
        // open and close the log (the last one often says how it ended).
        // Later variants of a template (the same message about another file
        // or user) come after, the severe ones first.
        let s = coarseFirst.has(i) ? 200 + sev * 100 : sev * 30;
        if (cc === 1) s += 150;
        else if (cc <= 3) s += 60;
        if (last.has(i)) s += 120;
        else if (i < 2) s += 60;
        const fc = g.count;
        s += fc <= 1 ? 20 : fc <= 5 ? 10 : 0;
        return s + (shapeFirst.has(i) ? 10 : bringsValue.has(i) ? 5 : 0);
      };
      // The first line of each error and warning template is an anchor.
      const critical = new Set<string>();
      const isProtected = (i: number): boolean => {
        if (isMarker(i) || i === final) return true;
        if (depth[i]! > 0 || !isCriticalLine(lines[i]!)) return false;
        const t = criticalTemplate(lines[i]!);
        if (critical.has(t)) return false;
        critical.add(t);
        return true;
      };
      // A line whose fine template occurs once is an event that happened once.
      const isRare = (i: number): boolean => groupOf[i]!.count === 1 && depth[i] === 0 && lines[i]!.trim() !== '';
      const kept: number[] = [];
      const rare: number[] = [];
      const shielded: number[] = [];
      for (let i = 0; i < n; i++) if (sel.isKept(i)) (isProtected(i) ? shielded : isRare(i) ? rare : kept).push(i);
      // Among equally telling lines the longer go first, by powers of two of
      // their cost (lines of like length stay tied): each token of the budget
      // then keeps more of them. Scores step by 5; this stays under that.
      const worth = (i: number): number => score(i) - Math.min(4, 0.25 * Math.floor(Math.log2(1 + sel.cost[i]!)));
      // Lines of templates seen more than once go first, then (once long lines
      // keep only their heads) one-off events; ties go evenly: what stays of a
      // log's many one-off lines covers its whole span, its first and last ones longest.
      if (
        !sel.dropUntil(evenDropOrder(kept, worth), ctx.budgetTokens) &&
        !shortenLongLines(sel, lines, ctx.budgetTokens) &&
        !sel.dropUntil(evenDropOrder(rare, worth), ctx.budgetTokens)
      ) {
        const droppable = shielded.filter((i) => !isMarker(i));
        sel.dropUntil(dropOrder(droppable, score), ctx.budgetTokens * CRITICAL_ALLOWANCE);
      }
    }

    sel.absorbBlanks();
    const { lines: out, elisions } = sel.render((i) => {
      if (depth[i]! > 0) return 'stack frames';
      if (lines[i]!.trim() === '') return 'blank lines';
      return LEVEL_NAMES[groupOf[i]!.sev] ?? 'other';
    });
    const result = joinLines(out, trailingNewline);
    if (result.length >= text.length) return { text, elisions: [] };
    return { text: result, elisions: elisions.list };
  },
};
