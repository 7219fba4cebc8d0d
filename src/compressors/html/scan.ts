// Markup scanning primitives for the linear fallbacks (html-strip, html-xml):
// each call moves forward through the text, so a whole scan is linear even on
// malformed or adversarial markup.

export type TagKind = 'open' | 'close' | 'comment' | 'decl' | 'cdata';

export interface TagStart {
  readonly kind: TagKind;
  /** Lower-cased element name ('' for comments, declarations, CDATA). */
  readonly name: string;
  /** Where the construct ends (exclusive) for comments, declarations and CDATA. */
  readonly end: number;
  /** `<x/>` */
  readonly selfClosing: boolean;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95 || c === 46;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function after(text: string, pat: string, from: number): number {
  const k = text.indexOf(pat, from);
  return k < 0 ? text.length : k + pat.length;
}

/** What starts at `lt` (a '<'), or null when it is a stray '<' in text. */
export function tagAt(text: string, lt: number): TagStart | null {
  const c1 = text.charCodeAt(lt + 1);
  if (c1 === 33 /* ! */) {
    if (text.startsWith('<!--', lt)) return { kind: 'comment', name: '', end: after(text, '-->', lt + 4), selfClosing: false };
    if (text.startsWith('<![CDATA[', lt)) return { kind: 'cdata', name: '', end: after(text, ']]>', lt + 9), selfClosing: false };
    return { kind: 'decl', name: '', end: after(text, '>', lt), selfClosing: false };
  }
  if (c1 === 63 /* ? */) return { kind: 'decl', name: '', end: after(text, '>', lt), selfClosing: false };
  const closing = c1 === 47; /* / */
  const s = closing ? lt + 2 : lt + 1;
  if (!isLetter(text.charCodeAt(s))) return null;
  let e = s;
  while (e < text.length && e - s < 64 && isNameChar(text.charCodeAt(e))) e++;
  const name = text.slice(s, e).toLowerCase();
  if (closing) return { kind: 'close', name, end: -1, selfClosing: false };
  const end = findTagEnd(text, lt);
  return { kind: 'open', name, end, selfClosing: text.charCodeAt(end - 2) === 47 };
}

/**
 * Index just past the '>' that closes the tag at `lt`, skipping '>' inside
 * attribute values; an unbalanced quote falls back to the first '>'.
 */
export function findTagEnd(text: string, lt: number): number {
  let quote = 0;
  let prev = 0;
  for (let i = lt + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if ((c === 34 || c === 39) && prev === 61 /* = */) quote = c;
    else if (c === 62 /* > */) return i + 1;
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) prev = c;
  }
  return after(text, '>', lt);
}

/** Next `<name` or `</name` (as `pat`) that is a whole tag name, from `from`. */
function findName(lower: string, pat: string, from: number): number {
  let k = lower.indexOf(pat, from);
  while (k >= 0 && isNameChar(lower.charCodeAt(k + pat.length))) k = lower.indexOf(pat, k + 1);
  return k;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);

/**
 * Index past the close tag matching an element opened just before `from`
 * (nesting counted), or `from` itself when it is never closed: an unclosed
 * element must not swallow the rest of the page.
 */
export function skipElement(lower: string, from: number, name: string): number {
  const close = `</${name}`;
  if (RAW_TEXT.has(name)) {
    const c = findName(lower, close, from);
    return c < 0 ? from : after(lower, '>', c);
  }
  const open = `<${name}`;
  let depth = 1;
  let j = from;
  let nextOpen = findName(lower, open, j);
  for (;;) {
    const c = findName(lower, close, j);
    if (c < 0) return from;
    while (nextOpen >= 0 && nextOpen < c) {
      depth++;
      nextOpen = findName(lower, open, nextOpen + open.length);
    }
    depth--;
    j = after(lower, '>', c);
    if (depth === 0) return j;
  }
}

const NAMED: ReadonlyMap<string, string> = new Map(Object.entries({
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™',
  middot: '·', bull: '•', deg: '°', times: '×', euro: '€', pound: '£', eacute: 'é', shy: '', zwj: '', zwnj: '',
}));

/** Decodes character references; unknown names stay as written. */
/** HTML's ASCII whitespace: a no-break space is text, kept as written. */
const HTML_SPACE = /[ \t\n\r\f]+/g;

/** Runs of HTML whitespace as one space, trimmed: text as a browser lays it out on one line. */
export function collapseSpace(s: string): string {
  return s.replace(HTML_SPACE, ' ').trim();
}

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,9}));/g, (m, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED.get(name) ?? m;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return m;
    return String.fromCodePoint(cp);
  });
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

export interface MarkupStats {
  /** Element tags seen (open and close). */
  readonly tags: number;
  /** '<' characters that start no tag. */
  readonly strayLt: number;
  /** Deepest nesting of non-void elements, counting opens minus closes. */
  readonly maxDepth: number;
}

/**
 * A quick linear survey of a page, so that inputs a DOM parser or Readability
 * would take seconds on (hundreds of thousands of tags, 100k-deep nesting, a
 * sea of stray '<') can be sent to the linear fallback before parsing. Stops
 * counting once every limit is passed.
 */
export function markupStats(html: string, limits: { tags: number; depth: number }): MarkupStats {
  const lower = html.toLowerCase();
  let tags = 0;
  let strayLt = 0;
  let depth = 0;
  let maxDepth = 0;
  let i = 0;
  while (i < html.length && (tags <= limits.tags || maxDepth <= limits.depth) && strayLt <= limits.tags) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const tag = tagAt(html, lt);
    if (!tag) {
      strayLt++;
      i = lt + 1;
      continue;
    }
    if (tag.kind !== 'open' && tag.kind !== 'close') {
      i = tag.end;
      continue;
    }
    tags++;
    if (tag.kind === 'close') {
      depth = Math.max(0, depth - 1);
      i = lt + 2;
      continue;
    }
    i = tag.end;
    if (RAW_TEXT.has(tag.name)) i = Math.max(i, skipElement(lower, tag.end, tag.name));
    else if (!tag.selfClosing && !VOID.has(tag.name)) maxDepth = Math.max(maxDepth, ++depth);
  }
  return { tags, strayLt, maxDepth };
}
