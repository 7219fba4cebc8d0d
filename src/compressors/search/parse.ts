import { clip, stripAnsi } from '../lines.js';
import { MARKER_PREFIX } from '../marker.js';

// Reads grep / ripgrep / git grep / ag output line by line: which file each
// hit belongs to and its line number. Formats: `path:N:text` (match),
// `path-N-text` (context, -A/-B/-C), `path=N=text` (the function line of
// `git grep -p` / `-W`), `--` (group separator), `path:text` (no -n), a
// heading path followed by `N:text` / `N-text` lines (`rg --heading`, `ag
// --group`), `N:text` alone (one file searched), `path:N` counts (-c), and
// `rg --json` events. Scanning is by indexOf over clipped lines and anchored
// patterns: linear.

export type HitKind = 'match' | 'context';

export type SearchLine =
  /** `at`: where the hit's text starts, after its `path:N:` prefix. */
  | { readonly kind: HitKind; readonly path: string; readonly num: number; readonly at: number }
  | { readonly kind: 'heading'; readonly path: string }
  | { readonly kind: 'count'; readonly path: string; readonly count: number }
  | { readonly kind: 'sep' }
  | { readonly kind: 'other' };

const PATH_MAX = 400;
/** A file name's extension, for telling `src/a.ts:text` (a hit) from `INFO:text` (not a path). */
const FILE_LIKE = /\/|\.[A-Za-z][\w-]{0,9}$/;

