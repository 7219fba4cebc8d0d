import type { TsNode, TsTree } from './languages.js';
import { declarationRow, isFieldLine, isPrivateDeclaration } from './visibility.js';
import { clip, indentOf } from '../lines.js';

// Finds, in a syntax tree, the line ranges an outline may collapse. Only
// interiors are offered: a body's opening line (the signature) and its closing
// line stay, so signatures, multi-line signatures included, always survive.
// Node kinds are matched by name patterns shared across the tree-sitter
// grammars, so one walk serves every language.

/** Collapse order: cheapest information first. */
export const TIER = {
  /** Tails of comments and docstrings (their first line stays). */
  commentTail: 1,
  /** Multi-line values and blocks outside functions (initializers, macros): data, not the map. */
  outerBlock: 2,
  /** Nested blocks inside function bodies (the statement's first line stays). */
  innerBlock: 3,
  /** Whole comments inside function bodies: the least useful part of a body. */
  innerComment: 4,
  /** Whole function bodies. */
  functionBody: 5,
  /** Whole comments outside functions, first line included. */
  wholeComment: 6,
  /** Whole doc comments of fields and of private or unexported declarations. */
  memberDoc: 7,
  /** Whole private or unexported declarations, signature included: the public API stays. */
  privateDeclaration: 8,
  /** Whole doc comments and docstrings of the public API: the last words to go. */
  publicDoc: 9,
} as const;

/** A run of lines (0-based, inclusive) that may be replaced by one marker. */
export interface Region {
  readonly start: number;
  readonly end: number;
  readonly tier: number;
  /** What the lines are, for the marker: 'function body', 'comment'... */
  readonly kind: string;
}

const FUNCTION = /function|method|constructor|arrow|closure|lambda|func_literal|^(?:fn|def)$/;
const COMMENT = /comment/;
/** Declarations whose text is the map of the file: never collapsed as a block. */
const DECLARATION =
  /function|method|constructor|class|interface|struct|enum|trait|impl|union|record|annotation|type_alias|type_item|type_declaration|type_spec|mod_item|module|namespace|import|use_declaration|package|extern_crate|signature|comment|attribute|decorator|preproc|template_declaration/;
/**
 * Nodes whose children are members or top-level items. An ERROR node is one
 * too: what the grammar could not parse (an include guard around a macro it
 * misreads) may hold declarations, so it is never collapsed as one block.
 */
const CONTAINER = /^(?:program|source_file|module|translation_unit|compilation_unit|class_body|declaration_list|enum_body_declarations|namespace_body|export_statement|decorated_definition|ambient_declaration|ERROR)$/;
/** Deeper nesting is not real code; the walk stops there so adversarial input stays cheap. */
const MAX_DEPTH = 120;
const HAS_TEXT = /[A-Za-z0-9]/;
const CLOSER = /^(?:[}\])]|end\b)/;

interface Span {
  start: number;
  end: number;
  /** Inside a function body. */
  inner: boolean;
}

/** Last row a node occupies (a node ending at column 0 ends on the row before). */
function endRow(node: { startPosition: { row: number }; endPosition: { row: number; column: number } }): number {
  const e = node.endPosition.row;
  return node.endPosition.column === 0 && e > node.startPosition.row ? e - 1 : e;
}

/** Last row of a node's interior: its closing-bracket line is kept with the signature. */
function innerEnd(lines: readonly string[], start: number, end: number): number {
  if (end > start && CLOSER.test((lines[end] ?? '').trimStart())) return end - 1;
  return end;
}

/** First row of a comment or docstring with words on it (`/**` and `"""` lines carry none). */
function firstTextRow(lines: readonly string[], start: number, end: number): number {
  let row = start;
  while (row < end && !HAS_TEXT.test(lines[row] ?? '')) row++;
  return row;
}

function isDocstring(node: TsNode): boolean {
  if (node.type !== 'expression_statement' || node.namedChildCount !== 1) return false;
  const t = node.namedChild(0)?.type;
  return t === 'string' || t === 'concatenated_string';
}

