import { collapseSpace, decodeEntities } from './scan.js';

// Titles and headings as the page's source writes them. The rendering decodes
// character references (`&lt;` becomes `<`) and collapses spaces, which is
// what a reader of the body needs; but a heading is also how the reader finds
// their place in the file, to search it or edit it, and there only the source
// form matches (`Class Optional&lt;T&gt;`). The page's <title> is already
// kept that way; headings follow it.

/** Where headings are looked for, and the longest heading text taken. */
const SCAN_CHARS = 1_000_000;
const MAX_HEADING = 300;

/**
 * The source form of each heading made of text only (no inner tags, on one
 * line) whose rendering differs from it, keyed by its rendering.
 */
export function headingSources(html: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const re = new RegExp(`<h([1-6])(?:\\s[^<>]{0,400})?>([^<>\\n]{1,${MAX_HEADING}})</h\\1\\s*>`, 'gi');
  for (const m of html.slice(0, SCAN_CHARS).matchAll(re)) {
    const written = m[2]!.trim();
    const shown = collapseSpace(decodeEntities(written));
    if (shown && written !== shown && !out.has(shown)) out.set(shown, written);
  }
  return out;
}

const HEADING_LINE = /^(#{1,6}) (.+)$/;

/** A markdown heading line with its text as the source writes it, when the source wrote it otherwise. */
export function headingAsWritten(line: string, sources: ReadonlyMap<string, string>): string {
  if (sources.size === 0 || line.charCodeAt(0) !== 35 /* # */) return line;
  const m = HEADING_LINE.exec(line);
  const written = m ? sources.get(m[2]!.trim()) : undefined;
  return written ? `${m![1]} ${written}` : line;
}
