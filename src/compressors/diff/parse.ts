import * as F from './formats.js';
import { Cursor } from './cursor.js';
import { generatedKind } from './generated.js';
import { logEntry, mailEntry, patchHeader, rangeBody } from './headers.js';
import { readHunks } from './hunks.js';
import { type Parsed, Role } from './roles.js';

// Gives every line of diff or history output its role (a commit line, a
// subject, a file header, a hunk header, a changed line, context...) and the
// commit and file it belongs to. One forward pass; every pattern runs on a
// clipped line.

/** Roles, files and commits of every line of a diff or history output. */
export function parseDiff(lines: readonly string[]): Parsed {
  const c = new Cursor(lines);
  const oneline = F.isOnelineLog(lines);
  const sideBySide = !oneline && F.isSideBySide(lines);
  while (c.i < c.n) step(c, oneline, sideBySide);
  return c.result();
}

function step(c: Cursor, oneline: boolean, sideBySide: boolean): void {
  const i = c.i;
  const s = c.s(i);
  if (s.trim() === '') {
    c.set(c.i++, Role.blank);
    return;
  }
  if (sideBySide) {
    const gutter = F.SIDE_GUTTER.exec(s)?.[1];
    c.set(c.i++, gutter === '<' ? Role.del : gutter === '>' ? Role.add : gutter === '|' ? Role.change : Role.context);
    return;
  }
  if (F.COMMIT.test(s)) return logEntry(c);
  if (F.MBOX.test(s)) return mailEntry(c);
  if (F.RANGE_PAIR.test(s)) {
    c.newCommit();
    c.set(c.i++, Role.commit);
    return rangeBody(c);
  }
  // `--format='%h %s'` and --oneline entries: a hash, then the subject.
  if (F.ONELINE.test(s) && (oneline || /^[*|\\/ ]{0,12}[a-f]{0,39}\d/.test(s))) {
    c.newCommit();
    c.set(c.i++, Role.commit);
    return;
  }
  if (fileBlock(c)) return;
  if (F.STAT_TOTAL.test(s)) c.set(i, Role.total);
  // --summary lines repeat paths the stat named: what happened to the file, like a mode line.
  else if (F.SUMMARY.test(s)) c.set(i, Role.fileInfo);
  else if (F.isStatLine(s)) c.set(i, Role.stat);
  else if (c.curFile < 0 && c.commits === 0 && F.MAIL_HEADER.test(s)) return patchHeader(c);
  else c.set(i, Role.other);
  c.i++;
}

/** A file block at the cursor, if one starts there: its header lines, then its hunks. */
function fileBlock(c: Cursor): boolean {
  const i = c.i;
  const s = c.s(i);
  const next = c.s(i + 1);
  let namesPath = true; // the first line names the file: ---/+++ below only repeat it
  let path: string;
  if (F.DIFF_GIT.test(s)) path = gitPath(s);
  else if (F.DIFF_CMD.test(s)) path = lastToken(s);
  else if (F.INDEX.test(s)) path = s.slice(7).trim();
  else if (F.ONLY_IN.test(s) || F.FILES_DIFFER.test(s) || F.BINARY_DIFFER.test(s)) {
    c.openFile(F.ONLY_IN.test(s) ? onlyInPath(s) : differPath(s));
    c.set(i, Role.file);
    c.i++;
    return true;
  } else if ((F.MINUS_SIDE.test(s) && F.PLUS_SIDE.test(next)) || (F.CONTEXT_OLD_SIDE.test(s) && F.MINUS_SIDE.test(next) && !F.CONTEXT_RANGE.test(s))) {
    namesPath = false;
    path = sidePath(next.slice(4));
  } else return false;

  c.openFile(path);
  c.set(i, Role.file);
  c.i++;
  const n = c.n;
  while (c.i < n) {
    const h = c.s(c.i);
    if (F.FILE_REDUNDANT.test(h)) c.set(c.i, Role.redundant);
    else if (F.FILE_INFO.test(h)) {
      c.set(c.i, Role.fileInfo);
      if (h.startsWith('GIT binary patch')) {
        c.i++;
        binaryPatch(c);
        continue;
      }
    } else if (F.CONTEXT_OLD_SIDE.test(h) && !F.CONTEXT_RANGE.test(h) && F.MINUS_SIDE.test(c.s(c.i + 1))) {
      // `*** a/x	date` under a `diff -c` line: the `diff` line named the file already.
      c.set(c.i, Role.redundant);
    } else if ((F.MINUS_SIDE.test(h) || F.PLUS_SIDE.test(h)) && !F.CONTEXT_RANGE.test(h)) {
      // The side that names the file when no `diff` line did; the other side repeats it.
      c.set(c.i, namesPath || !h.startsWith('+++') ? Role.redundant : Role.file);
      if (!namesPath && h.startsWith('+++')) c.files[c.curFile]!.kind ||= generatedKind(sidePath(h.slice(4)));
    } else break;
    c.i++;
  }
  readHunks(c);
  return true;
}

/** Base85 lines of a binary patch: data, not text anyone reads. */
function binaryPatch(c: Cursor): void {
  const n = c.n;
  while (c.i < n && !F.isFileStart(c.s(c.i)) && !F.COMMIT.test(c.s(c.i))) c.set(c.i++, Role.redundant);
}

function gitPath(s: string): string {
  const m = / b\/(.+)$/.exec(s);
  if (m) return m[1]!;
  const cc = /^diff --(?:cc|combined) (.+)$/.exec(s);
  return cc ? cc[1]! : lastToken(s);
}

function lastToken(s: string): string {
  const t = s.trim();
  const sp = t.lastIndexOf(' ');
  return sp >= 0 ? t.slice(sp + 1) : t;
}

function sidePath(p: string): string {
  const tab = p.indexOf('\t');
  const s = (tab >= 0 ? p.slice(0, tab) : p).trim();
  return s.startsWith('a/') || s.startsWith('b/') ? s.slice(2) : s;
}

function onlyInPath(s: string): string {
  const m = /^Only in (.+): (.+)$/.exec(s);
  return m ? `${m[1]!.replace(/\/$/, '')}/${m[2]}` : s;
}

function differPath(s: string): string {
  const m = / and (.+) differ$/.exec(s);
  return m ? m[1]! : s;
}
