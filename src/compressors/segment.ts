import { startsAsDiff } from './diff/index.js';
import type { ContentType } from './types.js';

// Splits a mixed payload (a markdown answer with fenced code, a command's log
// followed by a JSON dump, build output followed by a diff) into parts that are
// routed on their own. One linear pass over line starts; when nothing embedded
// is found the whole payload is one segment.

export interface Segment {
  /** A contiguous slice of the input; the segments concatenate to the input. */
  readonly text: string;
  /** 'verbatim' parts (fence lines) are never compressed. */
  readonly kind: 'auto' | 'verbatim' | 'typed';
  readonly type?: ContentType;
  readonly language?: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
/** A JSON block must be this many lines to be worth routing on its own. */
const MIN_JSON_LINES = 6;

const FENCE_LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'typescript', typescript: 'typescript', tsx: 'tsx', js: 'javascript', javascript: 'javascript', jsx: 'javascript',
  mjs: 'javascript', py: 'python', python: 'python', go: 'go', golang: 'go', rs: 'rust', rust: 'rust', java: 'java',
  cs: 'c-sharp', csharp: 'c-sharp', cpp: 'cpp', 'c++': 'cpp', c: 'cpp', rb: 'ruby', ruby: 'ruby', php: 'php',
  sh: 'bash', bash: 'bash', shell: 'bash', css: 'css',
};

const FENCE_TYPES: Readonly<Record<string, ContentType>> = {
  json: 'json', jsonl: 'json', diff: 'diff', patch: 'diff', html: 'html', xml: 'html', csv: 'table', log: 'log',
  text: 'prose', txt: 'prose', md: 'prose', markdown: 'prose', console: 'log',
};

interface Cut {
  start: number; // line index, inclusive
  end: number; // line index, exclusive
  kind: Segment['kind'];
  type?: ContentType;
  language?: string;
}

function fenceCuts(lines: readonly string[]): Cut[] {
  const cuts: Cut[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!.slice(0, 200));
    if (!open) continue;
    const marker = open[1]!;
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimStart().startsWith(marker)) j++;
    if (j >= lines.length) break; // an unclosed fence: leave the rest alone
    const info = open[2]!.toLowerCase();
    cuts.push({ start: i, end: i + 1, kind: 'verbatim' });
    if (j > i + 1) {
      const language = FENCE_LANGUAGES[info];
      const type = language ? 'code' : FENCE_TYPES[info];
      cuts.push(type ? { start: i + 1, end: j, kind: 'typed', type, ...(language ? { language } : {}) } : { start: i + 1, end: j, kind: 'auto' });
    }
    cuts.push({ start: j, end: j + 1, kind: 'verbatim' });
    i = j;
  }
  return cuts;
}

function isJsonOpen(line: string): boolean {
  return line === '{' || line === '[' || line.startsWith('{"') || line.startsWith('[{');
}

// A lone `{` also opens a block in C-family code (a brace on its own line):
// JSON's first member line is a quoted key, a JSON array's a value.
const JSON_OBJECT_BODY = /^\s*(?:"|\})/;
const JSON_ARRAY_BODY = /^\s*(?:[{["\]\d-]|true\b|false\b|null\b)/;

function looksLikeJsonBlock(open: string, next: string | undefined): boolean {
  if (open.length > 1) return true; // `{"...` or `[{...` already is JSON-shaped
  if (next === undefined) return false;
  return (open === '{' ? JSON_OBJECT_BODY : JSON_ARRAY_BODY).test(next.slice(0, 40));
}

/** Column-0 JSON blocks and a trailing `diff --git` section inside other text. */
function embeddedCuts(lines: readonly string[]): Cut[] {
  const cuts: Cut[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i > 0 && line.startsWith('diff --git ')) {
      cuts.push({ start: i, end: lines.length, kind: 'typed', type: 'diff' });
      break;
    }
    if (!isJsonOpen(line) || !looksLikeJsonBlock(line, lines[i + 1])) continue;
    const close = line[0] === '{' ? '}' : ']';
    let j = i + 1;
    while (j < lines.length && !(lines[j]![0] === close && lines[j]!.length <= 2)) j++;
    if (j >= lines.length) break; // no closing line anywhere below: stop, keeping the pass linear
    if (j + 1 - i >= MIN_JSON_LINES) {
      // Values one after another (`go list -json`, jq) are one stream: a block
      // that follows the last one across blank lines only extends it.
      const prev = cuts[cuts.length - 1];
      let k = prev ? prev.end : -1;
      while (prev && k < i && lines[k]!.trim() === '') k++;
      if (prev && prev.kind === 'auto' && k === i) prev.end = j + 1;
      else cuts.push({ start: i, end: j + 1, kind: 'auto' });
      i = j;
    }
  }
  // A single cut that covers everything is no split at all.
  if (cuts.length === 1 && cuts[0]!.start === 0 && cuts[0]!.end === lines.length) return [];
  return cuts;
}

const HEADING = /^#{1,6} \S/;

/** Markdown headings outside the fenced blocks. */
function markdownHeadings(lines: readonly string[], cuts: readonly Cut[]): number {
  let n = 0;
  let c = 0;
  for (let i = 0; i < lines.length && n < 2; i++) {
    while (c < cuts.length && cuts[c]!.end <= i) c++;
    if (c < cuts.length && cuts[c]!.start <= i && cuts[c]!.kind !== 'verbatim') continue;
    if (HEADING.test(lines[i]!)) n++;
  }
  return n;
}

/** Splits text into routable parts; returns one 'auto' segment when nothing is embedded. */
export function segment(text: string): Segment[] {
  // Line starts are all we look at, so cheap even on large inputs.
  const lines = text.split('\n');
  // A diff is one thing: its second file, or a fence inside a changed
  // README, is part of it, not a new payload.
  if (startsAsDiff(lines)) return [{ text, kind: 'auto' }];
  let cuts = fenceCuts(lines);
  // A Markdown document with its own headings is one document: its code
  // blocks are part of what it explains, kept with the prose around them.
  if (cuts.length > 0 && markdownHeadings(lines, cuts) >= 2) return [{ text, kind: 'auto' }];
  if (cuts.length === 0) cuts = embeddedCuts(lines);
  if (cuts.length === 0) return [{ text, kind: 'auto' }];

  const slice = (a: number, b: number) => lines.slice(a, b).join('\n') + (b < lines.length ? '\n' : '');
  const out: Segment[] = [];
  let at = 0;
  for (const c of cuts) {
    if (c.start > at) out.push({ text: slice(at, c.start), kind: 'auto' });
    out.push({ text: slice(c.start, c.end), kind: c.kind, ...(c.type ? { type: c.type } : {}), ...(c.language ? { language: c.language } : {}) });
    at = c.end;
  }
  if (at < lines.length) out.push({ text: slice(at, lines.length), kind: 'auto' });
  return out.filter((s) => s.text.length > 0);
}
