import { StringDecoder } from 'node:string_decoder';
import { sseField } from './sse-parser.js';

// Splits an SSE stream into whole events while keeping each event's exact
// text, so an event the proxy does not edit goes to the client as it came.
// Unlike SseParser (which only reads a copy), this one's output IS the answer.

export interface Frame {
  /** The event's text as received, blank line included. */
  readonly raw: string;
  /** The `event:` field, or 'message' when there is none. */
  readonly event: string;
  /** The joined `data:` lines; undefined for comment-only frames (keep-alive pings). */
  readonly data: string | undefined;
}

/** A line end followed by an empty line: the end of one event. */
const BOUNDARY = /(?:\r\n|\r(?!\n)|\n)(?:\r\n|\r(?!\n)|\n)/g;

export function frameFields(raw: string): Frame {
  let event = '';
  const data: string[] = [];
  for (const line of raw.split(/\r\n|\r|\n/)) {
    const f = line === '' ? undefined : sseField(line);
    if (!f) continue;
    if (f.field === 'event') event = f.value;
    else if (f.field === 'data') data.push(f.value);
  }
  return { raw, event: event || 'message', data: data.length > 0 ? data.join('\n') : undefined };
}

/** A new event's text, for events the proxy had to change; named only when the provider names its events. */
export function frameText(event: string, data: unknown): string {
  const line = `data: ${JSON.stringify(data)}\n\n`;
  return event === 'message' ? line : `event: ${event}\n${line}`;
}

export class SseFramer {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** The events a chunk completes. */
  push(chunk: Buffer): Frame[] {
    // What was pending holds no complete boundary: only its last 3 characters
    // can start one, so a large event arriving in many chunks is scanned once.
    const scanFrom = Math.max(0, this.pending.length - 3);
    this.pending += this.decoder.write(chunk);
    const out: Frame[] = [];
    let from = 0;
    BOUNDARY.lastIndex = scanFrom;
    for (let m = BOUNDARY.exec(this.pending); m !== null; m = BOUNDARY.exec(this.pending)) {
      // A "\r" closing the text may be the first half of "\r\n": wait for the next chunk.
      if (m.index + m[0].length === this.pending.length && this.pending.endsWith('\r')) break;
      const end = m.index + m[0].length;
      out.push(frameFields(this.pending.slice(from, end)));
      from = end;
    }
    this.pending = this.pending.slice(from);
    return out;
  }

  /** The stream ended: whatever is left, as one last (unterminated) frame so no byte is lost. */
  end(): Frame[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return rest === '' ? [] : [frameFields(rest)];
  }
}
