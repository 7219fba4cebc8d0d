import { type Article, extractArticle, loadArticleLibraries } from './article.js';
import { htmlScore } from './score.js';
import { stripHtml } from './strip.js';
import { collapseSiblingRuns, outlineXml } from './xml.js';
import { joinLines, splitLines } from '../lines.js';
import { Elisions, hasMarker } from '../marker.js';
import { condenseItems, condenseLines, itemsCost, type Item, itemsOf } from '../prose/index.js';
import type { Compressed, CompressContext, Compressor, Elision } from '../types.js';

// Web pages become their main content as markdown (Readability + turndown);
// pages without an article become their text, one line per block; XML becomes
// an indented outline. The article body is what the reader asked for, so it is
// cut only when it is many times the budget.

/** An article is trimmed only beyond this many budgets: its sentences are the point of the page. */
const ARTICLE_BUDGETS = 8;
/** Looked at to tell HTML from other XML. */
const SNIFF_CHARS = 4096;

const HTML_SIGNS = /<(?:!doctype html|html|head|body|div|p|span|a|table|ul|ol|li|h[1-6]|meta|script|link|br|img|section|article)[\s>/]/i;

function markupMarker(el: Elisions, text: string, lineCount: number, what: string): string {
  // Minified pages are one line: count characters then, so the number means something.
  return lineCount >= 20 ? el.omit(lineCount, 'lines', what) : el.omit(text.length, 'chars', what);
}

function titleLines(pageTitle: string, title: string): string[] {
  const out: string[] = [];
  if (pageTitle && pageTitle !== title) out.push(pageTitle);
  if (title) out.push(`# ${title}`);
  else if (!pageTitle) return out;
  out.push('');
  return out;
}

function fromArticle(a: Article, text: string, lineCount: number, ctx: CompressContext): Compressed {
  const head = new Elisions();
  const top = [
    ...titleLines(a.pageTitle, a.title),
    markupMarker(head, text, lineCount, 'page markup outside the article: navigation, scripts, styles, boilerplate'),
    '',
  ];
  let bodyLines = a.markdown.split('\n');
  // Readability often repeats the title as the body's first heading.
  const first = bodyLines.findIndex((l) => l.trim().length > 0);
  if (first >= 0 && a.title && bodyLines[first]!.replace(/^#+\s*/, '').trim() === a.title) bodyLines = bodyLines.slice(first + 1);
  const fixed = ctx.estimateTokens(top.join('\n'));
  const bodyBudget = Math.max(1, ctx.budgetTokens - fixed);
  const body = condenseLines(bodyLines, {
    budgetTokens: bodyBudget * ARTICLE_BUDGETS,
    estimateTokens: ctx.estimateTokens,
  });
  const tail: string[] = [];
  const tailEl = new Elisions();
  if (a.links.length > 0) {
    const links = ['', 'Links:', ...a.links.map((l) => `- ${l.text}: ${l.href}`)];
    const total = fixed + ctx.estimateTokens(body.lines.join('\n')) + ctx.estimateTokens(links.join('\n'));
    if (total <= ctx.budgetTokens) tail.push(...links);
    else tail.push('', tailEl.omit(a.links.length, 'links', 'URLs of the links in the article'));
  }
  const lines = [...top, ...body.lines, ...tail];
  const elisions: Elision[] = [...head.list, ...body.elisions.list, ...tailEl.list];
  return { text: `${lines.join('\n')}\n`, elisions };
}

function fromStripped(text: string, lineCount: number, ctx: CompressContext): Compressed {
  const page = stripHtml(text);
  const head = new Elisions();
  const top = [...titleLines('', page.title), markupMarker(head, text, lineCount, 'markup, scripts, styles and navigation'), ''];
  const budget = Math.max(1, ctx.budgetTokens - ctx.estimateTokens(top.join('\n')));
  const body = condenseLines(page.lines, { budgetTokens: budget, estimateTokens: ctx.estimateTokens });
  return { text: `${[...top, ...body.lines].join('\n')}\n`, elisions: [...head.list, ...body.elisions.list] };
}

function fromXml(text: string, ctx: CompressContext): Compressed {
  const outline = outlineXml(text);
  const head = new Elisions();
  const top = outline.dropped > 0 ? [head.omit(outline.dropped, 'items', 'XML comments and declarations')] : [];
  const budget = Math.max(1, ctx.budgetTokens - ctx.estimateTokens(top.join('\n')));
  let items: Item[] = itemsOf(outline.lines);
  for (const [h, t] of [
    [3, 1],
    [1, 1],
  ] as const) {
    if (itemsCost(items, ctx.estimateTokens) <= budget) break;
    items = collapseSiblingRuns(items, h, t);
  }
  const body = condenseItems(items, { budgetTokens: budget, estimateTokens: ctx.estimateTokens });
  return { text: `${[...top, ...body.lines].join('\n')}\n`, elisions: [...head.list, ...body.elisions.list] };
}

function countLines(text: string): number {
  return splitLines(text).lines.length;
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
      const lineCount = countLines(text);
      let article: Article | null = null;
      try {
        article = extractArticle(text);
      } catch {
        article = null; // odd markup: the linear fallback still reads it
      }
      out = article ? fromArticle(article, text, lineCount, ctx) : fromStripped(text, lineCount, ctx);
    }
    const { trailingNewline } = splitLines(text);
    const result = joinLines(splitLines(out.text).lines, trailingNewline);
    if (ctx.estimateTokens(result) >= ctx.estimateTokens(text)) return { text, elisions: [] };
    return { text: result, elisions: out.elisions };
  },
};
