import { clip, indentOf } from '../lines.js';
import { isWrapperLine } from './anchors.js';

// The 'words' form: a compressor that removes words from inside lines (prose-ml)
// declares the input with words removed as its basis, and the guard checks
// that basis here before checking the output against it line by line. One
// definition of what may go serves the compressor, the guard and the training
// script (scripts/prose-ml/), so none of them can disagree:
// - the basis has the input's lines, one for one, in order;
// - a line that is not prose (code fence or inside one, heading, table row,
//   indented block, HTML, the agent's wrapping, a section's opening sentence)
//   is verbatim (error and warning lines are anchors in reports, not in documents:
//   anchors.ts);
// - a prose line keeps its indentation and its units in order, and only plain
//   words may go: identifiers, paths, numbers, inline code, negations, quoted
//   strings, markup and sentence ends always stay (`isMustKeep`).

/** One unit of a prose line: an inline code span, a quoted string, or a run of non-blanks. */
export interface Unit {
  readonly text: string;
  /** Offset in the line. */
  readonly start: number;
  /** Never removed, whatever a model says. */
  readonly mustKeep: boolean;
}

// Code spans and quoted strings are one unit each, spaces and all, and so is a
// run of non-blanks around a code span (reStructuredText's :ref:`a title <target>`_);
// anything else is a run of non-blanks.
const UNIT = /(?:[^\s`]*(?:``[^`\n]+``|`[^`\n]+`))+\S*|"[^"\n]{0,200}"|“[^”\n]{0,200}”|(?<![\w'’])'[^'\n]{1,200}'(?![\w])|\S+/g;
// A plain word: letters (an apostrophe inside: don't, it's), maybe a trailing comma.
const PLAIN = /^[A-Za-z][a-z]*(?:['’][a-z]{1,3})?,?$/;
// Words whose loss turns a statement around: negations, conditions, obligations.
const NEGATION = /^(?:not|no|never|none|nor|neither|nothing|nobody|nowhere|cannot|without|unless|except|only|if|until|whether|must|should|may|might)$|n['’]t$/i;
// Conjunctions whose sides are alternatives or a set: dropping one side changes what is said.
const COORDINATION = /^(?:and|or|nor|versus|vs\.?)$/i;
const SENTENCE_END = /[.!?:;]["')\]]*$/;
/** Longest line whose words may go: beyond it a line is data, not prose. */
const MAX_PROSE_LINE = 2000;

/** The units of a line, each marked must-keep or not. */
export function unitsOf(line: string): Unit[] {
  const units: Unit[] = [];
  let prevEnd = true; // the line starts a sentence, as does a unit after a sentence end
  for (const m of line.matchAll(UNIT)) {
    const text = m[0];
    units.push({ text, start: m.index, mustKeep: isMustKeep(text, prevEnd) });
    prevEnd = SENTENCE_END.test(text);
  }
  // A coordination keeps both sides: "even and odd sized clusters" must not
  // become "odd clusters". The conjunction and the words next to it stay.
  for (let i = 0; i < units.length; i++) {
    if (!COORDINATION.test(units[i]!.text)) continue;
    for (const j of [i - 1, i, i + 1]) {
      const u = units[j];
      if (u && !u.mustKeep) units[j] = { ...u, mustKeep: true };
    }
  }
  return units;
}

/**
 * True when a unit must stay: anything but a plain word (code, quotes, numbers,
 * paths, flags, markup, punctuation), a negation, condition or modal (not, if,
 * must, may...), a word that ends a sentence,
 * and a capitalised word inside a sentence (a name: Redis, Node, GitHub).
 */
export function isMustKeep(text: string, sentenceStart: boolean): boolean {
  if (!PLAIN.test(text)) return true;
  const word = text.endsWith(',') ? text.slice(0, -1) : text;
  if (NEGATION.test(word)) return true;
  if (/^[A-Z]/.test(word) && !sentenceStart) return true;
  return false;
}

/** What a line of a document is to prose-ml (documentRoles). */
export const LineRole = {
  /** Code, table, HTML, a short label, a blank: neither loses words nor opens a section. */
  Other: 0,
  /** Prose: plain words may go. */
  Prose: 1,
  /** A heading (and its underline): a reader skims these. */
  Title: 2,
  /** A section's opening sentence: the lines after a heading (or the text's start) up to its first sentence end. */
  Lead: 3,
  /** Inside a code fence, or the fence itself. */
  Fence: 4,
  /** An option, a declaration, a term with its text in a second column: an entry of a reference. */
  Term: 5,
  /** The opening sentence of a term's text. */
  TermLead: 6,
} as const;

/**
 * Which lines of a text may lose words: prose outside code fences, not a
 * heading (ATX or underlined), table row, indented block, HTML or the agent's
 * wrapping, and not a section's opening sentence (up to 3 lines after a
 * heading or at the start: a reader skims headings and the sentences under
 * them). One linear pass.
 */
export function proseLines(lines: readonly string[]): Uint8Array {
  return documentRoles(lines).map((r) => (r === LineRole.Prose ? 1 : 0));
}

/** Each line's role (LineRole), by the one pass proseLines is read from. */
export function documentRoles(lines: readonly string[]): Uint8Array {
  const role = new Uint8Array(lines.length);
  const markdown = lines.some((l) => MARKDOWN_MARK.test(l));
  let fence: string | null = null;
  let prevBlank = true;
  let lead = LEAD_LINES; // lines of a section's opening sentence still to keep whole (the text's own first too)
  let leadRole: number = LineRole.Lead;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trimStart();
    const f = /^(`{3,}|~{3,})/.exec(t);
    if (fence !== null) {
      role[i] = LineRole.Fence;
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && t.slice(f[1]!.length).trim() === '') fence = null;
    } else if (f) {
      fence = f[1]!;
      role[i] = LineRole.Fence;
    } else if (isTitle(lines, i, prevBlank, markdown)) {
      lead = LEAD_LINES;
      role[i] = isTerm(t) && !UNDERLINE.test(lines[i + 1] ?? '') ? LineRole.Term : LineRole.Title;
      leadRole = role[i] === LineRole.Term ? LineRole.TermLead : LineRole.Lead;
    } else if (i > 0 && role[i - 1] === LineRole.Title && UNDERLINE.test(t)) {
      role[i] = LineRole.Title;
    } else if (lead > 0 && t !== '' && !UNDERLINE.test(t) && (lead < LEAD_LINES || opensSection(line, markdown))) {
      lead = SENTENCE_DONE.test(t) ? 0 : lead - 1;
      role[i] = leadRole;
    } else if (lead === 0 || lead === LEAD_LINES) role[i] = isProseLine(line, prevBlank) ? LineRole.Prose : LineRole.Other;
    prevBlank = t === '';
  }
  return role;
}

