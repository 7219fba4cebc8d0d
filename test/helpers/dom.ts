import { parseHTML } from 'linkedom';

// A parsed HTML page to query in tests. The project's lib has no "dom", so the
// few members the tests touch are described here; linkedom provides them.

export interface El {
  readonly textContent: string | null;
  readonly className: string;
  getAttribute(name: string): string | null;
}

export interface Doc {
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  getElementById(id: string): El | null;
}

export const parsePage = (html: string): Doc => parseHTML(html).document as unknown as Doc;

export const countIn = (doc: Doc, selector: string): number => doc.querySelectorAll(selector).length;
