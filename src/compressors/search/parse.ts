import { clip } from '../lines.js';
import { MARKER_PREFIX } from '../marker.js';

// Reads grep / ripgrep / git grep output line by line into runs of hits that
// share a file. Formats: `path:N:text` (match), `path-N-text` (context, -A/-B/-C),
// `--` (group separator), `rg --heading` (path alone, then `N:text`), `-c`
// counts (`path:N`). Scanning is by indexOf over a clipped line, so it is linear.

interface HitFields {
  readonly path: string;
  /** The line number as printed. */
  readonly num: string;
  readonly text: string;
  /** Printed as `path:N:text` (true) or as a bare `N:text` under a heading (false). */
  readonly flat: boolean;
}

export type SearchLine =
  | ({ readonly kind: 'match' } & HitFields)
  | ({ readonly kind: 'context' } & HitFields)
  | { readonly kind: 'heading'; readonly path: string }
  | { readonly kind: 'count'; readonly path: string; readonly count: number }
  | { readonly kind: 'sep' }
  | { readonly kind: 'other'; readonly line: string };

const PATH_MAX = 400;

/** A plausible file path: no spaces, has a letter, is not a timestamp or a diff/JSON line. */
export function plausiblePath(p: string): boolean {
  if (p.length === 0 || p.length > PATH_MAX) return false;
  const c = p[0]!;
  if ('+-@"\'{[(<#*|>'.includes(c)) return false;
  if (/\s/.test(p) || !/[A-Za-z]/.test(p)) return false;
  if (/^\d{4}-\d\d-\d\d/.test(p) || /^\d+$/.test(p)) return false;
  return !p.startsWith(MARKER_PREFIX);
}

function digitsEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  return j;
}

/** `path:N:text`: the first `:digits:` after a plausible path. */
function splitMatch(line: string): { path: string; num: string; text: string } | null {
  const s = clip(line, PATH_MAX + 24);
  for (let i = s.indexOf(':'); i > 0; i = s.indexOf(':', i + 1)) {
    const j = digitsEnd(s, i + 1);
    if (j > i + 1 && s[j] === ':') {
      const path = s.slice(0, i);
      // `12:a:34:b` is a bare hit under a heading whose text has a colon, not a path.
      if (!plausiblePath(path) || /^\d+:/.test(path)) return null;
      return { path, num: s.slice(i + 1, j), text: line.slice(j + 1) };
    }
  }
  return null;
}

/** `path-N-text` for a path already seen (paths may contain '-', so only known ones count). */
function splitContext(line: string, path: string): { num: string; text: string } | null {
  if (!path || !line.startsWith(path) || line[path.length] !== '-') return null;
  const j = digitsEnd(line, path.length + 1);
  if (j === path.length + 1 || line[j] !== '-') return null;
  return { num: line.slice(path.length + 1, j), text: line.slice(j + 1) };
}

/** `N:text` / `N-text` under an `rg --heading` path, or our own grouped output. */
function splitBare(line: string): { num: string; text: string; kind: 'match' | 'context' } | null {
  const j = digitsEnd(line, 0);
  if (j === 0 || (line[j] !== ':' && line[j] !== '-')) return null;
  return { num: line.slice(0, j), text: line.slice(j + 1), kind: line[j] === ':' ? 'match' : 'context' };
}

/** Classifies every line; `other` lines are kept verbatim by the renderer. */
export function parseSearch(lines: readonly string[]): SearchLine[] {
  const out: SearchLine[] = [];
  const matches = lines.map((l) => (l === '--' ? null : splitMatch(l)));
  // Before-context (-B) precedes its file's first match, so it is recognised by
  // the path of the next match.
  const nextPath: string[] = new Array<string>(lines.length);
  for (let i = lines.length - 1, p = ''; i >= 0; i--) {
    nextPath[i] = p;
    const m = matches[i];
    if (m) p = m.path;
  }
  let current = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '--') {
      out.push({ kind: 'sep' });
      continue;
    }
    const m = matches[i];
    if (m) {
      current = m.path;
      out.push({ kind: 'match', path: m.path, num: m.num, text: m.text, flat: true });
      continue;
    }
    const ahead = nextPath[i]!;
    const before = ahead && ahead !== current ? splitContext(line, ahead) : null;
    if (before) {
      current = ahead;
      out.push({ kind: 'context', path: ahead, num: before.num, text: before.text, flat: true });
      continue;
    }
    const c = splitContext(line, current);
    if (c) {
      out.push({ kind: 'context', path: current, num: c.num, text: c.text, flat: true });
      continue;
    }
    const b = current ? splitBare(line) : null;
    if (b) {
      const hit = { path: current, num: b.num, text: b.text, flat: false };
      out.push(b.kind === 'match' ? { kind: 'match', ...hit } : { kind: 'context', ...hit });
      continue;
    }
    const cm = /^(\S{1,400}):(\d+)$/.exec(clip(line, PATH_MAX + 24));
    if (cm && plausiblePath(cm[1]!)) {
      out.push({ kind: 'count', path: cm[1]!, count: Number(cm[2]) });
      continue;
    }
    // A heading is a lone path followed by `N:` / `N-` lines.
    const next = lines[i + 1] ?? '';
    if (plausiblePath(line) && /^\d+[:-]/.test(next.slice(0, 24))) {
      current = line;
      out.push({ kind: 'heading', path: line });
      continue;
    }
    if (line === '') current = current && /^\d+[:-]/.test(next.slice(0, 24)) ? current : '';
    out.push({ kind: 'other', line });
  }
  return out;
}
