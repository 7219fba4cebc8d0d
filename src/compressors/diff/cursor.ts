import { clip, stripAnsi } from '../lines.js';
import { generatedKind } from './generated.js';
import { type Parsed, type ParsedFile, Role, type RoleCode } from './roles.js';

// The parser's state as it walks the lines once: the line it is at, the
// commit and file it is in, and the role it gave each line so far. Readers of
// each format (headers.ts, hunks.ts) move it forward.

/** Longest line looked at when telling shapes apart. */
const SHAPE = 400;
/** A hunk line this long is minified or generated content. */
const MINIFIED_CHARS = 1000;

export class Cursor {
  readonly role: Uint8Array;
  readonly file: Int32Array;
  readonly commit: Int32Array;
  readonly files: ParsedFile[] = [];
  commits = 0;
  curCommit = -1;
  curFile = -1;
  /** The next line to read. */
  i = 0;
  private readonly shapes: string[];

  constructor(readonly lines: readonly string[]) {
    const n = lines.length;
    this.role = new Uint8Array(n);
    this.file = new Int32Array(n).fill(-1);
    this.commit = new Int32Array(n).fill(-1);
    this.shapes = new Array<string>(n);
  }

  get n(): number {
    return this.lines.length;
  }

  /** Line i as patterns see it: colour stripped, clipped ('' past the end). */
  s(i: number): string {
    if (i >= this.lines.length) return '';
    let v = this.shapes[i];
    if (v === undefined) v = this.shapes[i] = clip(stripAnsi(clip(this.lines[i]!, SHAPE * 2)), SHAPE);
    return v;
  }

  set(i: number, role: RoleCode): void {
    this.role[i] = role;
    this.file[i] = this.curFile;
    this.commit[i] = this.curCommit;
  }

  /** A line of a hunk body; a very long changed line marks its file as minified. */
  bodyLine(i: number, role: RoleCode): void {
    this.set(i, role);
    if (role !== Role.context && (this.lines[i]?.length ?? 0) > MINIFIED_CHARS) {
      const f = this.files[this.curFile];
      if (f && !f.kind) f.kind = 'minified lines';
    }
  }

  newCommit(): void {
    this.curCommit = this.commits++;
    this.curFile = -1;
  }

  openFile(path: string): void {
    this.curFile = this.files.length;
    this.files.push({ path, kind: generatedKind(path), commit: this.curCommit });
  }

  result(): Parsed {
    return { role: this.role, file: this.file, commit: this.commit, files: this.files, commits: this.commits };
  }
}
