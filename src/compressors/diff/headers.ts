import * as F from './formats.js';
import type { Cursor } from './cursor.js';
import { Role, type RoleCode } from './roles.js';

// Readers of what comes before or around the diffs of a commit: git log's
// header and indented message, format-patch's mail headers and message, a
// Debian (DEP-3) patch header, and the indented patch under a range-diff pair.

/** `commit <hash>`, its header lines, then the indented message. */
export function logEntry(c: Cursor): void {
  c.newCommit();
  c.set(c.i++, Role.commit);
  while (c.i < c.n && F.LOG_HEADER.test(c.s(c.i))) c.set(c.i++, Role.meta);
  message(c, (line) => line.startsWith('    ') || line.trim() === '');
}

/** A message whose lines pass `inside`: its first non-blank line is the subject. */
function message(c: Cursor, inside: (line: string) => boolean): void {
  let subject = false;
  while (c.i < c.n) {
    const s = c.s(c.i);
    if (!inside(s)) break;
    // A blank line followed by something outside the message ends it.
    if (s.trim() === '') {
      let j = c.i + 1;
      while (j < c.n && c.s(j).trim() === '') j++;
      if (j >= c.n || !inside(c.s(j))) break;
      c.set(c.i++, Role.blank);
      continue;
    }
    c.set(c.i++, subject ? Role.body : Role.subject);
    subject = true;
  }
}

/** `From <hash> Mon Sep 17 ...`: mail headers, the message up to `---`, then the stat. */
export function mailEntry(c: Cursor): void {
  c.newCommit();
  c.set(c.i++, Role.commit);
  headers(c);
  while (c.i < c.n) {
    const s = c.s(c.i);
    if (s === '---' || F.isFileStart(s) || F.MBOX.test(s)) break;
    c.set(c.i++, s.trim() === '' ? Role.blank : Role.body);
  }
  if (c.i < c.n && c.s(c.i) === '---') c.set(c.i++, Role.meta);
}

/** Mail or DEP-3 headers (`Key: value`, folded continuation lines), up to the first blank line. */
function headers(c: Cursor): void {
  let folded: RoleCode = Role.meta;
  while (c.i < c.n) {
    const s = c.s(c.i);
    if (s.trim() === '' || F.isFileStart(s)) return;
    if (F.MAIL_HEADER.test(s)) {
      folded = F.SUBJECT_HEADER.test(s) ? Role.subject : Role.meta;
      c.set(c.i++, folded);
    } else if (s.startsWith(' ') || s.startsWith('\t')) c.set(c.i++, folded);
    else return;
  }
}

/** A Debian (DEP-3) or mail-style header on top of a patch with no commit line. */
export function patchHeader(c: Cursor): void {
  c.newCommit();
  while (c.i < c.n) {
    const s = c.s(c.i);
    if (s.trim() === '') {
      c.set(c.i++, Role.blank);
      continue;
    }
    if (!F.MAIL_HEADER.test(s)) break;
    headers(c);
  }
  // Free text between the header and the diff describes the patch.
  while (c.i < c.n) {
    const s = c.s(c.i);
    if (F.isFileStart(s) || F.isStatLine(s) || F.STAT_TOTAL.test(s) || s === '---') break;
    if (F.MINUS_SIDE.test(s) && F.PLUS_SIDE.test(c.s(c.i + 1))) break;
    c.set(c.i++, s.trim() === '' ? Role.blank : Role.body);
  }
  if (c.i < c.n && c.s(c.i) === '---') c.set(c.i++, Role.meta);
}

/** The indented patch under a range-diff pair: `    @@ ...`, `    -old`, `    +new`, `     ## path ##`. */
export function rangeBody(c: Cursor): void {
  while (c.i < c.n) {
    const s = c.s(c.i);
    if (!s.startsWith('    ') && s.trim() !== '') return;
    if (s.trim() === '') {
      c.set(c.i++, Role.blank);
      continue;
    }
    const inner = s.slice(4);
    const sign = inner[0];
    if (inner.startsWith('@@')) c.set(c.i, Role.hunk);
    else if (/^ ## .+ ##$/.test(inner)) {
      c.openFile(inner.slice(4, -3));
      c.set(c.i, Role.file);
    } else if (sign === '+') c.set(c.i, Role.add);
    else if (sign === '-') c.set(c.i, Role.del);
    else c.set(c.i, Role.context);
    c.i++;
  }
}
