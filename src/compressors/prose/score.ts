import { clip } from '../lines.js';
import type { Probe } from '../types.js';

// How much an input reads as a document: Markdown (headings, lists), man
// pages and pydoc (capitalised headings), --help output (option lines), or
// wrapped sentences. Prose is the fallback, so this never declines; it stays
// below what the specific formats score on their own output, but above the
// floor other scorers give text that merely is not theirs.

const MD_HEADING = /^#{1,6} \S/;
const LIST = /^\s{0,8}(?:[-*+•]|\d{1,3}[.)]) [A-Za-z`*_["'(]/;
const OPTION = /^\s{0,8}-{1,2}[A-Za-z0-9?]/;
const CAPS_HEADING = /^[A-Z][A-Z0-9 ,&/()-]{2,40}$/;
const UNDERLINE = /^(?:={3,}|-{3,})$/;
const CODE_START = /^\s*(?:import|export|const|let|var|def|fn|func|return|if|for|while|class|public|private)\b/;

/** A line of code: it ends as statements and blocks do, or opens with a keyword and ends as one. */
function isCodeLine(t: string): boolean {
  const last = t.charCodeAt(t.length - 1);
  if (last === 59 || last === 123 || last === 125) return true; // ; { }
  if (t.includes('=>') || t.includes(') {')) return true;
  return (last === 40 || last === 61 || last === 58) && CODE_START.test(t); // ( = :
}
const MAX_SCORE = 0.38;

/** Lines looked at: forty show what a text is as well as sixty. */
const SHARE_LINES = 40;
/** First characters of list items and options. */
const LIST_START = '-*+•';
/** Characters of a line enough to tell a sentence: scoring runs on every payload. */
const WORDY_CHARS = 80;

/** Four words or more, almost only letters and spaces: a line of a sentence. */
function isWordy(line: string): boolean {
  const t = clip(line, WORDY_CHARS);
  let letters = 0;
  let spaces = 0;
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k) | 32;
    if (c >= 97 && c <= 122) letters++;
    else if (c === 32) spaces++;
  }
  return spaces >= 3 && letters + spaces >= t.length * 0.8;
}

/**
 * How much of a text reads as a document, 0..1: heading lines count double,
 * lines of sentences once, list and option lines half; code lines count
 * against it.
 */
/** The share (documentShare) from which lines read as a document rather than tool output. */
export const DOCUMENT_SHARE = 0.5;

export function documentShare(lines: readonly string[]): number {
  let nonBlank = 0;
  let evidence = 0;
  let codeish = 0;
  let prev = '';
  // Scoring runs on every payload: cheap character tests pick the one pattern worth running.
  for (let i = 0; i < lines.length && i < SHARE_LINES; i++) {
    const l = lines[i]!;
    const t = l.trim();
    const above = prev;
    prev = t;
    if (!t) continue;
    nonBlank++;
    const c = t[0]!;
    let heading = false;
    if (c === '#') heading = MD_HEADING.test(t);
    else if (c === '=' || c === '-') {
      // An underline heads the line above it (setext); a rule under a blank or a short label is a separator.
      heading = UNDERLINE.test(t) && above.length > 0 && !UNDERLINE.test(above) && Math.abs(t.length - above.length) <= 3;
    } else if (t.length <= 42 && c >= 'A' && c <= 'Z') heading = CAPS_HEADING.test(t);
    if (heading) evidence += 2;
    else if (isWordy(t)) evidence += 1;
    else if (LIST_START.includes(c) || (c >= '0' && c <= '9')) evidence += LIST.test(l) || OPTION.test(l) ? 0.5 : 0;
    if (isCodeLine(t)) codeish++;
  }
  if (nonBlank === 0) return 0;
  // Prose is the fallback: it never claims certainty (the router stops at 0.95).
  return Math.max(0, Math.min(0.9, evidence / nonBlank - codeish / nonBlank));
}

/** What source files open with: a comment block, a shebang, a docstring. */
const SOURCE_OPENING = /^(?:\/\/|\/\*|#!|"""|''')/;
/** Score at most for text that opens as source code does (its prose is a comment). */
const SOURCE_SCORE = 0.1;

/** A file that opens with a comment block: `// ...`, `/*`, `#!`, a docstring, or two `# ` lines running (not Markdown headings). */
function opensAsSource(lines: readonly string[]): boolean {
  const first = lines.findIndex((l) => l.trim().length > 0);
  if (first < 0) return false;
  const a = lines[first]!.trimStart();
  if (SOURCE_OPENING.test(a)) return true;
  const b = lines[first + 1] ?? '';
  return a.startsWith('# ') && b.startsWith('# ');
}

/** Scores of probes already read: prose-ml and prose-structure both ask for the same probe's. */
const scored = new WeakMap<Probe, number>();

/**
 * `toBeat`: the best score so far in the router. Prose never scores above
 * MAX_SCORE, so past that the lines are not read (scoring runs on every payload).
 */
export function proseScore(p: Probe, toBeat = 0): number {
  if (toBeat >= MAX_SCORE) return 0.01;
  let score = scored.get(p);
  if (score === undefined) {
    score = Math.max(0.01, Math.min(MAX_SCORE, 0.03 + documentShare(p.lines) * MAX_SCORE));
    if (opensAsSource(p.lines)) score = Math.min(score, SOURCE_SCORE);
    scored.set(p, score);
  }
  return score;
}
