import { clip } from '../lines.js';

// Which language a source text is, when no file name gave a hint: votes of
// anchored line patterns over a bounded head.

export const SHEBANG = /^#!\s*\S*?(?:\/env\s+)?(python3?|node|deno|bun|bash|sh|zsh|ruby|php)\b/;

/** Comment lines (C-style, and `# ` of shells, Python, Ruby and Perl): skipped when votes are counted. */
const C_COMMENT = /^(?:\/\/|\/\*|\*|#(?:\s|$))/;

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
  // Perl and Lua have no grammar here; naming them keeps the PHP and Ruby
  // grammars (whose `$x =` and `end` they share) from parsing them into one block.
  { language: 'perl', pattern: /^(?:package\s+[\w:]+;$|use\s+(?:strict|warnings|vars|constant|base|parent|Carp|Exporter)\b|sub\s+\w+\s*(?:\{|$)|my\s+[$@%]|=(?:head\d|pod|cut|over|item)\b|__(?:END|DATA)__$)/, weight: 3 },
  { language: 'lua', pattern: /^(?:local\s+(?:function\s+)?[\w,\s]+(?:=|\()|(?:local\s+)?function\s+[\w.:]+\s*\(|(?:if|elseif)\s[^;]*[^;\s]\s+then$|--\[\[)/, weight: 2 },
  { language: 'lua', pattern: /\brequire\s*\(\s*["'][\w.]+["']\s*\)$|\blocal\s+\w+\s*=\s*\{\s*\}$|~=|\.\.\s*["']/, weight: 2 },
  { language: 'typescript', pattern: /^(?:export\s+)?(?:declare\s+)?(?:interface|enum|namespace|abstract\s+class)\s+\w+|^(?:export\s+)?type\s+\w+.*=|^import\s+type\s/, weight: 3 },
  { language: 'typescript', pattern: /\w\??:\s*(?:string|number|boolean|unknown|void|any|never|Promise<|Record<|readonly\s)|\bas\s+const\b|<[A-Z]\w*(?:\s+extends\s|>\()|^(?:private|public|protected|readonly)\s+\w+/, weight: 1 },
  { language: 'javascript', pattern: /^(?:export\s+(?:default\s+)?)?(?:async\s+)?function\b|^(?:const|let|var)\s+[\w{[].*=|^import\s.*\sfrom\s+['"]|require\(['"]|module\.exports|=>\s*\{?$/, weight: 2 },
  // `export NAME=value`, not TypeScript's `export interface` / `export declare`.
  { language: 'bash', pattern: /^(?:fi|done|esac|then|do)$|^(?:if|while)\s+\[|^\w+\(\)\s*\{$|^(?:echo|set\s+-)\s|^export\s+[A-Za-z_]\w*(?:=|$)/, weight: 2 },
  // `struct x {`, `enum {` and `if x {` open blocks in C-like languages, not rule sets.
  { language: 'css', pattern: /^(?!(?:struct|enum|union|class|typedef|namespace|extern|impl|trait|if|else|for|while|switch|do|try|match|loop|unsafe)\b)[.#@]?[\w-][^{};()=]*\{$|^[\w-]+:\s[^;]*;$/, weight: 1 },
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
  // PHP source opens with `<?php`: without it, `$x =` lines are Perl or shell.
  if (!lines.some((l) => l.startsWith('<?php'))) votes.delete('php');
  const ts = votes.get('typescript') ?? 0;
  // Interface members (`claim: string;`) look like CSS declarations; two or
  // more type-level TypeScript declarations say they are not.
  if (ts >= 6) votes.delete('css');
  if (ts >= 3) votes.set('typescript', ts + (votes.get('javascript') ?? 0));
  return votes;
}
