import { clip } from '../lines.js';
import type { Probe } from '../types.js';
import { SHEBANG } from './detect.js';

// How code-shaped an input is, for the router: declarations, statements and
// code-like line endings against the signatures of other kinds (grep hits,
// log prefixes, diffs, commit lists, side-by-side diffs). Comments and
// docstrings are neutral; when a licence header or module doc fills the
// probe, one more bounded window after it is read.

/** Lines that open a declaration or import in some language. */
// `interface` must be followed by code (`{`, `extends`, `:`, a type parameter
// list or the end of the line): a sentence may start "interface to ...".
const DECLARATION = new RegExp(
  [
    String.raw`export\s|import\s|from\s+[\w.]+\s+import\s|package\s+[\w.]+|use\s+[\w:{\\]|using\s+[\w.]+;|namespace\s|module\s`,
    String.raw`(?:pub(?:\([\w\s]+\))?\s+)?(?:async\s+|unsafe\s+|const\s+)?(?:fn|struct|enum|impl|trait|mod|type|macro_rules!)\b`,
    String.raw`(?:async\s+)?def\s+\w+\s*\(|class\s+\w+|func\s|function\b|interface\s+[\w$]+(?:\s*<[^>]*>)?\s*(?:\{|extends\b|:|$)`,
    String.raw`(?:public|private|protected|internal|static|abstract|final|sealed|override|readonly)\s+\w+|(?:const|let|var)\s+[\w{[]`,
    String.raw`require(?:_relative)?\s*\(?\s*["']|(?:include|extend)\s+[A-Z]|attr_(?:reader|writer|accessor)\s|local\s+(?:function\s+)?\w|sub\s+\w+\s*\{?$|my\s+[$@%(]|@\w+|#\[`,
    // C preprocessor and C declarations (headers are mostly these).
    String.raw`#\s*(?:include|define|undef|ifn?def|if|elif|else|endif|pragma)\b|extern\s+(?:"C"|[\w*])|typedef\s|\{-#\s*[A-Z]+\s`,
    // Kotlin, Scala, Swift, Dart, Julia, Elixir: their own declaration words.
    String.raw`(?:(?:data|sealed|open|abstract|enum|annotation|inner|value|case)\s+)+class\s|fun\s+[\w<.]|(?:companion\s+)?object\s+\w|val\s+\w+\s*[:=]|def\s+[\w.?!]+[\s\[:=(]`,
    String.raw`(?:extension|protocol|mixin)\s+[A-Z]\w*|init\s*[(<]|factory\s+[A-Z]|mutable\s+struct\s|abstract\s+type\s|macro\s+\w+\s*\(|using\s+[A-Z][\w.]*(?:\s*[:,]|$)`,
    String.raw`def(?:p|macrop?|module|impl|protocol|struct|delegate|guardp?|exception)\s+[\w.:%]`,
    // Erlang: attributes and clause heads.
    String.raw`-(?:module|export|import|record|define|spec|type|opaque|callback|include(?:_lib)?|behaviou?r|ifn?def|endif|compile|dialyzer)\s*\(|[a-z]\w*\(.*\)\s*(?:when\s.*)?->$`,
    // Haskell and OCaml: type signatures, data types, instances, values.
    String.raw`[a-z_]\w*'?\s*::\s|(?:data|newtype)\s+[A-Z]\w*(?:\s+[a-z]\w*)*\s*(?:=|where\b|$)|instance\s+(?:\(.*\)\s*=>\s*)?[A-Z]|val\s+[\w(]+\s*:|open\s+[A-Z]\w*$|exception\s+[A-Z]|external\s+\w`,
    // R functions and shell functions.
    String.raw`[\w.]+\s*<-\s|(?:function\s+)?[\w:.-]+\s*\(\)\s*\{?$`,
  ]
    .map((alt) => `(?:${alt})`)
    .join('|')
    .replace(/^/, '^(?:')
    .concat(')'),
);

