// Writing side of the cache-safe rewrite: new string literals, and one pass
// that splices them into the raw body while copying every other byte as is.

/**
 * The JSON string literal for `text`. JSON.stringify on a string is exactly
 * that: it escapes quotes, backslashes and control characters, and since
 * ES2019 (well-formed JSON.stringify) it writes lone surrogates as \uXXXX, so
 * the literal is valid JSON and encodes to valid UTF-8 whatever the text holds.
 */
export function toJsonString(text: string): string {
  return JSON.stringify(text);
}

/** One replacement: body[start, end) becomes `literal`. */
export interface BodyEdit {
  readonly start: number;
  readonly end: number;
  readonly literal: string;
}

/**
 * Applies non-overlapping edits in one pass (any order given). Throws a
 * RangeError on overlapping or out-of-range edits rather than guess which wins.
 */
export function spliceBody(body: string, edits: readonly BodyEdit[]): string {
  if (edits.length === 0) return body;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.start > e.end || e.end > body.length) {
      throw new RangeError(`Edit [${e.start}, ${e.end}) is outside a body of ${body.length} characters`);
    }
    if (e.start < at) throw new RangeError(`Edit [${e.start}, ${e.end}) overlaps the previous edit ending at ${at}`);
    parts.push(body.slice(at, e.start), e.literal);
    at = e.end;
  }
  parts.push(body.slice(at));
  return parts.join('');
}
