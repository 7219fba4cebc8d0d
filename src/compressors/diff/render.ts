import type { Elisions } from '../marker.js';
import type { DiffBlock, FileBlock, Hunk } from './parse.js';

// Renders parsed diff blocks at one strength. Headers (commit, file, hunk) are
// never dropped; what gives way, in order: unchanged context, commit message
// bodies, lock/generated file bodies, then changed lines past the first few of
// each hunk.

export interface DiffLevel {
  /** Unchanged lines kept on each side of a change. */
  readonly context: number;
  /** Changed lines kept per hunk before the rest is elided. */
  readonly cap: number;
  /** Commit message body lines (after the subject) kept; longer bodies are elided whole. */
  readonly bodyLines: number;
  /** Summarise lock files and generated/minified files as one marker. */
  readonly summariseGenerated: boolean;
  /** Replace index/---/+++ lines (redundant with `diff --git`) by one marker. */
  readonly compactHeaders: boolean;
  /** Stat lines (` path | N +-`) kept per commit. */
  readonly statCap: number;
}

const LOCK_NAMES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'deno.lock',
  'Cargo.lock',
  'go.sum',
  'go.work.sum',
  'poetry.lock',
  'Pipfile.lock',
  'pdm.lock',
  'uv.lock',
  'composer.lock',
  'Gemfile.lock',
  'Podfile.lock',
  'pubspec.lock',
  'mix.lock',
  'flake.lock',
  'packages.lock.json',
  'gradle.lockfile',
  'Package.resolved',
]);

const GENERATED_RE = /(?:\.min\.(?:js|css|mjs)|\.map|\.pb\.go|_pb2\.pyi?|\.generated\.\w+|\.g\.dart|\.lock|\.snap)$/;
const MINIFIED_CHARS = 1000;

/** Why a file's body is not worth showing line by line, or '' when it is. */
export function generatedKind(f: FileBlock): string {
  const slash = f.path.lastIndexOf('/');
  const base = f.path.slice(slash + 1);
  if (LOCK_NAMES.has(base)) return 'lock file';
  if (GENERATED_RE.test(base) || /(?:^|\/)(?:dist|vendor|node_modules)\//.test(f.path)) return 'generated file';
  for (const h of f.hunks) for (const l of h.body) if (l.length > MINIFIED_CHARS) return 'minified lines';
  return '';
}

function isChange(line: string, prefix: number): boolean {
  for (let k = 0; k < prefix && k < line.length; k++) {
    const c = line[k];
    if (c === '+' || c === '-') return true;
  }
  return false;
}

function counts(lines: readonly string[], prefix: number): { plus: number; minus: number; same: number } {
  let plus = 0;
  let minus = 0;
  let same = 0;
  for (const l of lines) {
    if (l.startsWith('\\')) continue;
    if (!isChange(l, prefix)) same++;
    else if (l.slice(0, prefix).includes('+')) plus++;
    else minus++;
  }
  return { plus, minus, same };
}

function renderHunk(h: Hunk, lv: DiffLevel, el: Elisions, out: string[]): void {
  out.push(h.header);
  const body = h.body;
  const n = body.length;
  const change = body.map((l) => !l.startsWith('\\') && isChange(l, h.prefix));
  // Changed lines past the cap, and everything after them, go as one tail.
  let cut = n;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    if (change[i] && ++seen > lv.cap) {
      cut = i;
      break;
    }
  }
  // Distance of each line to the nearest change before the cut.
  const dist = new Array<number>(n).fill(Infinity);
  let last = -Infinity;
  for (let i = 0; i < cut; i++) {
    if (change[i]) last = i;
    dist[i] = i - last;
  }
  last = Infinity;
  for (let i = cut - 1; i >= 0; i--) {
    if (change[i]) last = i;
    dist[i] = Math.min(dist[i]!, last - i);
  }
  let i = 0;
  while (i < cut) {
    const l = body[i]!;
    const keep = change[i] || dist[i]! <= lv.context || (l.startsWith('\\') && i > 0 && change[i - 1]);
    if (keep) {
      out.push(l);
      i++;
      continue;
    }
    let j = i;
    while (j < cut && !change[j] && dist[j]! > lv.context && !(body[j]!.startsWith('\\') && change[j - 1])) j++;
    // Context that runs into the cut joins the tail marker.
    if (j === cut && cut < n) {
      cut = i;
      break;
    }
    // A marker costs about a line, so single lines stay.
    if (j - i >= 2) out.push(el.omit(j - i, 'lines', 'context'));
    else for (let k = i; k < j; k++) out.push(body[k]!);
    i = j;
  }
  if (cut < n) {
    const c = counts(body.slice(cut), h.prefix);
    out.push(el.omit(n - cut, 'lines', `+${c.plus} -${c.minus}${c.same ? `, ${c.same} context` : ''}`));
  }
}