const HEADING = /^#{1,6}\s/;
const UNDERLINE = /^\s{0,3}(?:=+|-+)\s*$/;
const SENTENCE_DONE = /[.!?:](?:\s|$)/;
const LEAD_LINES = 3;
// What opens a section or an item whose first sentence a reader looks for: a
// command-line option, a declaration (go doc, pydoc), a term in two columns.
const OPTION = /^-{1,2}[A-Za-z0-9?]/;
const DECLARATION = /^(?:func|def|class|fn|type|var|const|let|interface|struct|enum|module|package)\s/;
const COLUMNS = /\S {3,}\S/;
/** Lines of this many words or fewer keep every word. */
const SHORT_LINE_WORDS = 5;
/** Words a man page's or a plain-text heading has at most. */
const TITLE_WORDS = 8;

// The line a section's opening sentence starts on, as the wide corpus's prose
// rule reads it: in Markdown the first line of running text (not a list item,
// table, quote, HTML, directive or indented code); in plain text, whose lists
// and terms are its text, that or any line with a lower-case word in it.
const NOT_RUNNING_TEXT = /^\s*(?:[-*+]\s|\d+[.)]\s|[|<>#=~`]|!\[|\[!\[|\.\.\s|:\w+:)|^(?: {4}|\t)/;

function opensSection(line: string, markdown: boolean): boolean {
  return (!NOT_RUNNING_TEXT.test(line) && /[a-zA-Z]{3}/.test(line)) || (!markdown && /[a-z]{3}/.test(line));
}

/** What makes a text Markdown (an ATX heading, a code fence), as the wide corpus's prose rule reads it. */
const MARKDOWN_MARK = /^(?:#{1,6}\s+\S|```)/;
/** Longest line a plain-text heading or hanging item has, and a heading standing alone. */
const TITLE_CHARS = 80;
const ALONE_TITLE_CHARS = 60;

/**
 * In plain text, a line at the margin after a blank line opens a section when
 * indented text is right under it (a numbered item with a hanging indent, a
 * term), or when it is short, stands alone, does not end like a sentence and
 * text follows ("To make a text file, run pdftotext:", ".. note::").
 */
function isPlainTitle(lines: readonly string[], i: number): boolean {
  const line = lines[i]!;
  const next = lines[i + 1] ?? '';
  if (line.length <= TITLE_CHARS && /^\s+\S/.test(next)) return true;
  return line.length <= ALONE_TITLE_CHARS && next.trim() === '' && !/[.,;]\s*$/.test(line) && (lines[i + 2] ?? '').trim() !== '';
}

/**
 * A line that starts a section: a heading (Markdown, underlined, or a short
 * line standing alone above indented text or between blank lines, as man
 * pages, pod and plain text write them),
 * an option, a declaration, a term with its text in a second column. Plain
 * text (not Markdown) marks its structure by indentation and blank lines
 * instead: isPlainTitle.
 */
/** An option, a declaration or a term in two columns (trimmed line), not a heading. */
function isTerm(t: string): boolean {
  return !HEADING.test(t) && (OPTION.test(t) || DECLARATION.test(t) || COLUMNS.test(t));
}

function isTitle(lines: readonly string[], i: number, prevBlank: boolean, markdown: boolean): boolean {
  const line = lines[i]!;
  const t = line.trimStart();
  if (t === '' || UNDERLINE.test(t)) return false;
  if (HEADING.test(t) || UNDERLINE.test(lines[i + 1] ?? '') || isTerm(t)) return true;
  if (!markdown && prevBlank && t === line && isPlainTitle(lines, i)) return true;
  if (!prevBlank || /[.!?,;:]$/.test(t) || t.split(/\s+/).length > TITLE_WORDS) return false;
  let j = i + 1;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  if (j >= lines.length) return false;
  // Above indented text, or standing alone at the margin between blank lines, with text after.
  return indentOf(lines[j]!).length > indentOf(line).length || (j > i + 1 && indentOf(line) === '');
}

function isProseLine(line: string, prevBlank: boolean): boolean {
  if (line.length > MAX_PROSE_LINE || line.trim() === '') return false;
  // A line this short is a label, a term or a heading more often than a sentence, and would save little.
  if (line.trim().split(/\s+/).length <= SHORT_LINE_WORDS) return false;
  const indent = indentOf(line);
  // An indented block after a blank line is code in Markdown; a list item's continuation is not.
  if (indent.includes('\t') || (indent.length >= 4 && prevBlank)) return false;
  const t = line.slice(indent.length);
  if (/^(?:[|<>]|\[[^\]]+\]:|[-=*_]{3,}\s*$|\.\.\s|[-=~^"'`#*+]{4,}$)/.test(t)) return false;
  return !isWrapperLine(clip(line));
}

export interface WordsProblem {
  readonly line: number;
  readonly detail: string;
}

/**
 * Checks that `basis` is `input` with plain words removed from its prose lines
 * and nothing else changed; null when it is, else the first problem.
 */
export function checkWords(input: string, basis: string): WordsProblem | null {
  const inLines = input.split('\n');
  const outLines = basis.split('\n');
  if (inLines.length !== outLines.length) return { line: 0, detail: `basis has ${outLines.length} lines, input ${inLines.length}` };
  const prose = proseLines(inLines);
  for (let i = 0; i < inLines.length; i++) {
    const a = inLines[i]!;
    const b = outLines[i]!;
    if (a === b) continue;
    if (!prose[i]) return { line: i, detail: `line ${i + 1} is not prose and was changed` };
    const p = prunedProblem(a, b);
    if (p) return { line: i, detail: `line ${i + 1}: ${p}` };
  }
  return null;
}

/** True when `out` is `line` with plain words removed (the line's own rule; where a line may lose words at all is `proseLines`'). */
export function isPruningOf(line: string, out: string): boolean {
  return prunedProblem(line, out) === null;
}

/** Why `out` is not `line` with plain words removed, or null when it is. */
function prunedProblem(line: string, out: string): string | null {
  const indent = indentOf(line);
  if (!out.startsWith(indent) || indentOf(out) !== indent) return 'indentation changed';
  if (out.trim() === '') return 'every word removed';
  const kept = unitsOf(out).map((u) => u.text);
  let j = 0;
  for (const u of unitsOf(line)) {
    if (j < kept.length && kept[j] === u.text) j++;
    else if (u.mustKeep) return `must-keep ${JSON.stringify(u.text.slice(0, 40))} removed`;
  }
  return j === kept.length ? null : `${JSON.stringify(kept[j]!.slice(0, 40))} is not a word of the line in order`;
}

/** A prose line with the units at `drop` (indices into unitsOf(line)) removed: indentation and the spacing before each kept unit stay. */
export function pruneLine(line: string, units: readonly Unit[], drop: ReadonlySet<number>): string {
  if (drop.size === 0) return line;
  let out = indentOf(line);
  let first = true;
  for (let k = 0; k < units.length; k++) {
    if (drop.has(k)) continue;
    const u = units[k]!;
    if (!first) {
      const prevEnd = units[k - 1]!.start + units[k - 1]!.text.length;
      out += drop.has(k - 1) ? ' ' : line.slice(prevEnd, u.start);
    }
    out += u.text;
    first = false;
  }
  return out;
}