/** The statements of a body; Go wraps them in a statement_list. */
function statementsOf(body: TsNode): TsNode[] {
  const kids = body.namedChildren.filter((n): n is TsNode => n !== null && !COMMENT.test(n.type));
  const only = kids[0];
  if (kids.length === 1 && only && only.type.endsWith('_list')) {
    return only.namedChildren.filter((n): n is TsNode => n !== null && !COMMENT.test(n.type));
  }
  return kids;
}

function addFunction(node: TsNode, lines: readonly string[], out: Region[], language: string | undefined): void {
  const body = node.childForFieldName('body');
  if (!body || body.startPosition.row === body.endPosition.row) return;
  const opensOnHeader = body.child(0)?.isNamed === false;
  let start = opensOnHeader ? body.startPosition.row + 1 : body.startPosition.row;
  if (start <= node.startPosition.row) start = node.startPosition.row + 1;
  const bodyEnd = endRow(body);
  const end = innerEnd(lines, body.startPosition.row, bodyEnd);
  const statements = statementsOf(body);
  const first = statements[0];
  if (first && isDocstring(first)) {
    const s = firstTextRow(lines, first.startPosition.row, endRow(first));
    const e = endRow(first);
    if (e > s) out.push({ start: s + 1, end: e, tier: TIER.commentTail, kind: 'docstring' });
    out.push({ start: first.startPosition.row, end: e, tier: docTier(lines[node.startPosition.row] ?? '', false, language), kind: 'docstring' });
    start = Math.max(start, s + 1);
  }
  if (end >= start) out.push({ start, end, tier: TIER.functionBody, kind: 'function body' });
  for (const st of statements) {
    const s = st.startPosition.row;
    const e = innerEnd(lines, s, endRow(st));
    if (e > s && !isDocstring(st)) out.push({ start: s + 1, end: e, tier: TIER.innerBlock, kind: 'block' });
  }
}

/** Declarations that make a block part of the file's map when they sit inside it. */
// TypeScript parses a namespace nested in another as an expression statement
// holding an internal_module: it holds definitions (its types) too.
const HOLDS_MAP = /function|method|constructor|arrow|closure|lambda|class|interface|struct|enum|trait|impl|type_alias|internal_module/;

/**
 * Whether a top-level statement carries definitions within a few levels:
 * `if TYPE_CHECKING:` blocks of defs, `module.exports = { a() {...} }`,
 * `const f = () => {...}`. Such a statement is walked as a container, so its
 * definitions get their own regions instead of vanishing in one block.
 */
function holdsDefinitions(node: TsNode): boolean {
  let level: TsNode[] = [node];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: TsNode[] = [];
    for (const n of level) {
      for (const c of n.namedChildren) {
        if (!c || c.startPosition.row === c.endPosition.row) continue;
        if (HOLDS_MAP.test(c.type) && !COMMENT.test(c.type)) return true;
        if (next.length < 16) next.push(c);
      }
    }
    level = next;
  }
  return false;
}

function addOuterBlock(node: TsNode, lines: readonly string[], out: Region[]): void {
  const s = node.startPosition.row;
  const e = innerEnd(lines, s, endRow(node));
  if (e <= s) return;
  if (isDocstring(node)) {
    const f = firstTextRow(lines, s, e);
    if (e > f) out.push({ start: f + 1, end: e, tier: TIER.commentTail, kind: 'docstring' });
    out.push({ start: s, end: e, tier: TIER.publicDoc, kind: 'docstring' });
  } else out.push({ start: s + 1, end: e, tier: TIER.outerBlock, kind: 'block' });
}

/** Comment-only rows: a trailing comment shares its row with code and must not be dropped. */
function commentSpan(
  lines: readonly string[],
  node: { startPosition: { row: number; column: number }; endPosition: { row: number; column: number } },
  inner: boolean,
): Span | undefined {
  const s = node.startPosition.row;
  const e = endRow(node);
  const first = lines[s] ?? '';
  if (first.slice(0, node.startPosition.column).trim() !== '') return undefined;
  if (node.endPosition.column > 0 && (lines[node.endPosition.row] ?? '').slice(node.endPosition.column).trim() !== '') return undefined;
  return { start: s, end: e, inner };
}

