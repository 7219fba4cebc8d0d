import { StringDecoder } from 'node:string_decoder';

// An incremental Server-Sent Events parser (the WHATWG event-stream rules):
// chunks may split an event, a line, a "\r\n" pair or a UTF-8 sequence
// anywhere. It only reads a copy of the stream, so memory is bounded: an event
// whose data grows past `maxEventBytes` is dropped, never buffered further.

export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

export const DEFAULT_MAX_EVENT_BYTES = 4 * 1024 * 1024;

/** One non-blank line of an event: its field and value (one leading space dropped), or undefined for a comment. */
export function sseField(line: string): { readonly field: string; readonly value: string } | undefined {
  if (line.charCodeAt(0) === 58) return undefined; // ":" comment, e.g. keep-alive pings
  const colon = line.indexOf(':');
  const field = colon < 0 ? line : line.slice(0, colon);
  const value = colon < 0 ? '' : line.slice(colon + 1);
  return { field, value: value.charCodeAt(0) === 32 ? value.slice(1) : value };
}

export class SseParser {
  private readonly decoder = new StringDecoder('utf8');
  /** The unfinished last line of the previous chunk. */
  private pending = '';
  /** A chunk ended on "\r": a "\n" opening the next chunk belongs to it. */
  private skipLf = false;
  private event = '';
  private data: string[] = [];
  private dataSize = 0;
  private oversize = false;
  /** The current line outgrew the cap: ignore it up to its end. */
  private dropLine = false;
  private readonly lineEnd = /[\r\n]/g;

  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    private readonly maxEventBytes = DEFAULT_MAX_EVENT_BYTES,
  ) {}

  write(chunk: Buffer): void {
    this.feed(this.decoder.write(chunk));
  }

  /** End of stream: a last event without its blank line is not dispatched, as the spec says. */
  end(): void {
    this.feed(this.decoder.end());
    this.pending = '';
    this.dropLine = false;
    this.reset();
  }

  private feed(text: string): void {
    let start = 0;
    if (this.skipLf && text.length > 0) {
      if (text.charCodeAt(0) === 10) start = 1;
      this.skipLf = false;
    }
    // A regex scan: much faster than a loop over every character of the stream.
    const eol = this.lineEnd;
    eol.lastIndex = start;
    for (let m = eol.exec(text); m !== null; m = eol.exec(text)) {
      let i = m.index;
      const line = this.pending + text.slice(start, i);
      this.pending = '';
      const dropped = this.dropLine;
      this.dropLine = false;
      if (text.charCodeAt(i) === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else {
          this.skipLf = true;
        }
      }
      start = i + 1;
      eol.lastIndex = start;
      if (!dropped) this.line(line);
    }
    if (start < text.length) {
      // Never hold more than one event's worth of an unterminated line.
      if (this.pending.length + text.length - start > this.maxEventBytes) {
        this.pending = '';
        this.oversize = true;
        this.dropLine = true;
      } else if (!this.dropLine) {
        this.pending += text.slice(start);
      }
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (!this.oversize && this.data.length > 0) this.onEvent({ event: this.event || 'message', data: this.data.join('\n') });
      this.reset();
      return;
    }
    const f = sseField(line);
    if (!f) return;
    const { field, value } = f;
    if (field === 'event') this.event = value;
    else if (field === 'data' && !this.oversize) {
      this.dataSize += value.length + 1;
      if (this.dataSize > this.maxEventBytes) {
        this.oversize = true;
        this.data = [];
      } else {
        this.data.push(value);
      }
    }
  }

  private reset(): void {
    this.event = '';
    this.data = [];
    this.dataSize = 0;
    this.oversize = false;
  }
}
