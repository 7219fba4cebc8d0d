import { clip } from '../lines.js';

// Line shapes of every diff and history format the diff compressor reads,
// shared by the scorer (routing) and the parser. Each pattern is anchored and
// has no nested quantifier; callers run them on clipped lines only.

/** `commit <hash>` of git log / git show, with optional decorations. */
export const COMMIT = /^commit [0-9a-f]{7,64}\b/;
/** The first line of each patch of `git format-patch` / `git log --format=email`. */
export const MBOX = /^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$/;
/** `git range-diff`: `1:  abc1234 ! 1:  def5678 subject`. */
export const RANGE_PAIR = /^ {0,4}(?:\d+|-+):\s+(?:[0-9a-f]{7,64}|-{7,64}) [=!<>] +(?:\d+|-+):\s+(?:[0-9a-f]{7,64}|-{7,64})(?: |$)/;
/** `git log --oneline`: `<hash> subject`, optionally behind a --graph prefix. */
export const ONELINE = /^[*|\\/ ]{0,12}[0-9a-f]{7,40} \S/;

/** File headers that name the file on their own line. */
export const DIFF_GIT = /^diff --(?:git|cc|combined) /;
/** `diff -ruN a/x b/x`, `diff -r a b`, `diff a b` (not `diff --git`). */
export const DIFF_CMD = /^diff (?:-{1,2}[\w=-]+ +)*[^-\s]\S* +\S/;
export const INDEX = /^Index: \S/;
export const ONLY_IN = /^Only in .+: /;
export const FILES_DIFFER = /^Files .+ and .+ differ$/;
export const BINARY_DIFFER = /^Binary files .+ and .+ differ$/;

/** Extended git headers: what changed about the file itself. */
export const FILE_INFO =
  /^(?:new file mode |deleted file mode |old mode |new mode |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |Binary files |GIT binary patch)/;
/** Headers that only repeat what the `diff` line says, or hashes of blobs. */
export const FILE_REDUNDANT = /^(?:index [0-9a-f]+\.\.[0-9a-f]+|index [0-9a-f,]+\.\.[0-9a-f]+|={5,}$)/;

export const MINUS_SIDE = /^--- \S/;
export const PLUS_SIDE = /^\+\+\+ \S/;
/** Context-format (`diff -c`) side headers: `*** a/x	date` then `--- b/x	date`. */
export const CONTEXT_OLD_SIDE = /^\*\*\* \S/;

/** Unified hunk header, also combined (`@@@`); captures the at-signs and the counts. */
export const HUNK = /^(@{2,}) -\d+(?:,(\d+))? .*?\+\d+(?:,(\d+))? @{2,}/;
/** Context-format hunk separator and ranges. */
export const CONTEXT_HUNK = /^\*{15}/;
export const CONTEXT_RANGE = /^(?:\*\*\* \d+(?:,\d+)? \*\*\*\*|--- \d+(?:,\d+)? ----)$/;
/** Normal-format (`diff` with no options) command: `4a5,32`, `10,12c11`, `7d6`. */
export const NORMAL_CMD = /^\d+(?:,\d+)?[acd]\d+(?:,\d+)?$/;

/** `--stat` and diffstat: ` path | 12 ++--`, ` path | Bin 0 -> 12 bytes`. */
export const STAT = /^ ?\S.* \| +(?:\d+(?: [+-]*)?|Bin(?: \d+ -> \d+ bytes)?)$/;
/** ` 3 files changed, 10 insertions(+), 2 deletions(-)`. */
export const STAT_TOTAL = /^ ?\d+ files? changed(?:, \d+ insertions?\(\+\))?(?:, \d+ deletions?\(-\))?$/;
/** `--summary`: ` create mode 100644 a`, ` rename a => b (90%)`, ` mode change 100644 => 100755 a`. */
export const SUMMARY = /^ (?:create|delete) mode \d{6} |^ (?:rename|copy) .+ \(\d{1,3}%\)$|^ mode change \d{6} => \d{6} /;
/** `--name-status`: `M\tpath`, `R100\told\tnew`. */
export const NAME_STATUS = /^(?:[AMDTUXB]|[RC]\d{0,3})\t\S/;
/** `--numstat`: `12\t3\tpath` (`-\t-\t` for binary). */
export const NUMSTAT = /^(?:\d+|-)\t(?:\d+|-)\t\S/;
/** `--raw`: `:100644 100644 abc1234 def5678 M\tpath`. */
export const RAW = /^:+(?:\d{6} )+(?:[0-9a-f]{7,64}(?:\.\.\.)? )+[A-Z]\d{0,3}\t/;

