import { collapseSpace, decodeEntities, findTagEnd, skipElement, tagAt } from './scan.js';

// The fallback when Readability finds no article (fragments, huge pages, odd
// markup): one linear pass that drops scripts, styles, navigation and markup and
// keeps the text, one line per block element, headings and list items marked
// as in markdown.

/** Elements whose content is never text a reader sees. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'select', 'button']);
/** Page furniture, skipped with its content unless that leaves no text at all. */
const FURNITURE = new Set(['nav', 'footer', 'aside', 'form', 'dialog']);
/** Furniture by its ARIA landmark role, on any element (Sphinx's sidebar and related bars are divs). */
const FURNITURE_ROLE = /\srole\s*=\s*["']?(?:navigation|complementary|contentinfo|search)\b/i;
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul', 'option', 'head', 'title',
]);

export interface StrippedPage {
  readonly title: string;
  readonly lines: string[];
}

export function stripHtml(html: string): StrippedPage {
  const page = strip(html, true);
  return page.lines.length > 0 ? page : strip(html, false);
}

function strip(html: string, skipFurniture: boolean): StrippedPage {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let cur = '';
  let prefix = '';
  let pre = 0;
  let title = '';
  const flush = () => {
    const t = pre > 0 ? cur.trimEnd() : collapseSpace(cur);
    if (t.trim()) out.push(prefix + t);
    cur = '';
    if (pre === 0) prefix = '';
  };
  const addText = (raw: string) => {
    const s = decodeEntities(raw);
    if (pre === 0) {
      cur += s;
      return;
    }
    const parts = s.split('\n');
    for (let k = 0; k < parts.length; k++) {
      if (k > 0) flush();
      cur += parts[k]!;
    }
  };
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      addText(html.slice(i));
      break;
    }
    if (lt > i) addText(html.slice(i, lt));
    const tag = tagAt(html, lt);
    if (!tag) {
      addText('<');
      i = lt + 1;
      continue;
    }
    if (tag.kind === 'comment' || tag.kind === 'decl') {
      i = tag.end;
      continue;
    }
    if (tag.kind === 'cdata') {
      addText(html.slice(lt + 9, tag.end - 3));
      i = tag.end;
      continue;
    }
    const end = tag.kind === 'open' ? tag.end : findTagEnd(html, lt);
    i = end;
    const name = tag.name;
    const furniture = skipFurniture && tag.kind === 'open' && (FURNITURE.has(name) || FURNITURE_ROLE.test(html.slice(lt, end)));
    if (tag.kind === 'open' && !tag.selfClosing && (SKIP.has(name) || furniture)) {
      i = skipElement(lower, end, name);
      continue;
    }
    if (tag.kind === 'open' && name === 'title') {
      const close = lower.indexOf('</title', end);
      const stop = close < 0 ? n : close;
      if (!title) title = collapseSpace(decodeEntities(html.slice(end, stop)));
      i = close < 0 ? n : findTagEnd(html, close);
      continue;
    }
    if (name === 'td' || name === 'th') {
      // Cells of a row stay on the row's line.
      if (tag.kind === 'open' && cur.trim()) cur += ' | ';
      continue;
    }
    if (!BLOCK.has(name)) continue;
    flush();
    if (name === 'pre') pre = Math.max(0, pre + (tag.kind === 'open' ? 1 : -1));
    if (tag.kind !== 'open') continue;
    if (name.length === 2 && name[0] === 'h' && name[1]! >= '1' && name[1]! <= '6') prefix = `${'#'.repeat(Number(name[1]))} `;
    else if (name === 'li') prefix = '- ';
  }
  flush();
  const lines: string[] = [];
  for (const l of out) if (lines[lines.length - 1] !== l) lines.push(l);
  return { title, lines };
}
