import { type Article, extractArticle, loadArticleLibraries } from './article.js';
import { headingAsWritten, headingSources } from './as-written.js';
import { htmlScore } from './score.js';
import { stripHtml } from './strip.js';
import { collapseSiblingRuns, outlineXml } from './xml.js';
import { joinLines, splitLines } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';
import { condenseItems, itemsCost, type Item, itemsOf } from '../prose/index.js';
import type { Compressed, CompressContext, Compressor } from '../types.js';

// Web pages become their main content as markdown (Readability + turndown);
// pages without an article become their text, one line per block; XML becomes
// an indented outline. The article body is what the reader asked for, so it is
// cut only when it is many times the budget.

/**
 * An article is condensed to this many budgets: its sentences are why the page
 * was read, and the markup around them already went. At 3, pod2html's
 * Getopt::Long and File::Temp (10-15k tokens) lost a third and a fifth of their
 * paragraphs, evenly through them; at 4 only their code examples go.
 */
const ARTICLE_BUDGETS = 4;
/** What the marker standing for the links costs: fewer links than that stay. */
const LINKS_MARKER_TOKENS = 20;
/** Looked at to tell HTML from other XML. */
const SNIFF_CHARS = 4096;

const HTML_SIGNS = /<(?:!doctype html|html|head|body|div|p|span|a|table|ul|ol|li|h[1-6]|meta|script|link|br|img|section|article)[\s>/]/i;

/**
 * The marker for the page's markup, counted in characters of the page: what
 * it stands for is not lines of the rendering the output is checked against
 * (a "lines" marker stands for exactly that many of those).
 */
function markupMarker(el: Elisions, text: string, basis: string, what: string): string {
  return el.omit(Math.max(1, text.length - basis.length), 'chars', what);
}

/**
 * The page's title as its source writes it (so it can be searched for as
 * written), then the article's title as a heading when it says something else.
 */
function titleLines(pageTitle: string, source: string, title: string): string[] {
  const out: string[] = [];
  if (source) out.push(source);
  if (title && title !== pageTitle) out.push(`# ${title}`);
  if (out.length > 0) out.push('');
  return out;
}

function withoutLeadingBlanks(lines: readonly string[]): string[] {
  let k = 0;
  while (k < lines.length && lines[k]!.trim().length === 0) k++;
  return lines.slice(k);
}

/**
 * The output of a rendering: the marker for the markup left behind, the fixed
 * top lines, then the body condensed. `basis` is the whole rendering (top, body,
 * tail), which the engine checks the output against line by line.
 */
function rendered(page: string, markup: string, top: readonly string[], body: readonly Item[], tail: readonly string[], ctx: CompressContext): Compressed {
  const est = ctx.estimateTokens;
  const budget = ctx.budgetTokens * (ctx.budgetGiven ? 1 : ARTICLE_BUDGETS);
  const bodyText = body.map((it) => it.text);
  const fixed = est(top.join('\n'));
  let items: Item[] = [...body];
  if (tail.length > 0) {
    // The links go first when the page is over budget: the article is why it was read.
    const tailCost = est(tail.join('\n'));
    const fits = ctx.lossy === false || fixed + itemsCost(body, est) + tailCost <= budget || tailCost <= LINKS_MARKER_TOKENS;
    if (fits) items.push(...tail.map((text) => ({ text })));
    else items.push({ text: '' }, { text: '', omitted: { count: tail.length - 1, what: 'links of the article' } });
  }
  const condensed = condenseItems(items, { budgetTokens: Math.max(1, budget - fixed), estimateTokens: est, lossy: ctx.lossy !== false });
  const basis = `${[...top, ...bodyText, ...tail].join('\n')}\n`;
  const head = new Elisions();
  const marker = markupMarker(head, page, basis, markup);
  return {
    text: `${[marker, ...top, ...condensed.lines].join('\n')}\n`,
    elisions: [...head.list, ...condensed.elisions.list],
    form: 'rendered',
    basis,
  };
}

function fromArticle(a: Article, text: string, ctx: CompressContext): Compressed {
  let bodyLines = a.markdown.split('\n');
  // Readability often repeats the title as the body's first heading.
  const first = bodyLines.findIndex((l) => l.trim().length > 0);
  if (first >= 0 && a.title && bodyLines[first]!.replace(/^#+\s*/, '').trim() === a.title) bodyLines = bodyLines.slice(first + 1);
  const links = a.links.length > 0 ? ['', 'Links:', ...a.links.map((l) => `- ${l.text}: ${l.href}`)] : [];
  const body = itemsOf(withoutLeadingBlanks(bodyLines));
  const top = titleLines(a.pageTitle, a.pageTitleSource, a.title);
  return rendered(text, 'page markup outside the article: navigation, scripts, styles', top, body, links, ctx);
}

function fromStripped(text: string, ctx: CompressContext): Compressed {
  const page = stripHtml(text);
  const sources = headingSources(text);
  const lines = sources.size > 0 ? page.lines.map((l) => headingAsWritten(l, sources)) : page.lines;
  return rendered(text, 'page markup, scripts, styles and navigation', titleLines('', '', page.title), itemsOf(lines), [], ctx);
}

function fromXml(text: string, ctx: CompressContext): Compressed {
  const outline = outlineXml(text);
  const head = new Elisions();
  const marker = outline.dropped > 0 ? head.omit(outline.dropped, 'items', 'XML comments and declarations') : '';
  let items: Item[] = itemsOf(outline.lines);
  // Long runs of sibling elements are the elements' content: they go only from a large document.
  if (ctx.lossy !== false) {
    for (const [h, t] of [
      [3, 1],
      [1, 1],
    ] as const) {
      if (itemsCost(items, ctx.estimateTokens) <= ctx.budgetTokens) break;
      items = collapseSiblingRuns(items, h, t);
    }
  }
  const condensed = condenseItems(items, { budgetTokens: ctx.budgetTokens, estimateTokens: ctx.estimateTokens, lossy: ctx.lossy !== false });
  const lines = marker ? [marker, ...condensed.lines] : condensed.lines;
  return {
    text: `${lines.join('\n')}\n`,
    elisions: [...head.list, ...condensed.elisions.list],
    form: 'rendered',
    basis: `${outline.lines.join('\n')}\n`,
  };
}

export const htmlCompressor: Compressor = {
  name: 'html-main-content',
  type: 'html',
  score: htmlScore,
  prepare: loadArticleLibraries,
  compress(text: string, ctx: CompressContext): Compressed {
    if (text.trim().length === 0 || hasMarker(text)) return { text, elisions: [] };
    const sniff = text.slice(0, SNIFF_CHARS);
    const trimmed = sniff.trimStart();
    // XHTML may open with <?xml too; otherwise markup without HTML's usual tags is XML.
    const isXml = trimmed.startsWith('<?xml')
      ? !/<!doctype html|<html[\s>]/i.test(sniff)
      : trimmed.startsWith('<') && !HTML_SIGNS.test(sniff);
    let out: Compressed;
    if (isXml) out = fromXml(text, ctx);
    else {
      let article: Article | null = null;
      try {
        article = extractArticle(text);
      } catch {
        article = null; // odd markup: the linear fallback still reads it
      }
      out = article ? fromArticle(article, text, ctx) : fromStripped(text, ctx);
    }
    const { trailingNewline } = splitLines(text);
    const result = joinLines(splitLines(out.text).lines, trailingNewline);
    if (ctx.estimateTokens(result) >= ctx.estimateTokens(text)) return { text, elisions: [] };
    return { ...out, text: result };
  },
};