function addComments(spans: Span[], lines: readonly string[], out: Region[], language: string | undefined): void {
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  let i = 0;
  while (i < spans.length) {
    const run = { ...spans[i]! };
    let j = i + 1;
    while (j < spans.length && spans[j]!.start <= run.end + 1) {
      const next = spans[j++]!;
      run.end = Math.max(run.end, next.end);
      run.inner &&= next.inner;
    }
    i = j;
    const first = firstTextRow(lines, run.start, run.end);
    if (run.end > first) out.push({ start: first + 1, end: run.end, tier: TIER.commentTail, kind: 'comment' });
    // A comment right above a declaration documents it: its first line stays.
    const attached = (lines[run.end + 1] ?? '').trim() !== '';
    if (run.inner || !attached) {
      out.push({ start: run.start, end: run.end, tier: run.inner ? TIER.innerComment : TIER.wholeComment, kind: 'comment' });
    } else {
      const row = declarationRow(lines, run.end + 1);
      const tier = row < 0 ? TIER.memberDoc : docTier(lines[row] ?? '', true, language);
      out.push({ start: run.start, end: run.end, tier, kind: 'comment' });
    }
  }
}

/** Docs of fields and private declarations go before those of the public API. */
function docTier(declaration: string, fieldsToo: boolean, language: string | undefined): number {
  const minor = isPrivateDeclaration(declaration, language) || (fieldsToo && isFieldLine(declaration, indentOf(declaration).length > 0));
  return minor ? TIER.memberDoc : TIER.publicDoc;
}

/** Declarations that may go whole when private: functions, methods, types without methods. */
// Classes are not among them: a private base class holds the methods its
// public subclasses expose.
const DECLARATION_NODE =
  /^(?:function_definition|function_declaration|function_item|generator_function_declaration|method_definition|method_declaration|constructor_declaration|struct_item|enum_item|trait_item|union_item|type_declaration|interface_declaration|enum_declaration)$/;

/**
 * A private declaration starting at this node, as a region (decorators
 * included), or undefined. Methods of a trait implementation are public
 * whatever their modifiers say, and plain top-level functions of a script
 * without `export` statements may be exported through `module.exports`.
 */
function privateDeclaration(type: string, row: number, end: number, lines: readonly string[], ctx: WalkContext): Region | undefined {
  if (!DECLARATION_NODE.test(type)) return undefined;
  const line = lines[row] ?? '';
  if (!isPrivateDeclaration(line, ctx.language) || ctx.inTraitImpl) return undefined;
  // A C++ class's `static` member is the class's, not local to the file.
  if (ctx.inClassBody && /^static\b/.test(line.trimStart())) return undefined;
  if (!ctx.esm && ctx.topLevel && /^(?:async\s+)?function\b/.test(line.trimStart())) return undefined;
  if (ctx.topLevel && ctx.exported.size > 0 && ctx.exported.has(declaredName(line))) return undefined;
  const kind = /struct|enum|trait|union|interface|type/.test(type) ? 'private type' : 'private function';
  return { start: ctx.decoratedFrom ?? row, end, tier: TIER.privateDeclaration, kind };
}

/** `export { a, b as c };` and `export type { T };` at the start of a line: the local names. */
const EXPORT_CLAUSE = /^export\s+(?:type\s+)?\{([^}]*)\}/;
const DECLARED_NAME = /^(?:export\s+)?(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?|class|interface|enum|type|const|let|var|namespace|abstract\s+class)\s+([\w$]+)/;

/** Names exported through export clauses (one-line clauses only: bundlers print them so). */
function exportedNames(lines: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const raw of lines) {
    if (!raw.startsWith('export')) continue;
    const m = EXPORT_CLAUSE.exec(clip(raw, 100_000));
    if (!m) continue;
    for (const part of m[1]!.split(',')) {
      const local = /^\s*(?:type\s+)?([\w$]+)/.exec(part)?.[1];
      if (local) names.add(local);
    }
  }
  return names;
}

/** The name a declaration line declares, or '' when it is not one of the forms above. */
function declaredName(line: string): string {
  return DECLARED_NAME.exec(clip(line, 300).trimStart())?.[1] ?? '';
}

