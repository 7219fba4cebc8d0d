import * as F from './formats.js';
import type { Cursor } from './cursor.js';
import { Role, type RoleCode } from './roles.js';

// Readers of the hunks under a file header, in each format: unified (read by
// its line counts), combined and word diffs (read by shape), context (`diff
// -c`) and normal (`diff` with no options).

/** The hunks at the cursor, of any format, until something else starts. */
export function readHunks(c: Cursor): void {
  while (c.i < c.n) {
    const s = c.s(c.i);
    const m = s.startsWith('@@') ? F.HUNK.exec(s) : null;
    if (m) {
      c.set(c.i++, Role.hunk);
      const width = m[1]!.length - 1;
      if (width !== 1 || !unified(c, m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3]))) byShape(c, width);
    } else if (F.CONTEXT_HUNK.test(s)) {
      c.set(c.i++, Role.hunk);
      contextHunk(c);
    } else if (F.NORMAL_CMD.test(s)) {
      c.set(c.i++, Role.hunk);
      normalHunk(c);
    } else return;
  }
}

/**
 * A unified hunk body read by its line counts. Returns false, having read
 * nothing, when the body does not follow the counts (word-diff output, a
 * hand-edited patch): the caller then reads it by shape.
 */
function unified(c: Cursor, oldCount: number, newCount: number): boolean {
  const start = c.i;
  let oldLeft = oldCount;
  let newLeft = newCount;
  let i = start;
  const roles: RoleCode[] = [];
  while (i < c.n && (oldLeft > 0 || newLeft > 0)) {
    const l = c.lines[i]!;
    const ch = l[0];
    if (ch === ' ' || l === '') {
      if (oldLeft <= 0 || newLeft <= 0) break;
      oldLeft--;
      newLeft--;
      roles.push(Role.context);
    } else if (ch === '-') {
      if (oldLeft <= 0) break;
      oldLeft--;
      roles.push(Role.del);
    } else if (ch === '+') {
      if (newLeft <= 0) break;
      newLeft--;
      roles.push(Role.add);
    } else if (ch === '\\') roles.push(Role.noEol);
    else return false;
    i++;
  }
  // Counts not met: unless the input simply ends here, this is not a plain unified body.
  if ((oldLeft > 0 || newLeft > 0) && i < c.n) return false;
  while (i < c.n && c.lines[i]![0] === '\\') {
    roles.push(Role.noEol);
    i++;
  }
  for (let k = 0; k < roles.length; k++) c.bodyLine(start + k, roles[k]!);
  c.i = start + roles.length;
  return true;
}

/** A body line read without counts: word-diff changes, or a unified line cut short. */
function shapeRole(s: string): RoleCode {
  if (F.WORD_CHANGE.test(s)) return Role.change;
  const ch = s[0];
  return ch === '+' ? Role.add : ch === '-' ? Role.del : ch === '\\' ? Role.noEol : Role.context;
}

/** Combined diffs (one sign column per parent) and word diffs: read up to the next header. */
function byShape(c: Cursor, width: number): void {
  while (c.i < c.n) {
    const s = c.s(c.i);
    if (F.isFileStart(s) || s.startsWith('@@') || F.COMMIT.test(s) || F.MBOX.test(s)) return;
    if (width > 1) {
      const signs = s.slice(0, width);
      if (!/^[ +-]+$/.test(signs) && !s.startsWith('\\')) return;
      c.bodyLine(c.i, s.startsWith('\\') ? Role.noEol : signs.includes('+') ? Role.add : signs.includes('-') ? Role.del : Role.context);
    } else c.bodyLine(c.i, shapeRole(s));
    c.i++;
  }
}

/** `diff -c`: `*** a,b ****` old side, `--- c,d ----` new side, lines with two-character prefixes. */
function contextHunk(c: Cursor): void {
  while (c.i < c.n) {
    const s = c.s(c.i);
    if (F.CONTEXT_RANGE.test(s)) c.set(c.i, Role.hunk);
    else if (s.startsWith('! ')) c.bodyLine(c.i, Role.change);
    else if (s.startsWith('+ ')) c.bodyLine(c.i, Role.add);
    else if (s.startsWith('- ')) c.bodyLine(c.i, Role.del);
    else if (s.startsWith('  ') || s === ' ' || s === '') c.bodyLine(c.i, Role.context);
    else if (s.startsWith('\\')) c.set(c.i, Role.noEol);
    else return;
    c.i++;
  }
}

/** Normal `diff`: `< old` lines, `---`, `> new` lines. */
function normalHunk(c: Cursor): void {
  while (c.i < c.n) {
    const s = c.s(c.i);
    if (s.startsWith('< ') || s === '<') c.bodyLine(c.i, Role.del);
    else if (s.startsWith('> ') || s === '>') c.bodyLine(c.i, Role.add);
    else if (s === '---') c.set(c.i, Role.hunk);
    else if (s.startsWith('\\')) c.set(c.i, Role.noEol);
    else return;
    c.i++;
  }
}
