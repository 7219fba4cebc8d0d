import { joinLines, splitLines } from '../lines.js';
import { MARKER_PREFIX } from '../marker.js';
import { collapseRegions } from './collapse.js';
import { detectLanguage } from './detect.js';
import { MAX_CODE_SCORE, scoreCode } from './score.js';
import { lineRegions } from './fallback.js';
import { loadGrammar, loadedParser, normalizeLanguage } from './languages.js';
import { type Region, treeRegions } from './regions.js';
import type { TsNode, TsTree } from './languages.js';
import type { CompressContext, Compressed, Compressor, Probe } from '../types.js';

// Source code as an outline from a real parser: imports, declarations and
// every signature line stay verbatim (they are what an agent searches for);
// comment tails, nested blocks and then whole function bodies collapse into
// markers naming their line ranges, only while the file is above budget.

/**
 * Below this size an outline is already cheap, and the statements inside a
 * small file's functions are worth more to the model than the last few hundred
 * tokens, so compression stops here even when the budget asks for less.
 */
const MIN_OUTLINE_TOKENS = 600;

const MARKER_LINE = /^\[headroom: \d+ \S+ omitted/;

function isMarkerLine(line: string): boolean {
  const t = line.trimStart();
  return t.startsWith(MARKER_PREFIX) && MARKER_LINE.test(t.slice(0, 64));
}

/** The hint when it names a language (a hint we cannot parse still rules out sniffing), else a guess. */
function languageOf(text: string, ctx: CompressContext): string | undefined {
  const hint = ctx.language?.trim();
  if (hint) return normalizeLanguage(hint) ?? hint.slice(hint.lastIndexOf('.') + 1).toLowerCase();
  return detectLanguage(text);
}

/** Share of a file's lines under top-level parse errors above which the parse is not trusted. */
const MAX_ERROR_SHARE = 0.2;

/** Wrappers deeper than this are not followed when errors are counted. */
const MAX_WRAPPER_DEPTH = 16;
/**
 * Nodes that only wrap declarations: include guards and other conditionals,
 * namespaces, `extern "C"`, modules, class bodies. A function is not one: a
 * macro the grammar takes for a function's head (`BOOST_LOG_OPEN_NAMESPACE`)
 * makes a "body" of everything after it, and that misparse must count whole.
 */
const WRAPPER =
  /^(?:preproc_(?:if|ifdef|else|elif|elifdef)|namespace_definition|namespace_declaration|linkage_specification|declaration_list|template_declaration|class_specifier|struct_specifier|field_declaration_list|class_declaration|class_body|interface_declaration|interface_body|mod_item|impl_item|module|internal_module)$/;

/**
 * Rows of a node that count as unparsed: the whole node when it is, or holds,
 * an error, except for a wrapper spanning half the file or more, whose
 * children are counted instead: one macro the grammar misreads inside
 * `#ifndef FOO_H` or `namespace tsl {` must not condemn every declaration of
 * the header.
 */
function errorRows(node: TsNode, lineCount: number, depth: number): number {
  if (!node.hasError) return 0;
  const rows = node.endPosition.row - node.startPosition.row + 1;
  if (!WRAPPER.test(node.type) || depth >= MAX_WRAPPER_DEPTH || rows * 2 < lineCount || node.childCount === 0) return rows;
  let sum = 0;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child) sum += errorRows(child, lineCount, depth + 1);
  }
  return sum;
}

/** Share of lines covered by top-level nodes (or, inside wrappers, nodes) that are, or hold, parse errors. */
function errorShare(tree: TsTree, lineCount: number): number {
  const root = tree.rootNode;
  if (!root.hasError || lineCount === 0) return 0;
  let rows = 0;
  for (let i = 0; i < root.childCount; i++) {
    const child = root.child(i);
    if (child) rows += errorRows(child, lineCount, 0);
  }
  return rows / lineCount;
}

function regionsOf(text: string, lines: readonly string[], language: string | undefined): Region[] {
  const parser = language ? loadedParser(language) : undefined;
  const tree = parser?.parse(text);
  if (!tree) return lineRegions(lines);
  try {
    // A grammar that does not fit the text (a guess gone wrong, a dialect it
    // lacks) yields error nodes whose regions would hide signatures: the
    // line outline is safer then.
    if (errorShare(tree, lines.length) > MAX_ERROR_SHARE) return lineRegions(lines);
    return treeRegions(tree, lines, language);
  } finally {
    tree.delete();
  }
}

export const codeCompressor: Compressor = {
  name: 'code-outline',
  type: 'code',

  score(probe: Probe): number {
    return scoreCode(probe);
  },
  maxScore: MAX_CODE_SCORE,

  async prepare(text: string, ctx: CompressContext): Promise<void> {
    const language = languageOf(text, ctx);
    if (language) await loadGrammar(language);
  },

  compress(text: string, ctx: CompressContext): Compressed {
    const language = languageOf(text, ctx);
    const base = language ? { language } : {};
    // Below the lossy size every line of a source file is content: it is shown whole.
    if (ctx.lossy === false) return { text, elisions: [], ...base };
    const total = ctx.estimateTokens(text);
    const budget = Math.max(ctx.budgetTokens, MIN_OUTLINE_TOKENS);
    if (total <= budget) return { text, elisions: [], ...base };
    const { lines, trailingNewline } = splitLines(text);
    // Already an outline: its markers break the grammar (an open docstring, a
    // bracket line in a body), so a second parse would misplace regions.
    if (lines.some(isMarkerLine)) return { text, elisions: [], ...base };
    const regions = regionsOf(text, lines, language);
    const out = collapseRegions(lines, regions, total, { ...ctx, budgetTokens: budget });
    const result = joinLines(out.lines, trailingNewline);
    if (out.elisions.length === 0 || ctx.estimateTokens(result) >= total) return { text, elisions: [], ...base };
    return { text: result, elisions: out.elisions, ...base };
  },
};
