import { clip, indentOf } from '../lines.js';
import { TIER, type Region } from './regions.js';

// The outline when no grammar is available (unknown language, or the WASM
// runtime failed to load): lines at indentation 0 and lines shaped like
// signatures stay; runs of other indented lines and long comments may go.

const SIGNATURE =
  /^(?:export\s|pub\b|public\s|private\s|protected\s|internal\s|static\s|abstract\s|async\s|def\s|class\s|func\s|fn\s|function\b|interface\s|type\s|struct\s|impl\b|trait\s|enum\s|module\s|namespace\s|@\w|#\[)/;
// `#` starts a comment in shells, Python, Ruby and Perl, but not a C preprocessor
// line (`#define`, `# include`): those are a header's declarations.
const COMMENT = /^(?:\/\/|#(?![[!]|\s*(?:define|undef|include|if|ifdef|ifndef|elif|else|endif|pragma|error|warning|line)\b)|\/\*|\*|--\s|;;)/;

function isSignature(line: string, base: number): boolean {
  return indentOf(line).length <= base ? line.trim() !== '' : SIGNATURE.test(clip(line.trimStart(), 200));
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
