import { isAscii, isUtf8 } from 'node:buffer';
import type { ToolOutput } from './providers/types.js';

// A request body read as bytes. JSON's structure is ASCII, so the body is
// parsed as latin1 text (one character per byte: offsets are byte offsets)
// after one check that it is valid UTF-8. Decoding UTF-8 into a JS string,
// hashing strings (a conversion back to UTF-8 each time) and encoding the
// rewritten body again cost most of a request's time on the event loop,
// which 200 requests at once share. Only what needs its real text, the tool
// outputs with non-ASCII bytes, is decoded as UTF-8.

export type Span = { readonly start: number; readonly end: number };
/** One replacement of body bytes [start, end) by a literal's UTF-8 bytes. */
export type ByteEdit = Span & { readonly bytes: Buffer };

/** The body as latin1 text for the adapters; throws on invalid UTF-8, which is sent on untouched. */
export function bodyText(raw: Buffer): string {
  if (!isUtf8(raw)) throw new TypeError('request body is not valid UTF-8');
  return raw.toString('latin1');
}

/** A string read from the latin1 text, as the UTF-8 it was (names are rarely anything but ASCII). */
function utf8Name(s: string | undefined): string | undefined {
  // Only characters up to 0xFF come from latin1 bytes; a higher one came from a \u escape and is already right.
  if (s === undefined || !/[\x80-\xff]/.test(s) || /[^\x00-\xff]/.test(s)) return s;
  return Buffer.from(s, 'latin1').toString('utf8');
}

/** The output with its text (and tool name) as UTF-8, when its literal holds non-ASCII bytes; the text is still decoded on first read. */
export function utf8Output(raw: Buffer, o: ToolOutput): ToolOutput {
  const literal = raw.subarray(o.start, o.end);
  const tool = utf8Name(o.tool);
  if (isAscii(literal) && tool === o.tool) return o;
  let text: string | undefined;
  return {
    start: o.start,
    end: o.end,
    turn: o.turn,
    get text() {
      return (text ??= JSON.parse(literal.toString('utf8')) as string);
    },
    ...(tool !== undefined && { tool }),
    ...(o.callId !== undefined && { callId: o.callId }),
    ...(o.isError !== undefined && { isError: o.isError }),
    ...(o.input !== undefined && { input: o.input }),
  };
}

/** Applies non-overlapping edits in one pass, copying every other byte as is. */
export function spliceBytes(raw: Buffer, edits: readonly ByteEdit[]): Buffer {
  if (edits.length === 0) return raw;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > raw.length) throw new RangeError(`edit [${e.start}, ${e.end}) overlaps or is outside the body`);
    parts.push(raw.subarray(at, e.start), e.bytes);
    at = e.end;
  }
  parts.push(raw.subarray(at));
  return Buffer.concat(parts);
}

/** Spans of the original body moved to where they sit after the edits. */
export function shiftSpans(spans: readonly Span[], edits: readonly ByteEdit[]): Span[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const shift = (offset: number): number => {
    let d = 0;
    for (const e of sorted) if (e.end <= offset) d += e.bytes.length - (e.end - e.start);
    return offset + d;
  };
  return spans.map((t) => ({ start: shift(t.start), end: shift(t.end) }));
}
