import type { DomNode, QueryRoot } from './dom.js';
import { collapseSpace } from './scan.js';

// Whether Readability's article is the page's document. Readability picks the
// best container, which on a reference page can be one section of several
// (Sphinx's C API pages keep the struct and lose every function after it) or
// the paragraphs without their headings (pod2html, gtk-doc). What it left out
// would go with a marker that names only markup, so the page is measured
// before Readability runs, and an article that lost much of it is refused:
// the linear rendering keeps it all.

/** Headings a page needs before their loss says anything, and the share the article must keep. */
const MIN_HEADINGS = 3;
const MIN_HEADINGS_KEPT = 0.8;
/** Paragraph text a page needs before its loss says anything, and the share the article must keep. */
const MIN_PARAGRAPH_CHARS = 2000;
const MIN_PARAGRAPHS_KEPT = 0.85;
/** Shorter paragraphs (captions, bylines, "Note") say little about where the text went. */
const PARAGRAPH_MIN = 40;

/** Containers whose headings and paragraphs are page furniture, not the document's. */
const FURNITURE =
  'nav *, aside *, footer *, [role="navigation"] *, [role="complementary"] *, [role="banner"] *, [role="contentinfo"] *';
/** A <header> inside these is its section's header (the HTML spec's rule), not the page's banner. */
const SECTIONING = new Set(['ARTICLE', 'SECTION', 'MAIN', 'ASIDE', 'NAV']);
/** A heading's permalink sign at its end (Sphinx's ¶). */
const PERMALINK_TAIL = /\s*[¶§🔗]$/u;

export interface Heading {
  readonly level: number;
  readonly text: string;
}

export interface Coverage {
  /** The page's headings outside its furniture, in order. */
  readonly headings: readonly Heading[];
  /** Its paragraphs' text outside its furniture, whitespace collapsed. */
  readonly paragraphs: readonly string[];
}

/** Whether a <header> is the page's banner: it is inside no sectioning element. */
function isBanner(header: DomNode): boolean {
  for (let p = header.parentNode; p; p = p.parentNode) if (SECTIONING.has(String(p.nodeName).toUpperCase())) return false;
  return true;
}

function furnitureOf(doc: QueryRoot): Set<DomNode> {
  const furniture = new Set<DomNode>(Array.from(doc.querySelectorAll(FURNITURE)));
  for (const header of Array.from(doc.querySelectorAll('header'))) {
    if (isBanner(header)) for (const h of Array.from(header.querySelectorAll?.('*') ?? [])) furniture.add(h);
  }
  return furniture;
}

/** What the page holds outside its furniture: read before Readability, which rewrites the document. */
export function contentCoverage(doc: QueryRoot): Coverage {
  const furniture = furnitureOf(doc);
  const headings: Heading[] = [];
  for (const h of Array.from(doc.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    if (furniture.has(h)) continue;
    const t = collapseSpace(h.textContent ?? '').replace(PERMALINK_TAIL, '');
    if (t.length >= 2) headings.push({ level: Number(String(h.nodeName).slice(1)), text: t });
  }
  const paragraphs: string[] = [];
  for (const p of Array.from(doc.querySelectorAll('p'))) {
    if (furniture.has(p)) continue;
    const t = plain(p.textContent ?? '');
    if (t.length >= PARAGRAPH_MIN) paragraphs.push(t);
  }
  return { headings, paragraphs };
}

/** Text compared without what the markdown rendering adds to it: code ticks, whitespace. */
function plain(s: string): string {
  return collapseSpace(s.replace(/`/g, ''));
}

/** Whether the article's markdown holds enough of the page's headings and paragraph text. */
export function coverageHolds(c: Coverage, markdown: string): boolean {
  if (c.headings.length >= MIN_HEADINGS) {
    let kept = 0;
    for (const h of c.headings) if (markdown.includes(h.text)) kept++;
    if (kept / c.headings.length < MIN_HEADINGS_KEPT) return false;
  }
  let total = 0;
  for (const p of c.paragraphs) total += p.length;
  if (total < MIN_PARAGRAPH_CHARS) return true;
  const text = plain(markdown);
  let kept = 0;
  for (const p of c.paragraphs) if (text.includes(p)) kept += p.length;
  return kept / total >= MIN_PARAGRAPHS_KEPT;
}
