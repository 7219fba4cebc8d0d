import { clip } from '../lines.js';
import type { Elisions } from '../marker.js';
import { templateOf } from '../template.js';

// `git log --oneline`: hundreds of `<hash> subject` lines, most of them routine.
// What a model needs from it: where the log starts and ends, refs and tags,
// releases, reverts and fixes. Everything else is folded into per-run markers
// that name the commonest kinds of commit they hide.

/** `<hash> subject`, optionally behind a --graph prefix. */
export const ONELINE_RE = /^[*|\\/ ]{0,12}[0-9a-f]{7,40} \S/;
const DECORATED_RE = /^[*|\\/ ]{0,12}[0-9a-f]{7,40} \(/;
const BROAD_RE = /\b(?:revert|fix(?:e[sd])?|hotfix|security|cve-\d+|breaking)\b|^(?:release|version|v?\d+\.\d+)/i;
const NARROW_RE = /^(?:[\w()!-]{1,40}: )?(?:revert|fix(?:e[sd])?|hotfix|security|release|v?\d+\.\d+)\b|\bcve-\d+/i;

export interface OnelineLevel {
  readonly head: number;
  readonly tail: number;
  readonly narrow: boolean;
  /** Describe the commonest kinds of hidden commit in runs at least this long. */
  readonly describeFrom: number;
}

export const ONELINE_LEVELS: readonly OnelineLevel[] = [
  { head: 15, tail: 5, narrow: false, describeFrom: 4 },
  { head: 10, tail: 3, narrow: false, describeFrom: 8 },
  { head: 8, tail: 2, narrow: true, describeFrom: 12 },
  { head: 5, tail: 2, narrow: true, describeFrom: Infinity },
];

function subjectOf(line: string): string {
  const m = /^[*|\\/ ]{0,12}[0-9a-f]{7,40} (?:\([^)]{0,300}\) )?/.exec(clip(line, 400));
  return m ? line.slice(m[0].length) : line;
}

/** The kind of a routine commit: its first words with variable parts normalised. */
function kindOf(subject: string): string {
  const t = templateOf(subject)
    .replace(/#<n>/g, '#N')
    .replace(/\bfrom \S+/g, 'from …')
    .replace(/\bto \S+/g, 'to …');
  return t.split(' ').slice(0, 5).join(' ');
}

/** Lazily computed, cached kinds per line index, shared by every level of one compression. */
export type KindCache = (string | undefined)[];

function describe(run: readonly number[], lines: readonly string[], cache: KindCache): string {
  const counts = new Map<string, number>();
  for (const i of run) {
    const k = (cache[i] ??= kindOf(subjectOf(lines[i]!)));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const top = [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return top
    .slice(0, 2)
    .map(([k, n]) => `${n}x ${k}`)
    .join('; ');
}

/** True when this line of a oneline log must stay at this level. */
function important(line: string, lv: OnelineLevel): boolean {
  if (DECORATED_RE.test(line)) return true;
  const s = clip(subjectOf(line), 300);
  return lv.narrow ? NARROW_RE.test(s) : BROAD_RE.test(s);
}

/** Renders a oneline log at one level; non-log lines are always kept. */
export function renderOneline(lines: readonly string[], lv: OnelineLevel, el: Elisions, cache: KindCache): string[] {
  const out: string[] = [];
  const n = lines.length;
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    if (run.length === 1) out.push(lines[run[0]!]!);
    else {
      const what = run.length >= lv.describeFrom ? describe(run, lines, cache) : '';
      out.push(el.omit(run.length, 'commits', what));
    }
    run = [];
  };
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    const keep = i < lv.head || i >= n - lv.tail || !ONELINE_RE.test(line) || important(line, lv);
    if (keep) {
      flush();
      out.push(line);
    } else run.push(i);
  }
  flush();
  return out;
}
