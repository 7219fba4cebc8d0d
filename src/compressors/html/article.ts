import type { Readability } from '@mozilla/readability';
import type TurndownService from 'turndown';
import { headingAsWritten, headingSources } from './as-written.js';
import { type Coverage, contentCoverage, coverageHolds } from './coverage.js';
import type { DomNode, QueryRoot } from './dom.js';
import { collapseSpace, markupStats } from './scan.js';

// Main-content extraction: Readability picks the article out of the page (it is
// the reader view of Firefox, so it knows real-world boilerplate far better than
// any heuristic we would write), turndown renders it as markdown. Both are
// configured so that article text stays verbatim: no markdown escaping, no link
// or emphasis syntax inside sentences.

/**
 * Pages above this size go to the linear fallback: Readability over linkedom
 * costs about 4 ms per KB of page (it reads each node's text many times), so
 * this bounds a page's extraction to about 2 s.
 */
export const ARTICLE_MAX_CHARS = 500_000;
/** Readability refuses (throws) beyond this many elements, which bounds its cost. */
const MAX_ELEMENTS = 60_000;
/** Turndown recurses per element; deeper trees go to the fallback. */
const MAX_DEPTH = 400;
/** Hrefs longer than this are tracking or generated URLs a model rarely needs. */
const MAX_HREF = 100;

export interface ArticleLink {
  readonly text: string;
  readonly href: string;
}

export interface Article {
  /** Text of the page's <title>, '' when absent. */
  readonly pageTitle: string;
  /** The same as written in the page, character references and all (`&mdash;`). */
  readonly pageTitleSource: string;
  /** Title Readability settled on, '' when none. */
  readonly title: string;
  /** The article body as markdown. */
  readonly markdown: string;
  /** Short, distinct hrefs of links in the article body, in order. */
  readonly links: readonly ArticleLink[];
}

interface Libraries {
  readonly Readability: typeof Readability;
  readonly parseHTML: typeof import('linkedom').parseHTML;
  readonly TurndownService: typeof TurndownService;
}
let libraries: Libraries | undefined;

/**
 * Loads the DOM, Readability and turndown once (about 250 ms): only a payload
 * routed to HTML pays for them, never `headroom compress` on a log.
 */
export async function loadArticleLibraries(): Promise<void> {
  if (libraries) return;
  const [readability, linkedom, turndown] = await Promise.all([
    import('@mozilla/readability'),
    import('linkedom'),
    import('turndown'),
  ]);
  libraries = { Readability: readability.Readability, parseHTML: linkedom.parseHTML, TurndownService: turndown.default };
}

function libs(): Libraries {
  if (!libraries) throw new Error('HTML libraries not loaded: the engine calls prepare() first');
  return libraries;
}

type ReadabilityDoc = ConstructorParameters<typeof Readability>[0];
type TurndownNode = Parameters<TurndownService['turndown']>[0];

function treeDepthExceeds(root: DomNode, max: number): boolean {
  const stack: Array<readonly [DomNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return true;
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.nodeType === 1) stack.push([k, depth + 1]);
    }
  }
  return false;
}

function usefulHref(href: string): boolean {
  if (href.length === 0 || href.length > MAX_HREF) return false;
  if (!/^(?:https?:\/\/|\/)/i.test(href)) return false; // drop #anchors, javascript:, mailto:
  return !/[?&](?:utm_|fbclid|gclid|ref=)/i.test(href);
}