interface WalkContext {
  readonly language: string | undefined;
  readonly esm: boolean;
  /** Names a JS/TS module exports by an `export { a, b as c }` clause: their declarations are public. */
  readonly exported: ReadonlySet<string>;
  /** Inside `impl Trait for Type` or `declare namespace/module`: every member is public. */
  readonly inTraitImpl: boolean;
  readonly topLevel: boolean;
  /** First row of the decorators wrapping this declaration. */
  readonly decoratedFrom: number | undefined;
  /** Inside a C/C++ class or struct body. */
  readonly inClassBody: boolean;
}

/** Every collapsible region of a parsed file, in no particular order. */
export function treeRegions(tree: TsTree, lines: readonly string[], language?: string): Region[] {
  const out: Region[] = [];
  const comments: Span[] = [];
  const cursor = tree.walk();
  // containerAt[d]: whether the node at depth d lists members, so its children are items.
  const containerAt: boolean[] = [];
  const typeAt: string[] = [];
  // inFunction[d]: the node at depth d is, or is inside, a function.
  const inFunction: boolean[] = [];
  const startAt: number[] = [];
  // traitImplAt[d]: the node at depth d is, or is inside, `impl Trait for Type`
  // or a TypeScript `declare` block, whose members are public whatever they say.
  const traitImplAt: boolean[] = [];
  // classBodyAt[d]: the node at depth d is, or is inside, a C/C++ class body.
  const classBodyAt: boolean[] = [];
  const esm = lines.some((l) => l.startsWith('export '));
  // A TypeScript declaration file (\`declare class\`, \`export declare function\`):
  // its unexported interfaces and types describe the API it declares.
  const declarationFile = /^(?:typescript|tsx)$/.test(language ?? '') && lines.some((l) => /^(?:export\s+)?declare\s/.test(l));
  const exported = esm ? exportedNames(lines) : new Set<string>();
  let depth = 0;
  try {
    for (;;) {
      const type = cursor.nodeType;
      const multiRow = cursor.startPosition.row !== cursor.endPosition.row;
      const parentType = depth > 0 ? typeAt[depth - 1]! : '';
      typeAt[depth] = type;
      startAt[depth] = cursor.startPosition.row;
      inFunction[depth] = (depth > 0 && inFunction[depth - 1]!) || FUNCTION.test(type);
      traitImplAt[depth] =
        (depth > 0 && traitImplAt[depth - 1]!) ||
        (type === 'impl_item' && / for /.test(lines[cursor.startPosition.row] ?? '')) ||
        type === 'ambient_declaration' ||
        (depth === 0 && declarationFile);
      classBodyAt[depth] = (depth > 0 && classBodyAt[depth - 1]!) || type === 'field_declaration_list';
      containerAt[depth] =
        depth === 0 ||
        CONTAINER.test(type) ||
        (type === 'block' && parentType === 'class_definition') ||
        (type === 'statement_block' && (parentType === 'internal_module' || parentType === 'module'));
      let descend = multiRow && depth < MAX_DEPTH;
      if (COMMENT.test(type)) {
        const span = commentSpan(lines, cursor, depth > 0 && inFunction[depth - 1]!);
        if (span) comments.push(span);
        descend = false;
      } else if (cursor.nodeIsNamed) {
        if (!(depth > 0 && inFunction[depth - 1])) {
          const region = privateDeclaration(type, cursor.startPosition.row, endRow(cursor), lines, {
            language,
            esm,
            exported,
            inTraitImpl: traitImplAt[depth]!,
            inClassBody: classBodyAt[depth]!,
            topLevel: depth <= 1,
            decoratedFrom: parentType === 'decorated_definition' ? startAt[depth - 1] : undefined,
          });
          if (region) out.push(region);
        }
        if (multiRow && FUNCTION.test(type)) addFunction(cursor.currentNode, lines, out, language);
        else if (multiRow && depth > 0 && containerAt[depth - 1] && !containerAt[depth] && !DECLARATION.test(type)) {
          const node = cursor.currentNode;
          if (holdsDefinitions(node)) containerAt[depth] = true;
          else addOuterBlock(node, lines, out);
        }
      }
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (depth === 0 || !cursor.gotoParent()) {
          addComments(comments, lines, out, language);
          return out;
        }
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}
