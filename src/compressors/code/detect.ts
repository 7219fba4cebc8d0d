import { clip } from '../lines.js';
import type { Probe } from '../types.js';

// Cheap content checks for source code: how code-shaped a probe is (for the
// router) and which language it is (when no file name gave a hint). Both read
// only the probe's bounded head, one anchored regex per line.

const SHEBANG = /^#!\s*\S*?(?:\/env\s+)?(python3?|node|deno|bun|bash|sh|zsh|ruby|php)\b/;

/** Lines that open a declaration or import in some language. */
const DECLARATION =
  /^(?:export\s|import\s|from\s+[\w.]+\s+import\s|package\s+[\w.]+|use\s+[\w:{]|#include\s|using\s+[\w.]+;|namespace\s|module\s|(?:pub(?:\([\w\s]+\))?\s+)?(?:async\s+|unsafe\s+|const\s+)?(?:fn|struct|enum|impl|trait|mod|type|macro_rules!)\b|(?:async\s+)?def\s+\w+\s*\(|class\s+\w+|func\s|function\b|interface\s+\w+|(?:public|private|protected|internal|static|abstract|final|sealed|override|readonly)\s+\w+|(?:const|let|var)\s+[\w{[]|@\w+|#\[)/;

/** Lines shaped like statements or block structure. */
const STATEMENT = /^(?:return\b|if\s*\(|if\s+\S.*:$|for\s*\(|for\s+\S.*(?::|\{)$|while\s*[(\s]|else\b|elif\s|try\s*[:{]|except\b|catch\s*\(|switch\s*\(|case\s.*:$|throw\s|raise\s|yield\b|await\s|defer\s|go\s+\w|match\s|self\.|this\.|[}\])][}\]);,]*$)/;

/** Line endings typical of code: `{`, `;`, `:` after a header, `,` inside literals, `=>`. */
const CODE_END = /(?:[{;(\[,:]|=>)$/;

/** Members and list items: `Name string`, `name?: Type;`, `"path",` (indented lines only). */
const MEMBER = /^(?:\w+\??:?\s+[\w.*[\]<>|&]+[;,]?|(?:\w+\s+)?"[^"]*",?)$/;
/** A sentence: capitalised word, then at least five more words. */
const PROSE = /^[A-Z][a-z]+(?:\s+\S+){5,}$/;

/** Signatures of other content kinds that carry code-like lines. */
const GREP_HIT = /^[\w./\\-]+:\d+[:-]/;
const DIFF_LINE = /^(?:@@ |diff --git |\+\+\+ |--- |index [0-9a-f]+\.\.)/;
/** Test-runner banners (`==== FAILURES ====`, `____ test_x ____`) and pytest's `E   ` / `>   ` lines. */
const RUNNER_BANNER = /^(?:={3,}|_{3,}|-{3,}) \S.* (?:={3,}|_{3,}|-{3,})$/;
const RUNNER_LINE = /^(?:E {2,}|> {3,}|\.+[sFExX.]*\s+\[\s*\d+%\]$)/;
const LOG_PREFIX = /^(?:\[?\d{4}-\d{2}-\d{2}[T ]\d|\[?\d{2}:\d{2}:\d{2}|\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE)\b)/;

/** Comment lines: neutral evidence, except that a head made of C-style comments is source. */
const COMMENT_LINE = /^(?:\/\/|\/\*|\*|#(?:\s|$)|--\s)/;
const C_COMMENT = /^(?:\/\/|\/\*|\*)/;

/** Routing score for source code; negative for diffs, grep hits, JSON and markup. */
export function scoreCode(probe: Probe): number {
  const first = probe.firstChar;
  if (first === '{' || first === '[' || first === '<') return -1;
  if (probe.lines.length === 0) return -1;
  const firstLine = probe.lines.find((l) => l.trim() !== '') ?? '';
  if (SHEBANG.test(firstLine) || /^<\?php\b/.test(firstLine)) return 0.9;

  let nonBlank = 0;
  let comments = 0;
  let cComments = 0;
  let decl = 0;
  let shaped = 0;
  let indented = 0;
  let foreign = 0;
  let diff = 0;
  let fences = 0;
  let prose = 0;
  for (const raw of probe.lines) {
    const line = clip(raw, 300);
    const t = line.trim();
    if (t === '') continue;
    nonBlank++;
    if (RUNNER_BANNER.test(t)) return -1;
    if (GREP_HIT.test(line) || LOG_PREFIX.test(line)) foreign++;
    else if (RUNNER_LINE.test(line)) foreign += 3;
    if (DIFF_LINE.test(line)) diff++;
    if (t.startsWith('```')) fences++;
    if (COMMENT_LINE.test(t)) {
      comments++;
      if (C_COMMENT.test(t)) cComments++;
      continue;
    }
    const isIndented = line.startsWith('\t') || line.startsWith('  ');
    if (isIndented) indented++;
    if (PROSE.test(t)) prose++;
    if (DECLARATION.test(t)) {
      decl++;
      shaped++;
    } else if (STATEMENT.test(t) || CODE_END.test(t) || (isIndented && MEMBER.test(t))) shaped++;
  }
  if (diff >= 2 || foreign > nonBlank * 0.2) return -1;
  const codeLines = nonBlank - comments;
  if (codeLines < 3) return cComments >= 5 && cComments >= nonBlank * 0.8 ? 0.5 : 0;
  const ratio = shaped / codeLines;
  if (decl < 2 || ratio < 0.35) return decl + shaped >= 3 ? 0.15 : 0.05;
  // Real files have nested structure: some indentation, not only declarations.
  const structure = indented > 0 ? 1 : 0.7;
  const score = Math.min(0.85, (0.45 + 0.45 * Math.min(1, ratio)) * structure);
  // Markdown with code blocks: fences plus sentences.
  return fences >= 2 && prose >= codeLines * 0.3 ? Math.min(score, 0.3) : score;
}

/** Code lines (comments aside) that language detection reads. */
const DETECT_LINES = 300;
const DETECT_BYTES = 64 * 1024;

interface LanguageRule {
  readonly language: string;
  readonly pattern: RegExp;
  readonly weight: number;
}

/** Line patterns that point at one language; weights favour unambiguous ones. */
const RULES: readonly LanguageRule[] = [
  { language: 'go', pattern: /^package\s+\w+\s*$/, weight: 6 },
  { language: 'go', pattern: /^func\s+(?:\(\w+\s+\*?\w+(?:\[[^\]]*\])?\)\s*)?\w+/, weight: 3 },
  { language: 'go', pattern: /^type\s+\w+(?:\[[^\]]*\])?\s+(?:struct|interface|func)\b/, weight: 4 },
  { language: 'go', pattern: /^(?:import|var|const)\s*\($|:=|^(?:if|for)\s[^(]*\{$/, weight: 1 },
  { language: 'rust', pattern: /^(?:pub(?:\([\w\s:]+\))?\s+)?(?:async\s+|unsafe\s+|const\s+)?(?:fn|impl|trait|mod)\b/, weight: 3 },
  { language: 'rust', pattern: /^(?:use\s+\w+::|#!?\[|let\s+mut\s|macro_rules!|extern\s+crate)/, weight: 2 },
  { language: 'python', pattern: /^(?:async\s+)?def\s+\w+\s*\(.*:$|^class\s+\w+(?:\(.*\))?:$/, weight: 3 },
  { language: 'python', pattern: /^(?:from\s+[\w.]+\s+import\s|import\s+[\w.]+(?:\s+as\s+\w+)?$|if\s+__name__\s*==|elif\s|except\b.*:$|self\.\w+\s*=)/, weight: 2 },
  { language: 'python', pattern: /^(?:"""|''')/, weight: 1 },
  { language: 'java', pattern: /^package\s+[\w.]+;$|^import\s+(?:static\s+)?[\w.]+(?:\.\*)?;$/, weight: 4 },
  { language: 'java', pattern: /^(?:public|protected|private)\s+(?:static\s+|final\s+|abstract\s+|sealed\s+|synchronized\s+)*(?:class|interface|enum|record)\s/, weight: 2 },
  { language: 'java', pattern: /^(?:public|protected|private)\s.*\)\s*(?:throws\s.*)?\{$/, weight: 1 },
  { language: 'java', pattern: /^@(?:Override|Deprecated|SuppressWarnings|FunctionalInterface)\b/, weight: 2 },
  { language: 'csharp', pattern: /^using\s+System[\w.]*;$|^namespace\s+[\w.]+\s*[{;]?$|\{\s*get;/, weight: 4 },
  { language: 'cpp', pattern: /^#(?:include|define|ifndef|pragma)\b|\bstd::|^template\s*</, weight: 4 },
  { language: 'php', pattern: /^<\?php|^namespace\s+[\w\\]+;$/, weight: 4 },
  { language: 'php', pattern: /^\$\w+\s*=|^(?:public|private|protected)\s+function\s/, weight: 1 },
  { language: 'ruby', pattern: /^(?:require\s+['"]|module\s+[A-Z]\w*$|def\s+\w+[?!]?(?:\(.*\))?$|end$|attr_(?:reader|accessor)\s)/, weight: 2 },
  { language: 'typescript', pattern: /^(?:export\s+)?(?:declare\s+)?(?:interface|enum|namespace|abstract\s+class)\s+\w+|^(?:export\s+)?type\s+\w+.*=|^import\s+type\s/, weight: 3 },
  { language: 'typescript', pattern: /\w\??:\s*(?:string|number|boolean|unknown|void|any|never|Promise<|Record<|readonly\s)|\bas\s+const\b|<[A-Z]\w*(?:\s+extends\s|>\()|^(?:private|public|protected|readonly)\s+\w+/, weight: 1 },
  { language: 'javascript', pattern: /^(?:export\s+(?:default\s+)?)?(?:async\s+)?function\b|^(?:const|let|var)\s+[\w{[].*=|^import\s.*\sfrom\s+['"]|require\(['"]|module\.exports|=>\s*\{?$/, weight: 2 },
  { language: 'bash', pattern: /^(?:fi|done|esac|then|do)$|^(?:if|while)\s+\[|^\w+\(\)\s*\{$|^(?:echo|export|set\s+-)\s/, weight: 2 },
  { language: 'css', pattern: /^[.#@]?[\w-][^{};()=]*\{$|^[\w-]+:\s[^;]*;$/, weight: 1 },
];

const SHEBANG_LANGUAGE: Readonly<Record<string, string>> = {
  python: 'python',
  python3: 'python',
  node: 'javascript',
  deno: 'typescript',
  bun: 'typescript',
  bash: 'bash',
  sh: 'bash',
  zsh: 'bash',
  ruby: 'ruby',
  php: 'php',
};

/**
 * The most likely language of a source text, from its first lines, or
 * undefined when nothing points anywhere. TypeScript wins over JavaScript only
 * on type-level evidence, since plain JavaScript parses as TypeScript anyway.
 */
export function detectLanguage(text: string): string | undefined {
  // Deeper than the router's probe: licence headers and crate docs can fill it.
  const head = text.length > DETECT_BYTES ? text.slice(0, DETECT_BYTES) : text;
  const lines = head.split('\n', DETECT_LINES * 4);
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const bang = SHEBANG.exec(clip(first, 200));
  if (bang?.[1]) return SHEBANG_LANGUAGE[bang[1]];
  const votes = languageVotes(lines);
  let best: string | undefined;
  let bestVotes = 2;
  for (const [language, n] of votes) {
    if (n > bestVotes) {
      best = language;
      bestVotes = n;
    }
  }
  return best;
}

/** Evidence per language, summed over lines (exported for tests). */
export function languageVotes(lines: readonly string[]): Map<string, number> {
  const votes = new Map<string, number>();
  let seen = 0;
  for (const raw of lines) {
    const t = clip(raw, 300).trim();
    if (t === '' || C_COMMENT.test(t)) continue;
    if (++seen > DETECT_LINES) break;
    for (const rule of RULES) {
      if (rule.pattern.test(t)) votes.set(rule.language, (votes.get(rule.language) ?? 0) + rule.weight);
    }
  }
  const ts = votes.get('typescript') ?? 0;
  if (ts >= 3) votes.set('typescript', ts + (votes.get('javascript') ?? 0));
  return votes;
}
