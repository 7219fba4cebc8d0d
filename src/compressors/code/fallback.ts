import { clip, indentOf } from '../lines.js';
import { TIER, type Region } from './regions.js';

// The outline when no grammar is available (unknown language, or the WASM
// runtime failed to load): lines at indentation 0 and lines shaped like
// signatures stay; runs of other indented lines and long comments may go.

// Declaration words and modifiers of the languages without a grammar here too
// (Kotlin, Scala, Swift, Dart, Elixir, Perl, Lua, Haskell) and of C++ when its
// parse is refused.
const SIGNATURE = new RegExp(
  '^(?:' +
    [
      String.raw`export\s|pub\b|public\s|private\s|protected\s|internal\s|static\s|abstract\s|async\s|def\s|class\s|func\s|fn\s|function\b`,
      String.raw`interface\s|type\s|struct\s|impl\b|trait\s|enum\s|module\s|namespace\s|@\w|#\[`,
      String.raw`(?:open|override|final|sealed|data|inline|suspend|operator|infix|companion|lateinit|implicit|lazy|case|virtual|explicit|constexpr|friend|extern|external|factory|mutating|convenience|required)\s`,
      String.raw`fun\s|object\s|typealias\s|init\s*[(<]|deinit\b|extension\s|protocol\s|mixin\s|sub\s+\w|local\s+function\b|macro\s`,
      String.raw`def(?:p|macrop?|module|impl|protocol|delegate|guardp?|struct|exception)\b|instance\s|newtype\s`,
    ].join('|') +
    ')',
);

/**
 * A typed declaration of a C-family language, by shape: a return type, a name
 * and an open parameter list (`void addFlag(String name,`, `Future<T?> run() =>`,
 * `std::pair<iterator, bool> insert(P&& value) {`), or a constructor named like
 * a type (`CommandRunner(this.name,`). Statements are ruled out by their first
 * word, by an assignment before the call, and by a closing `;`.
 */
const NOT_A_TYPE = /^(?:return|else|new|throw|await|yield|case|goto|delete|print|echo|raise|assert|not|and|or|in|is|if|for|while|switch|catch|do|when|using|co_\w+)\b/;
// The name touches its parameter list; a constructor's name is a type's
// (`Foo(`, not SQL's `CAST(` or a macro's `TEST(`).
const TYPED_DECLARATION = /^[A-Za-z_][\w.:<>,?\[\]*&]*(?:\s+[\w.:<>,?\[\]*&]+)*\s+[~A-Za-z_$][\w$]*(?:<[^()]*>)?\(|^[A-Z][a-z]\w*(?:\.\w+)?\(/;
/** After a closed parameter list: qualifiers, then a body, an arrow or an expression body. */
const AFTER_PARAMS = /^\)[\w\s?]*(?:\{|=>|=(?!=).*|:.*)?\s*$/;

function isTypedDeclaration(t: string): boolean {
  if (NOT_A_TYPE.test(t) || /;\s*$/.test(t)) return false;
  const paren = t.indexOf('(');
  if (paren < 0 || t.slice(0, paren).includes('=') || !TYPED_DECLARATION.test(t)) return false;
  // The parameter list runs on to the next line, or closes before a body:
  // `SELECT count(x) AS n,` and `CAST(a AS b) AS c,` are expressions.
  let depth = 0;
  for (let i = paren; i < t.length; i++) {
    const c = t[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return AFTER_PARAMS.test(t.slice(i));
  }
  return true;
}
// `#` starts a comment in shells, Python, Ruby and Perl, but not a C preprocessor
// line (`#define`, `# include`): those are a header's declarations.
const COMMENT = /^(?:\/\/|#(?![[!]|\s*(?:define|undef|include|if|ifdef|ifndef|elif|else|endif|pragma|error|warning|line)\b)|\/\*|\*|--\s|;;)/;

function isSignature(line: string, base: number): boolean {
  if (indentOf(line).length <= base) return line.trim() !== '';
  const t = clip(line.trimStart(), 200);
  return SIGNATURE.test(t) || isTypedDeclaration(t);
}

/**
 * The indentation of the text's outermost lines: a snippet cut from inside a
 * block (or a dump printed with a margin) is indented throughout, and its
 * outermost lines are its outline, not a body to drop.
 */
function baseIndent(lines: readonly string[]): number {
  let base = Number.POSITIVE_INFINITY;
  for (const l of lines) if (l.trim() !== '') base = Math.min(base, indentOf(l).length);
  return Number.isFinite(base) ? base : 0;
}

/** Collapsible regions found from indentation and line shapes alone. */
export function lineRegions(lines: readonly string[]): Region[] {
  const out: Region[] = [];
  const base = baseIndent(lines);
  const isSignature_ = (line: string) => isSignature(line, base);
  let i = 0;
  while (i < lines.length) {
    const t = clip(lines[i]!, 200).trimStart();
    if (COMMENT.test(t)) {
      const start = i;
      while (i + 1 < lines.length && COMMENT.test(clip(lines[i + 1]!, 200).trimStart())) i++;
      if (i > start) {
        out.push({ start: start + 1, end: i, tier: TIER.commentTail, kind: 'comment' });
        out.push({ start, end: i, tier: TIER.wholeComment, kind: 'comment' });
      }
      i++;
      continue;
    }
    if (t === '' || isSignature_(lines[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let last = i;
    while (i + 1 < lines.length) {
      const next = lines[i + 1]!;
      if (next.trim() !== '' && isSignature_(next)) break;
      i++;
      if (next.trim() !== '') last = i;
    }
    if (last > start) out.push({ start, end: last, tier: TIER.functionBody, kind: 'indented lines' });
    i++;
  }
  return out;
}
