import { clip, stripAnsi } from '../lines.js';
import type { Probe } from '../types.js';
import * as F from './formats.js';

// Routing evidence for diffs and history, in all their real formats: git's
// (log -p, show, diff, format-patch, range-diff, --stat, --numstat,
// --name-status, --raw, --oneline, --word-diff), diff's (-u, -c, normal, -q),
// diffstat and Debian quilt patches. Reads only the probe's bounded lines.

/** Non-blank lines read before giving up on an input that shows nothing of a diff. */
const EARLY = 16;

export function scoreDiff(probe: Probe): number {
  const lines = probe.lines;
  let nonBlank = 0;
  let hunks = 0;
  let sides = 0;
  let normal = 0;
  let normalBody = 0;
  let contextHunks = 0;
  let brief = 0;
  let stat = 0;
  let total = 0;
  let oneline = 0;
  let diffCmd = 0;
  // A patch may open with a long description; anything else shows its shape in its first lines.
  const patch = startsAsDiff(lines);
  for (let i = 0; i < lines.length; i++) {
    const l = clip(stripAnsi(lines[i]!), 300);
    if (l.trim() === '') continue;
    if (++nonBlank > EARLY && !patch && hunks + sides + normal + normalBody + contextHunks + brief + stat + total + oneline + diffCmd === 0) break;
    if (F.DIFF_GIT.test(l) || F.COMMIT.test(l) || F.MBOX.test(l) || F.RANGE_PAIR.test(l)) return 0.95;
    if (l.startsWith('@@') && F.HUNK.test(l)) hunks++;
    else if (F.MINUS_SIDE.test(l) && F.PLUS_SIDE.test(lines[i + 1] ?? '')) sides++;
    else if (F.CONTEXT_OLD_SIDE.test(l) && F.MINUS_SIDE.test(lines[i + 1] ?? '') && !F.CONTEXT_RANGE.test(l)) sides++;
    else if (F.CONTEXT_HUNK.test(l)) contextHunks++;
    else if (F.NORMAL_CMD.test(l)) normal++;
    else if (l.startsWith('< ') || l.startsWith('> ') || l === '---' || l === '<' || l === '>') normalBody++;
    else if (F.ONLY_IN.test(l) || F.FILES_DIFFER.test(l) || F.BINARY_DIFFER.test(l)) brief++;
    else if (F.STAT_TOTAL.test(l)) total++;
    else if (F.isStatLine(l)) stat++;
    else if (F.ONELINE.test(l)) oneline++;
    if (F.DIFF_CMD.test(l) || F.INDEX.test(l)) diffCmd++;
  }
  if (nonBlank === 0) return -1;
  if ((sides > 0 && (hunks > 0 || contextHunks > 0)) || (diffCmd > 0 && (hunks > 0 || normal > 0 || contextHunks > 0))) return 0.92;
  if (hunks > 0) return 0.8;
  // Normal diff: `4a5,32` commands, the rest `< old` / `> new` lines.
  if (normal > 0 && (normal + normalBody + brief + diffCmd) / nonBlank >= 0.8) return 0.85;
  // `diff -q`: one `Files a and b differ` / `Only in` line per file.
  if (brief >= 2 && (brief + diffCmd) / nonBlank >= 0.8) return 0.85;
  // History with its files (`--format=... --numstat`): hash-led commit lines over their stat lines.
  if (oneline > 0 && stat >= 2 && (stat + total + oneline) / nonBlank >= 0.8) return 0.95;
  // Stat-only: --stat, diffstat, --numstat, --name-status, --raw, --summary, --dirstat, --shortstat.
  if ((stat >= 2 || total > 0) && (stat + total) / nonBlank >= 0.8) return 0.94;
  if (probe.head.includes('\t') && F.isSideBySide(lines)) return 0.9;
  if (nonBlank >= 3 && oneline / nonBlank >= 0.8) return 0.85;
  if (nonBlank >= 3 && oneline / nonBlank >= 0.5) return 0.45;
  return -1;
}

/** Mail and DEP-3 header keys that open a patch file. */
const PATCH_HEADER = /^(?:From|Subject|Date|Author|Description|Origin|Bug(?:-[\w-]+)?|Forwarded|Last-Update|Applied-Upstream|Reviewed-by|Signed-off-by): /;

/**
 * True when text opens the way diffs, patches and history do (a commit, a
 * patch's mail or DEP-3 header, a file header, a hunk): what follows is one
 * diff, whatever it holds (fenced Markdown in a changed README, a second
 * `diff --git`), so a segmenter should not split it.
 */
export function startsAsDiff(lines: readonly string[]): boolean {
  let i = 0;
  while (i < lines.length && i < 50 && lines[i]!.trim() === '') i++;
  const first = clip(stripAnsi(lines[i] ?? ''), 300);
  const next = clip(stripAnsi(lines[i + 1] ?? ''), 300);
  return (
    F.COMMIT.test(first) ||
    F.MBOX.test(first) ||
    F.RANGE_PAIR.test(first) ||
    F.DIFF_GIT.test(first) ||
    F.DIFF_CMD.test(first) ||
    F.INDEX.test(first) ||
    F.HUNK.test(first) ||
    F.ONLY_IN.test(first) ||
    F.FILES_DIFFER.test(first) ||
    F.BINARY_DIFFER.test(first) ||
    (F.MINUS_SIDE.test(first) && F.PLUS_SIDE.test(next)) ||
    (F.CONTEXT_OLD_SIDE.test(first) && F.MINUS_SIDE.test(next)) ||
    PATCH_HEADER.test(first)
  );
}