/** A plausible file path: no spaces, has a letter, is not a timestamp or a diff/JSON line. */
function plausiblePath(p: string): boolean {
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
function splitMatch(line: string): { path: string; num: number; at: number } | null {
  const s = clip(line, PATH_MAX + 24);
  for (let i = s.indexOf(':'); i > 0; i = s.indexOf(':', i + 1)) {
    const j = digitsEnd(s, i + 1);
    if (j > i + 1 && s[j] === ':') {
      const path = s.slice(0, i);
      // `12:a:34:b` is a bare hit under a heading whose text has a colon, not a path.
      if (!plausiblePath(path) || /^\d+:/.test(path)) return null;
      return { path, num: Number(s.slice(i + 1, j)), at: j + 1 };
    }
  }
  return null;
}

/** `path:text` of a search without -n: the path before the first colon must look like a file. */
function splitPlain(line: string): string | null {
  const s = clip(line, PATH_MAX + 2);
  const i = s.indexOf(':');
  if (i <= 0) return null;
  const path = s.slice(0, i);
  return plausiblePath(path) && FILE_LIKE.test(path) && !path.includes('://') ? path : null;
}

/**
 * `path-N-text` (or `path-text` without -n) for a path already seen: paths may hold '-', so only known
 * ones count. `path=N=text` is the function line `git grep -p` / `-W` prints above a hit: context too.
 */
function splitContext(line: string, path: string): { num: number; at: number } | null {
  if (!path || !line.startsWith(path)) return null;
  const sep = line[path.length];
  if (sep !== '-' && sep !== '=') return null;
  const j = digitsEnd(line, path.length + 1);
  if (j > path.length + 1 && line[j] === sep) return { num: Number(line.slice(path.length + 1, j)), at: j + 1 };
  return sep === '-' ? { num: -1, at: path.length + 1 } : null;
}

/** `N:text` / `N-text` under a heading, or from a search of one file. */
function splitBare(line: string): { num: number; kind: HitKind; at: number } | null {
  const j = digitsEnd(line, 0);
  if (j === 0 || (line[j] !== ':' && line[j] !== '-')) return null;
  return { num: Number(line.slice(0, j)), kind: line[j] === ':' ? 'match' : 'context', at: j + 1 };
}

/** `rg --json` events: one JSON object a line, its type and path first. */
const JSON_EVENT_RE = /^\{"type":"(begin|end|match|context|summary)","data":\{(?:"path":\{"text":("(?:[^"\\]|\\.){0,400}")\})?/;
const JSON_LINE_RE = /"line_number":(\d+)/;

function splitJsonEvent(line: string): SearchLine | null {
  const c = clip(line, 600);
  const m = JSON_EVENT_RE.exec(c);
  if (!m) return null;
  const type = m[1]!;
  let path = '';
  try {
    path = m[2] ? (JSON.parse(m[2]) as string) : '';
  } catch {
    return null;
  }
  if (type === 'summary' || !path) return { kind: 'other' };
  // begin and end frame a file's events: they stay with its hits, like a heading.
  if (type === 'begin' || type === 'end') return { kind: 'heading', path };
  const num = JSON_LINE_RE.exec(clip(line, 4000));
  // A JSON event is never cut: `at` past its end.
  return { kind: type === 'match' ? 'match' : 'context', path, num: num ? Number(num[1]) : -1, at: line.length };
}

/** A line's `path-N-` prefix, when its path is plausible. */
interface ContextPrefix {
  readonly path: string;
  readonly num: number;
  readonly at: number;
}

/**
 * `path-N-` at the start of a line: the first `-digits-` before any blank or
 * colon, after a letter (a timestamp is not a path). A scan, not a regex:
 * every line of a sample no other form reads gets here.
 */
function contextPrefix(line: string): ContextPrefix | null {
  const end = Math.min(line.length, PATH_MAX);
  let letter = false;
  for (let j = 0; j < end; j++) {
    const c = line.charCodeAt(j);
    if (c === 32 || c === 9 || c === 58 /* : */) return null;
    if (c !== 45 /* - */) {
      letter ||= (c | 32) >= 97 && (c | 32) <= 122;
      continue;
    }
    if (!letter) return null;
    const k = digitsEnd(line, j + 1);
    if (k > j + 1 && k - j <= 10 && line.charCodeAt(k) === 45) {
      const path = line.slice(0, j);
      return plausiblePath(path) && FILE_LIKE.test(path) ? { path, num: Number(line.slice(j + 1, k)), at: k + 1 } : null;
    }
  }
  return null;
}

/**
 * Context lines before the first hit that names their path (`git grep -W`
 * prints a whole function above it, more than a sample holds): a run of lines
 * with one `path-N-` prefix and consecutive numbers reads as context. Each
 * line's prefix is read once, when asked for.
 */
function contextRuns(lines: readonly string[]): (i: number) => ContextPrefix | null {
  const memo: Array<ContextPrefix | null | undefined> = [];
  const at = (i: number): ContextPrefix | null => {
    if (i < 0 || i >= lines.length) return null;
    let c = memo[i];
    if (c === undefined) c = memo[i] = contextPrefix(lines[i]!);
    return c;
  };
  const follows = (a: ContextPrefix | null, b: ContextPrefix | null) => !!a && !!b && a.path === b.path && b.num === a.num + 1;
  return (i) => {
    const c = at(i);
    return c && (follows(at(i - 1), c) || follows(c, at(i + 1))) ? c : null;
  };
}

const COUNT_RE = /^(\S{1,400}):(\d+)$/;
/** `12:34:56 ...` is a time of day, not a line number. */
const TIME_RE = /^\d{1,2}:\d\d(?::\d\d)?\b/;

/**
 * Classifies every line; `other` lines (blank, `Binary file ... matches`,
 * summaries) are kept as they are. Colours (`--color=always`) are read through.
 */
export function parseSearch(raw: readonly string[]): SearchLine[] {
  const lines = raw.some((l) => l.includes('\x1b')) ? raw.map(stripAnsi) : raw;
  if (lines.length && lines[0]!.startsWith('{"type":"')) return lines.map((l) => splitJsonEvent(l) ?? { kind: 'other' });
  const out: SearchLine[] = [];
  const matches = lines.map((l) => (l === '--' ? null : splitMatch(l)));
  const numbered = matches.some((m) => m !== null);
  // `path:3` is a count (-c) before it is a hit without -n whose text is a number.
  const plain = numbered ? [] : lines.map((l) => (l === '--' || COUNT_RE.test(clip(l, PATH_MAX + 24)) ? null : splitPlain(l)));
  const pathAt = (i: number) => matches[i]?.path ?? plain[i] ?? null;
  // Before-context (-B) precedes its file's first match, so it is recognised by the path of the next match.
  const nextPath: string[] = new Array<string>(lines.length);
  for (let i = lines.length - 1, p = ''; i >= 0; i--) {
    nextPath[i] = p;
    p = pathAt(i) ?? p;
  }
  // Without any `path:` hit, `N:text` lines are hits in the one file searched.
  const anonymous = !numbered && plain.every((p) => p === null);
  // Such a run opens the output (git grep -W's first function): other text never pays for looking.
  const runs = lines.length > 0 && contextPrefix(lines[0]!) !== null ? contextRuns(lines) : undefined;
  let current = '';
  let heading = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '--') {
      out.push({ kind: 'sep' });
      continue;
    }
    const p = pathAt(i);
    if (p !== null) {
      current = p;
      heading = false;
      const m = matches[i];
      out.push({ kind: 'match', path: p, num: m ? m.num : -1, at: m ? m.at : p.length + 1 });
      continue;
    }
    const ahead = nextPath[i]!;
    const before = ahead && ahead !== current ? splitContext(line, ahead) : null;
    if (before !== null) {
      current = ahead;
      out.push({ kind: 'context', path: ahead, ...before });
      continue;
    }
    const c = heading ? null : splitContext(line, current);
    if (c !== null) {
      out.push({ kind: 'context', path: current, ...c });
      continue;
    }
    const r = runs && current === '' && !ahead ? runs(i) : null;
    if (r) {
      current = r.path;
      out.push({ kind: 'context', ...r });
      continue;
    }
    const b = (heading || anonymous) && !TIME_RE.test(line) ? splitBare(line) : null;
    if (b) {
      out.push({ ...b, path: heading ? current : '' });
      continue;
    }
    const cm = COUNT_RE.exec(clip(line, PATH_MAX + 24));
    if (cm && plausiblePath(cm[1]!)) {
      out.push({ kind: 'count', path: cm[1]!, count: Number(cm[2]) });
      continue;
    }
    // A heading is a lone path followed by `N:` / `N-` lines.
    const next = lines[i + 1] ?? '';
    if (plausiblePath(line) && /^\d+[:-]/.test(next.slice(0, 24))) {
      current = line;
      heading = true;
      out.push({ kind: 'heading', path: line });
      continue;
    }
    if (line === '') heading = heading && /^\d+[:-]/.test(next.slice(0, 24));
    out.push({ kind: 'other' });
  }
  return out;
}