/** `--dirstat`: `  12.3% src/compressors/`. */
export const DIRSTAT = /^ *\d{1,3}\.\d% \S/;

/** `diff -y` (side by side): the gutter between the two columns marks a change. */
export const SIDE_GUTTER = /[\t ]([|<>])(?:\t|$)/;
/** A side-by-side line whose two columns are the same text (an unchanged line). */
export function isMirrored(line: string): boolean {
  const tab = line.indexOf('\t');
  if (tab <= 0) return false;
  const left = line.slice(0, tab).trim();
  let right = line.slice(tab).trim();
  // The right column is clipped to the same width as the left one.
  if (right.length > left.length) right = right.slice(0, left.length);
  return left.length > 0 && left === right;
}

/** Header lines of a git log entry, between `commit` and the message. */
export const LOG_HEADER = /^(?:Author|AuthorDate|Commit|CommitDate|Date|Merge|Reflog|Notes|Signed-off-by):/;
/** Mail and DEP-3 (Debian patch) header lines: `Key: value`. */
export const MAIL_HEADER = /^[A-Z][\w-]{0,40}: /;
/** Header keys whose value is the subject of a patch. */
export const SUBJECT_HEADER = /^(?:Subject|Description): /;

/** Word-diff (`--word-diff`) change markers inside a line. */
export const WORD_CHANGE = /\[-.*?-\]|\{\+.*?\+\}/;

/** A line that opens a file block: `diff ...` or `Index: ...`. */
export function isFileStart(s: string): boolean {
  return DIFF_GIT.test(s) || DIFF_CMD.test(s) || INDEX.test(s);
}

/** One file of a stat-like listing: --stat, diffstat, --summary, --name-status, --numstat, --raw, --dirstat. */
export function isStatLine(s: string): boolean {
  return STAT.test(s) || SUMMARY.test(s) || NAME_STATUS.test(s) || NUMSTAT.test(s) || RAW.test(s) || DIRSTAT.test(s);
}

/** True when most lines of the head are `diff -y` lines: two columns, or one behind a change gutter. */
export function isSideBySide(lines: readonly string[]): boolean {
  let hits = 0;
  let nonBlank = 0;
  const n = Math.min(lines.length, 200);
  for (let i = 0; i < n; i++) {
    const l = clip(lines[i]!, 400);
    if (l.trim() === '') continue;
    nonBlank++;
    if (isMirrored(l) || SIDE_GUTTER.test(l)) hits++;
  }
  return nonBlank >= 3 && hits / nonBlank >= 0.7;
}

/** True when most lines of the head are `<hash> subject` entries (`git log --oneline`). */
export function isOnelineLog(lines: readonly string[]): boolean {
  let hits = 0;
  let nonBlank = 0;
  const n = Math.min(lines.length, 200);
  for (let i = 0; i < n; i++) {
    const l = clip(lines[i]!, 120);
    if (l.trim() === '') continue;
    nonBlank++;
    if (COMMIT.test(l) || l.startsWith('@@') || DIFF_GIT.test(l)) return false;
    if (ONELINE.test(l)) hits++;
  }
  return nonBlank > 0 && hits / nonBlank >= 0.5;
}

