import { clip } from '../lines.js';

// Tells, from the declaration line a doc comment sits above, whether that
// declaration is internal to the file's module (private, unexported) or a
// one-line member (a field). Such comments are dropped before the docs of the
// public API, which is what a caller of the file looks up.

/** Lines between a doc comment and its declaration: attributes, decorators, annotations. */
const ATTRIBUTE = /^(?:#\[|#!\[|@[\w.]|\[[A-Z]\w*[\](])/;

// Access modifiers (TS, Java, C#, Kotlin, PHP, Swift) and JS private names.
const ACCESS = /^(?:(?:static|readonly|override|abstract|async|final|internal|fileprivate)\s+)*(?:private|protected|fileprivate|internal)\b/;
const JS_PRIVATE_NAME = /^(?:static\s+|async\s+|get\s+|set\s+)*#\w/;
// Python: single-underscore names (dunders are public protocol).
const PY_UNDERSCORE = /^(?:async\s+)?(?:def|class)\s+_(?!_\w*__\s*[(:])/;

/** What makes a declaration internal, per language: the same word means different things across them. */
const PRIVATE: Readonly<Record<string, readonly RegExp[]>> = {
  python: [PY_UNDERSCORE],
  // Go: lower-case functions, methods, types, vars and consts.
  go: [/^func\s+(?:\([^)]*\)\s*)?[a-z_]/, /^(?:type|var|const)\s+[a-z_]/],
  // Rust: items without `pub` (an impl's methods are private unless marked).
  rust: [/^(?:(?:default|const|async|unsafe|extern(?:\s+"\w+")?)\s+)*(?:fn|struct|enum|trait|type|union|mod|static|macro_rules!)\s/],
  // JS/TS: modifiers, #names, and declarations at top level without `export`.
  javascript: [ACCESS, JS_PRIVATE_NAME, /^(?:async\s+)?(?:function\b|class\s|interface\s|enum\s)/],
  typescript: [ACCESS, JS_PRIVATE_NAME, /^(?:async\s+)?(?:function\b|class\s|interface\s|enum\s)/],
  tsx: [ACCESS, JS_PRIVATE_NAME, /^(?:async\s+)?(?:function\b|class\s|interface\s|enum\s)/],
  java: [ACCESS],
  csharp: [ACCESS],
  php: [ACCESS],
  // C and C++: `static` functions are local to their file, except the inline
  // ones (`inline`, `__inline__`, `__always_inline`, `Py_ALWAYS_INLINE`) that
  // headers define as their API.
  cpp: [/^static\s+(?!\w*inline)(?!(?:\w+\s+)*\w*(?:INLINE|inline)\b)[\w\s*]+\(/],
};
/** Unknown languages: only the marks no language uses for anything else. */
const ANY_LANGUAGE: readonly RegExp[] = [ACCESS, JS_PRIVATE_NAME, PY_UNDERSCORE];

/** First row at or after `row` that is the declaration itself, skipping attributes; -1 if none is near. */
export function declarationRow(lines: readonly string[], row: number): number {
  for (let r = row, seen = 0; r < lines.length && seen < 8; r++, seen++) {
    const t = clip(lines[r] ?? '', 200).trim();
    if (t === '') return -1;
    if (!ATTRIBUTE.test(t)) return r;
  }
  return -1;
}

/** Whether a declaration line names something internal: private, unexported or underscored. */
export function isPrivateDeclaration(line: string, language?: string): boolean {
  const t = clip(line, 300).trimStart();
  const rules = (language && PRIVATE[language]) || ANY_LANGUAGE;
  return rules.some((re) => re.test(t));
}

/**
 * Whether a declaration line is a one-line member such as a struct field or a
 * property: it neither opens a body nor continues a signature.
 */
export function isFieldLine(line: string, indented: boolean): boolean {
  if (!indented) return false;
  const t = clip(line, 300).trim();
  if (/^(?:pub(?:\([^)]*\))?\s+)?(?:async\s+|unsafe\s+|const\s+)*(?:fn|func|def|function)\b/.test(t)) return false;
  return !/[{(:=>,\[]$/.test(t.replace(/\s*(?:\/\/.*|#.*)$/, ''));
}