// Lines that only repeat what `diff --git a/x b/x` already says (or hashes).
const REDUNDANT_RE = /^(?:index |--- |\+\+\+ )/;

function renderHeader(f: FileBlock, lv: DiffLevel, el: Elisions, out: string[]): void {
  const first = f.header[0]!;
  const redundant = lv.compactHeaders && first.startsWith('diff --git ') ? f.header.filter((h) => REDUNDANT_RE.test(h)).length : 0;
  if (redundant < 2) {
    for (const h of f.header) out.push(h);
    return;
  }
  let marked = false;
  for (const h of f.header) {
    if (!REDUNDANT_RE.test(h)) out.push(h);
    else if (!marked) {
      out.push(el.omit(redundant, 'lines', 'index, ---/+++'));
      marked = true;
    }
  }
}

function renderFile(f: FileBlock, lv: DiffLevel, el: Elisions, out: string[]): void {
  const kind = lv.summariseGenerated && f.hunks.length > 0 ? generatedKind(f) : '';
  if (kind) {
    let dropped = f.header.length - 1;
    let plus = 0;
    let minus = 0;
    for (const h of f.hunks) {
      const c = counts(h.body, h.prefix);
      plus += c.plus;
      minus += c.minus;
      dropped += 1 + h.body.length;
    }
    out.push(f.header[0]!);
    out.push(el.omit(dropped, 'lines', `${kind} ${f.path}: +${plus} -${minus} lines`));
    return;
  }
  renderHeader(f, lv, el, out);
  for (const h of f.hunks) renderHunk(h, lv, el, out);
}

function renderMessage(lines: readonly string[], lv: DiffLevel, el: Elisions, out: string[]): void {
  let s = 0;
  while (s < lines.length && lines[s]!.trim() === '') out.push(lines[s++]!);
  if (s >= lines.length) return;
  out.push(lines[s]!);
  let end = lines.length;
  while (end > s + 1 && lines[end - 1]!.trim() === '') end--;
  const body = lines.slice(s + 1, end);
  const nonBlank = body.filter((l) => l.trim() !== '').length;
  if (nonBlank <= lv.bodyLines) for (const l of body) out.push(l);
  else if (body.length > 0) out.push(`    ${el.omit(body.length, 'lines', 'message body')}`);
  for (let k = end; k < lines.length; k++) out.push(lines[k]!);
}

const STAT_RE = /^ \S.* \| +(?:\d+|Bin)/;

/** Renders the blocks at one level. */
export function renderDiff(blocks: readonly DiffBlock[], lv: DiffLevel, el: Elisions): string[] {
  const out: string[] = [];
  let statRun = 0;
  let statDropped = 0;
  const flushStat = () => {
    if (statDropped > 0) out.push(el.omit(statDropped, 'files', 'more stat lines'));
    statRun = 0;
    statDropped = 0;
  };
  for (const b of blocks) {
    if (b.kind === 'raw' && STAT_RE.test(b.line.slice(0, 400))) {
      if (++statRun > lv.statCap) statDropped++;
      else out.push(b.line);
      continue;
    }
    flushStat();
    if (b.kind === 'raw') out.push(b.line);
    else if (b.kind === 'message') renderMessage(b.lines, lv, el, out);
    else renderFile(b, lv, el, out);
  }
  flushStat();
  return out;
}
