import { clip } from '../lines.js';
import { MARKER_PREFIX } from '../marker.js';

// Splits unified-diff / git-log output into blocks the renderer can trim at
// different strengths: verbatim lines, commit messages, and file blocks made of
// header lines and hunks. One forward pass, no regex on unclipped lines.

export interface Hunk {
  readonly header: string;
  readonly body: string[];
  /** Width of the +/-/space prefix: 1 for unified, parents for combined diffs. */
  readonly prefix: number;
}

export interface FileBlock {
  readonly kind: 'file';
  readonly header: string[];
  readonly path: string;
  readonly hunks: Hunk[];
}

export interface MessageBlock {
  readonly kind: 'message';
  /** Message lines as printed (indented), blank lines included. */
  readonly lines: string[];
}

export interface RawLine {
  readonly kind: 'raw';
  readonly line: string;
}

export type DiffBlock = FileBlock | MessageBlock | RawLine;

export const COMMIT_RE = /^commit [0-9a-f]{7,64}\b/;
const HUNK_RE = /^(@{2,}) -(\d+)(?:,(\d+))? .*?\+(\d+)(?:,(\d+))? @{2,}/;
const FILE_START_RE = /^(?:diff --git |diff --cc |diff --combined |diff -|Index: )/;
const EXT_HEADER_RE =
  /^(?:index |new file mode |deleted file mode |old mode |new mode |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |Binary files |GIT binary patch|={5,}|--- |\+\+\+ )/;

function pathOf(header: readonly string[]): string {
  let minus = '';
  for (const h of header) {
    if (h.startsWith('+++ ')) {
      const p = stripSide(h.slice(4));
      if (p !== '/dev/null') return p;
    } else if (h.startsWith('--- ')) minus = stripSide(h.slice(4));
  }
  if (minus && minus !== '/dev/null') return minus;
  const first = header[0] ?? '';
  const git = /^diff --git a\/(.*) b\//.exec(clip(first));
  if (git) return git[1] ?? '';
  const cc = /^diff --(?:cc|combined) (.*)$/.exec(clip(first));
  if (cc) return cc[1] ?? '';
  const bin = /^Binary files (?:a\/)?(\S+)/.exec(clip(header.find((h) => h.startsWith('Binary files ')) ?? ''));
  return bin?.[1] ?? '';
}

function stripSide(p: string): string {
  const tab = p.indexOf('\t');
  const s = (tab >= 0 ? p.slice(0, tab) : p).trim();
  return s.startsWith('a/') || s.startsWith('b/') ? s.slice(2) : s;
}

/** Body of one hunk starting at lines[i]; returns the index after it. */
function readHunk(lines: readonly string[], i: number, header: string, m: RegExpExecArray): [Hunk, number] {
  const prefix = (m[1]?.length ?? 2) - 1;
  const body: string[] = [];
  if (prefix === 1) {
    let oldLeft = m[3] === undefined ? 1 : Number(m[3]);
    let newLeft = m[5] === undefined ? 1 : Number(m[5]);
    while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
      const l = lines[i]!;
      const c = l[0];
      // Our own marker: the counts no longer add up, so read the rest by shape.
      if (l.startsWith(MARKER_PREFIX)) return readByShape(lines, i, header, body, 1);
      if (c === ' ' || l === '') {
        if (oldLeft <= 0 || newLeft <= 0) break;
        oldLeft--;
        newLeft--;
      } else if (c === '-') {
        if (oldLeft <= 0) break;
        oldLeft--;
      } else if (c === '+') {
        if (newLeft <= 0) break;
        newLeft--;
      } else if (c !== '\\') break;
      body.push(l);
      i++;
    }
    while (i < lines.length && lines[i]!.startsWith('\\')) body.push(lines[i++]!);
    return [{ header, body, prefix }, i];
  }
  // Combined diffs: counts are per parent, so fall back to the prefix shape.
  return readByShape(lines, i, header, body, prefix);
}

function readByShape(lines: readonly string[], i: number, header: string, body: string[], prefix: number): [Hunk, number] {
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.startsWith(MARKER_PREFIX)) {
      body.push(l);
      i++;
      continue;
    }
    if (l.length < prefix) break;
    let ok = true;
    for (let k = 0; k < prefix && k < l.length; k++) {
      const c = l[k];
      if (c !== ' ' && c !== '+' && c !== '-') ok = false;
    }
    if (!ok && !l.startsWith('\\')) break;
    if (l.startsWith('diff ') || l.startsWith('--- ') || l.startsWith('+++ ')) break;
    body.push(l);
    i++;
  }
  return [{ header, body, prefix }, i];
}

function isPlainFileStart(lines: readonly string[], i: number): boolean {
  return lines[i]!.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ') && (lines[i + 2] ?? '').startsWith('@@');
}

/** Parses diff / git log output into blocks, keeping every input line exactly once. */
export function parseDiff(lines: readonly string[]): DiffBlock[] {
  const out: DiffBlock[] = [];
  let i = 0;
  let inCommitHeader = false;
  while (i < lines.length) {
    const line = lines[i]!;
    if (COMMIT_RE.test(line)) {
      out.push({ kind: 'raw', line });
      inCommitHeader = true;
      i++;
      continue;
    }
    if (inCommitHeader) {
      if (line === '') {
        out.push({ kind: 'raw', line });
        i++;
        const msg: string[] = [];
        while (i < lines.length && (lines[i]!.startsWith('    ') || lines[i] === '')) {
          // A blank line followed by something unindented ends the message.
          if (lines[i] === '' && !(lines[i + 1] ?? '').startsWith('    ')) break;
          msg.push(lines[i++]!);
        }
        if (msg.length) out.push({ kind: 'message', lines: msg });
        inCommitHeader = false;
        continue;
      }
      if (/^[A-Za-z]+:/.test(clip(line, 40))) {
        out.push({ kind: 'raw', line });
        i++;
        continue;
      }
      inCommitHeader = false;
    }
    if (FILE_START_RE.test(line) || isPlainFileStart(lines, i)) {
      const header: string[] = [line];
      i++;
      while (i < lines.length && EXT_HEADER_RE.test(clip(lines[i]!, 200)) && !FILE_START_RE.test(lines[i]!)) {
        // A second '--- ' after '+++ ' belongs to the next plain diff, not this header.
        if (lines[i]!.startsWith('--- ') && header.some((h) => h.startsWith('+++ '))) break;
        header.push(lines[i++]!);
      }
      const hunks: Hunk[] = [];
      while (i < lines.length) {
        const h = lines[i]!;
        const m = h.startsWith('@@') ? HUNK_RE.exec(clip(h)) : null;
        if (!m) break;
        const [hunk, next] = readHunk(lines, i + 1, h, m);
        hunks.push(hunk);
        i = next;
      }
      out.push({ kind: 'file', header, path: pathOf(header), hunks });
      continue;
    }
    out.push({ kind: 'raw', line });
    i++;
  }
  return out;
}
