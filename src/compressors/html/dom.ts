// The DOM types are not in this project's lib (no "dom"), so the few members we
// touch are described here; linkedom and Readability satisfy them at run time.

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode?: DomNode | null;
  getAttribute?(name: string): string | null;
  querySelectorAll?(selector: string): ArrayLike<DomNode>;
}

export interface QueryRoot {
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}