/** Lines shaped like statements or block structure. */
const STATEMENT = /^(?:end\b[)\].,;]*$|[\w.$@]+(?:\[[^\]]*\])?\s*(?:[-+*\/.|&]|\|\||&&|\?\?)?=\s*[^=\s]|[\w.!]+\([^()]*\)\s*(?:where\s.*)?=\s*[^=\s\d-]|\|\s*[\w"'{(`]|,\s*\S|return\b|if\s*\(|if\s+\S.*:$|for\s*\(|for\s+\S.*(?::|\{)$|while\s*[(\s]|else\b|elif\s|try\s*[:{]|except\b|catch\s*\(|switch\s*\(|case\s.*:$|throw\s|raise\s|yield\b|await\s|defer\s|go\s+\w|match\s|self\.|this\.|[}\])][}\]);,]*$)/;

/** Line endings typical of code: `{`, `;`, `:` after a header, `,` inside literals, `=>`. */
const CODE_END = /(?:[{;(\[,:]|=>|->|\bdo(?:\s*\|[^|]*\|)?|\bthen)$/;

/** Members and list items: `Name string`, `name?: Type;`, `"path",`, Julia's `name::Type` (indented lines only). */
const MEMBER = /^(?:\w+\??:?\s+[\w.*[\]<>|&]+[;,]?|(?:\w+\s+)?"[^"]*",?|\w+::[\w{}.,\s]+)$/;
/** A sentence: capitalised word, then at least five more words. */
const PROSE = /^[A-Z][a-z]+(?:\s+\S+){5,}$/;

/** Signatures of other content kinds that carry code-like lines. */
const GREP_HIT = /^[\w./\\-]+:\d+[:-]/;
/** `grep -r` without line numbers: `dir/file.ext:matched text`. */
const GREP_FILE = /^(?:\.{0,2}\/)?[\w.@-]+(?:\/[\w.@-]+)+:(?![\d/])/;
// `--- `/`+++ ` only before a path (then a tab or the end): Lua's `--- doc` comments are not diffs.
const DIFF_LINE = /^(?:@@ |diff --git |(?:\+\+\+|---) \S+(?:\t|$)|index [0-9a-f]+\.\.)/;
/** Test-runner banners (`==== FAILURES ====`, `____ test_x ____`) and pytest's `E   ` / `>   ` lines. */
const RUNNER_BANNER = /^(?:={3,}|_{3,}|-{3,}) \S.* (?:={3,}|_{3,}|-{3,})$/;
const RUNNER_LINE = /^(?:E {2,}|> {3,}|\.+[sFExX.]*\s+\[\s*\d+%\]$)/;
/** `git log --oneline [--graph]` and range-diff lines: a commit hash, then its subject. */
const HASH_LED = /^[*|\\/ ]{0,12}(?:\d+:\s+)?[0-9a-f]{7,40} (?:[=!<>] )?\S/;
/** Compiler code frames (`> 2 | import ...`) and JavaScript stack frames: a build or test report quoting code. */
const REPORT_LINE = /^\s*>?\s*\d+ \| |^\s+at (?:\S+ \(|\/|file:|node:)/;
/** Markdown: list items that are links, HTML anchors of headings, table rows (`| a | b |`, `|---|---|`). */
const MARKDOWN = /^\s*(?:[*+-]|\d+\.) \[[^\]]*\]\(|^<a (?:id|name)=|^\s*\|.*\|\s*$/;
/** What a MARKDOWN line opens with, after any indent: a cheap test before the full one. */
const MARKDOWN_LEAD = /^\s*[-*+\d<|]/;
const LOG_PREFIX = /^(?:\[?\d{4}-\d{2}-\d{2}[T ]\d|\[?\d{2}:\d{2}:\d{2}|\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE)\b)/;

/** `diff -y` output of source: the same line in two columns, or one column behind a change gutter. */
function isSideBySide(line: string): boolean {
  const tab = line.indexOf('\t');
  if (tab <= 0 && !/^\t+ *[<>|]\t/.test(line)) return false;
  if (/[\t ][|<>](?:\t|$)/.test(line)) return true;
  const left = line.slice(0, tab).trim();
  const right = line.slice(tab).trim();
  return left.length >= 8 && right.startsWith(left.slice(0, Math.min(left.length, 40)));
}

/** Comment lines: neutral evidence, except that a head made of C-style comments is source. */
const COMMENT_LINE = /^(?:\/\/|\/\*|\*|#(?:\s|$|')|--(?:\s|-*$)|\(\*|\{-(?!#))/;
const C_COMMENT = /^(?:\/\/|\/\*|\*)/;
/** A comment after code on the same line (`--`, `//`, `#`), after at least one space. */
const TRAILING_COMMENT = /\s+(?:--|\/\/|#)\s.*$/;

/** A second window read past a comment-only head, at most this long. */
const MORE_BYTES = 8 * 1024;
const MORE_LINES = 64;
/** At most this many such windows. */
const MORE_WINDOWS = 8;

/** Evidence gathered over lines, with the state of open block comments and docstrings. */
class Evidence {
  nonBlank = 0;
  comments = 0;
  cComments = 0;
  decl = 0;
  shaped = 0;
  indented = 0;
  foreign = 0;
  diff = 0;
  fences = 0;
  prose = 0;
  markdown = 0;
  banner = false;
  /** Inside `/* ... *\/` or a `"""` / `'''` docstring: the closing token. */
  private open = '';

  add(raw: string): void {
    const line = clip(raw, 300);
    const t = line.trim();
    if (t === '') return;
    this.nonBlank++;
    if (this.open) {
      this.comments++;
      if (this.open === '*/') this.cComments++;
      if (t.includes(this.open)) this.open = '';
      return;
    }
    if (RUNNER_BANNER.test(t)) this.banner = true;
    // Markdown lines (also table rows, below) open with one of these after any indent.
    const table = MARKDOWN_LEAD.test(line) && MARKDOWN.test(line);
    if (table) this.markdown++;
    if (GREP_HIT.test(line) || GREP_FILE.test(line) || LOG_PREFIX.test(line) || HASH_LED.test(line) || REPORT_LINE.test(line) || isSideBySide(line)) this.foreign++;
    else if (RUNNER_LINE.test(line)) this.foreign += 3;
    if (DIFF_LINE.test(line)) this.diff++;
    if (t.startsWith('```')) this.fences++;
    if (t.startsWith('/*') && !t.includes('*/', 2)) this.open = '*/';
    else if (t.startsWith('--[[') && !t.includes(']]', 4)) this.open = ']]';
    else if (t.startsWith('(*') && !t.includes('*)', 2)) this.open = '*)';
    else if (t.startsWith('{-') && !t.startsWith('{-#') && !t.includes('-}', 2)) this.open = '-}';
    // Perl's POD runs from a command paragraph (=head1, =pod, =item...) to =cut.
    else if (t.charCodeAt(0) === 61 && /^=(?:pod|head\d|over|item|begin|for|encoding|back)\b/.test(t)) this.open = '=cut';
    const quote = /^(?:[rRbBuU]?)("""|''')/.exec(t);
    if (quote && !t.includes(quote[1]!, quote[0].length)) this.open = quote[1]!;
    if (this.open || COMMENT_LINE.test(t)) {
      this.comments++;
      if (C_COMMENT.test(t)) this.cComments++;
      return;
    }
    const isIndented = line.startsWith('\t') || line.startsWith('  ');
    // A trailing comment hides the line's code ending: `depth = 50, -- max depth`.
    const code = TRAILING_COMMENT.test(t) ? t.replace(TRAILING_COMMENT, '') : t;
    if (isIndented) this.indented++;
    if (PROSE.test(t)) this.prose++;
    // A Markdown table row is not a shell pipe continuing a command.
    if (table) return;
    if (DECLARATION.test(code)) {
      this.decl++;
      this.shaped++;
    } else if (STATEMENT.test(code) || CODE_END.test(code) || (isIndented && MEMBER.test(code))) this.shaped++;
    // A heredoc opened at the end of a line (Elixir's `@doc """`, `x = """`): its text is documentation.
    const end = t.charCodeAt(t.length - 1);
    const heredoc = end === 34 || end === 39 ? /("""|''')$/.exec(t) : null;
    if (heredoc && t.split(heredoc[1]!).length % 2 === 0) this.open = heredoc[1]!;
  }

  get codeLines(): number {
    return this.nonBlank - this.comments;
  }
}

/** The lines after the probe's head, bounded: where code starts below a long header. */
function moreLines(probe: Probe, from: number): { lines: string[]; next: number } {
  if (from >= probe.text.length) return { lines: [], next: from };
  const window = probe.text.slice(from, from + MORE_BYTES);
  const lines = window.split('\n', MORE_LINES + 1);
  // The rest of a line cut by the window's start, unless it starts a line.
  const cut = from > 0 && probe.text[from - 1] !== '\n' ? (lines.shift() ?? '') : undefined;
  const kept = lines.slice(0, MORE_LINES);
  let next = cut === undefined ? from : from + cut.length + 1;
  for (const l of kept) next += l.length + 1;
  return { lines: kept, next: Math.min(next, from + window.length) };
}

/** A script's first line (a shebang, `<?php`) says what it is. */
const SCRIPT_SCORE = 0.9;
/** Code recognised by the shape of its lines scores no higher. */
const SHAPED_MAX = 0.85;
/** The most `scoreCode` gives. */
export const MAX_CODE_SCORE = Math.max(SCRIPT_SCORE, SHAPED_MAX);

/** Routing score for source code; negative for diffs, grep hits, JSON and markup. */
export function scoreCode(probe: Probe): number {
  if (probe.lines.length === 0) return -1;
  const firstLine = probe.lines.find((l) => l.trim() !== '') ?? '';
  if (SHEBANG.test(firstLine) || /^<\?php\b/.test(firstLine)) return SCRIPT_SCORE;
  const first = probe.firstChar;
  // JSON and markup open so; Haskell opens with `{-# LANGUAGE ... #-}` pragmas or `{- ... -}` comments.
  if ((first === '{' && !firstLine.trimStart().startsWith('{-')) || first === '[' || first === '<') return -1;

  const ev = new Evidence();
  // What declines below (a runner's banner, diff lines, over a fifth of the lines
  // foreign) only grows line by line: once it shows, the rest need not be read.
  // No more windows are read then either: that needs foreign lines under a fifth.
  const foreignCap = probe.lines.length * 0.2;
  for (const raw of probe.lines) {
    ev.add(raw);
    if (ev.banner || ev.diff >= 2 || ev.foreign > foreignCap) return -1;
  }
  // A licence header or module doc can fill the probe: read on, once, when it did.
  const docHead = ev.comments * 2 >= ev.nonBlank && ev.foreign <= ev.nonBlank * 0.2;
  if (docHead && (ev.codeLines < 12 || ev.indented === 0)) {
    // Licence headers and module docs (rdoc, POD, JSDoc) can run for pages:
    // read on in bounded windows until code shows.
    for (let w = 0, from = probe.linesEnd; w < MORE_WINDOWS && ev.codeLines < 12; w++) {
      const more = moreLines(probe, from);
      for (const raw of more.lines) ev.add(raw);
      if (more.next <= from) break;
      from = more.next;
    }
  }
  if (ev.banner) return -1;
  if (ev.diff >= 2 || ev.foreign > ev.nonBlank * 0.2) return -1;
  const codeLines = ev.codeLines;
  if (codeLines < 3) return ev.cComments >= 5 && ev.cComments >= ev.nonBlank * 0.8 ? 0.5 : 0;
  const ratio = ev.shaped / codeLines;
  // Without declarations and code-shaped lines there is no evidence of code: no claim.
  if (ev.decl < 2 || ratio < 0.35) return ev.decl + ev.shaped >= 3 && ratio >= 0.35 ? 0.15 : 0;
  // Real files have nested structure: some indentation, not only declarations.
  const structure = ev.indented > 0 ? 1 : 0.7;
  const score = Math.min(SHAPED_MAX, (0.45 + 0.45 * Math.min(1, ratio)) * structure);
  // Markdown: link lists and heading anchors are a document's (its fenced code is split off and routed on its own).
  if (ev.markdown >= 3) return Math.min(score, 0.15);
  // Markdown with code blocks: fences plus sentences.
  return ev.fences >= 2 && ev.prose >= codeLines * 0.3 ? Math.min(score, 0.3) : score;
}