const PERMALINK = /^(?:¶|§|#|🔗)$/u;

/** Inline elements rendered as their bare text: emphasis marks cost tokens and split sentences. */
const INLINE_PLAIN = new Set(['em', 'i', 'strong', 'b', 'u', 'mark', 'small', 'span', 'font', 'abbr', 'cite', 'time']);

/** The table a cell or row belongs to. */
function tableOf(node: DomNode): DomNode | null {
  for (let p = node.parentNode; p; p = p.parentNode) if (p.nodeName === 'TABLE') return p;
  return null;
}

/**
 * A table laid out for position, not data (groff -Thtml's option lists, old
 * generated docs): it has no header cell, so its rows are not records under
 * column names but text placed side by side.
 */
function isLayoutTable(table: DomNode): boolean {
  return (table.querySelectorAll?.('th').length ?? 1) === 0;
}

/** Turndown pads list markers to four columns; one space reads the same. */
function tightListMarker(line: string): string {
  const m = /^( *)(-|\d{1,4}\.) {2,3}(?=\S)/.exec(line.slice(0, 120));
  return m ? `${m[1]}${m[2]} ${line.slice(m[0].length)}` : line;
}

function makeTurndown(links: ArticleLink[]): TurndownService {
  const seen = new Set<string>();
  const td = new (libs().TurndownService)({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', br: '' });
  // Text is for a model, not a markdown renderer: escapes would break verbatim sentences.
  td.escape = (s: string) => s;
  td.addRule('plain-emphasis', {
    filter: (node) => INLINE_PLAIN.has(String((node as unknown as DomNode).nodeName).toLowerCase()),
    replacement: (content) => content,
  });
  td.addRule('link-text', {
    filter: 'a',
    replacement: (content, node) => {
      const el = node as unknown as DomNode;
      const href = (el.getAttribute?.('href') ?? '').trim();
      const text = collapseSpace(content);
      // A heading's permalink (Sphinx's ¶, a bare #) is a symbol, not text.
      if (PERMALINK.test(text) && href.startsWith('#')) return '';
      if (text && usefulHref(href) && !seen.has(href)) {
        seen.add(href);
        links.push({ text, href });
      }
      return content;
    },
  });
  td.addRule('image-alt', {
    filter: ['img', 'picture', 'figure'],
    replacement: (content, node) => {
      const el = node as unknown as DomNode;
      if (el.nodeName === 'IMG') {
        const alt = collapseSpace(el.getAttribute?.('alt') ?? '');
        return alt ? `[image: ${alt}]` : '';
      }
      return `\n\n${content}\n\n`;
    },
  });
  const layout = new Map<DomNode, boolean>();
  const inLayoutTable = (node: DomNode) => {
    const table = tableOf(node);
    if (!table) return false;
    let v = layout.get(table);
    if (v === undefined) layout.set(table, (v = isLayoutTable(table)));
    return v;
  };
  td.addRule('table-cell', {
    filter: ['th', 'td'],
    replacement: (content, node) => {
      const text = collapseSpace(content);
      // A layout table's empty cells are indentation, not a column.
      return text || !inLayoutTable(node as unknown as DomNode) ? ` ${text} |` : '';
    },
  });
  // A layout table's row (a man page's option and what it does) is a paragraph of
  // its own: a block the plan weighs as one, not a data row kept after all text.
  td.addRule('table-row', {
    filter: 'tr',
    replacement: (content, node) => (inLayoutTable(node as unknown as DomNode) ? `\n\n|${content}\n\n` : `\n|${content}\n`),
  });
  // A definition term (an API signature in generated docs, a glossary entry)
  // names what its definition describes: it reads as a heading.
  td.addRule('definition-term', {
    filter: 'dt',
    replacement: (content) => {
      const t = collapseSpace(content);
      return t ? `\n\n##### ${t}\n\n` : '';
    },
  });
  // Preformatted text without <code> inside (Sphinx, many generators) is code all the same.
  td.addRule('preformatted', {
    filter: (node) => {
      const el = node as unknown as DomNode;
      if (el.nodeName !== 'PRE') return false;
      for (let i = 0; i < el.childNodes.length; i++) if (el.childNodes[i]!.nodeName === 'CODE') return false;
      return true;
    },
    replacement: (_content, node) => {
      const code = ((node as unknown as DomNode).textContent ?? '').replace(/\n+$/, '');
      if (code.trim().length === 0) return '';
      const fence = code.includes('```') ? '~~~' : '```';
      return `\n\n${fence}\n${code}\n${fence}\n\n`;
    },
  });
  td.remove(['script', 'style', 'noscript', 'iframe', 'button', 'input', 'select', 'textarea', 'form']);
  return td;
}

/** Where a page's <title> is looked for. */
const HEAD_CHARS = 65_536;

/** The <title> of a page as its source writes it, whitespace collapsed, or ''. */
function titleSource(html: string): string {
  const m = /<title(?:\s[^>]{0,200})?>([^<]{1,1000})<\/title>/i.exec(html.slice(0, HEAD_CHARS));
  return m ? collapseSpace(m[1]!) : '';
}

/**
 * The article of an HTML page, or null when Readability finds none (then the
 * caller falls back to plain text extraction). May throw on odd markup.
 */
export function extractArticle(html: string): Article | null {
  if (html.length > ARTICLE_MAX_CHARS) return null;
  // Parsing alone takes seconds on pathological markup: survey it first.
  const stats = markupStats(html, { tags: MAX_ELEMENTS * 2, depth: MAX_DEPTH });
  if (stats.tags > MAX_ELEMENTS * 2 || stats.maxDepth > MAX_DEPTH || stats.strayLt > MAX_ELEMENTS) return null;
  const { document } = libs().parseHTML(html);
  const root = document as unknown as DomNode;
  if (treeDepthExceeds(root, MAX_DEPTH)) return null;
  const pageTitle = collapseSpace(String(document.title ?? ''));
  // Read before Readability, which rewrites the document in place.
  const coverage: Coverage = contentCoverage(document as unknown as QueryRoot);
  const headings = coverage.headings;
  const reader = new (libs().Readability)<DomNode>(document as unknown as ReadabilityDoc, {
    maxElemsToParse: MAX_ELEMENTS,
    serializer: (n) => n as unknown as DomNode,
  });
  const parsed = reader.parse();
  if (!parsed || !parsed.content) return null;
  const links: ArticleLink[] = [];
  const markdown = makeTurndown(links)
    .turndown(parsed.content as unknown as TurndownNode)
    .split('\n')
    .map((l) => tightListMarker(l.trimEnd()))
    .join('\n');
  if (markdown.trim().length === 0) return null;
  // Readability keeps a flat page's paragraphs but can leave out the headings
  // between them (pod2html, gtk-doc), or keep one section of several: that is
  // not the page's article, and the linear rendering keeps it all.
  if (!coverageHolds(coverage, markdown)) return null;
  // Readability takes the page's main heading out of the body when it looks
  // like the <title>, and its own title guess can say less (javadoc's
  // "Class Optional<T>", npm's "npm-ci @11.19.1" under <title>npm-ci): the
  // heading the page shows is its title.
  const main = headings.find((h) => h.level === 1)?.text ?? '';
  const title = main && !markdown.includes(main) ? main : collapseSpace(parsed.title ?? '');
  const sources = headingSources(html);
  return {
    pageTitle,
    pageTitleSource: titleSource(html) || pageTitle,
    title: sources.get(title) ?? title,
    markdown: sources.size > 0 ? markdown.split('\n').map((l) => headingAsWritten(l, sources)).join('\n') : markdown,
    links,
  };
}
