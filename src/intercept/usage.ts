import zlib from 'node:zlib';
import { SseParser } from './sse-parser.js';
import { isJsonObject as isObj } from '../json-object.js';

// Reads token usage from answers as they pass through the proxy, without
// touching them: the tap gets a copy of each chunk after it was handed on.
// Every provider reports usage differently; they are normalised here so that
// `input` never includes cached tokens and the four fields add up to what was
// billed:
//   Anthropic   message_start.message.usage {input_tokens, cache_read_input_tokens,
//               cache_creation_input_tokens, output_tokens}, message_delta.usage.output_tokens
//   Chat        usage {prompt_tokens (cached included), prompt_tokens_details.cached_tokens, completion_tokens}
//   Responses   response.usage {input_tokens (cached included), input_tokens_details.cached_tokens, output_tokens}
//   Gemini      usageMetadata {promptTokenCount (cached included), cachedContentTokenCount,
//               candidatesTokenCount, thoughtsTokenCount}
// Streams repeat cumulative counts (Anthropic's output, Gemini's every chunk):
// within one answer the last value of each field wins.

export interface Usage {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
}

export const zeroUsage = (): Usage => ({ input: 0, cacheRead: 0, cacheWrite: 0, output: 0 });

/** A non-streamed JSON answer larger than this is not read (answers with usage are small). */
const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** Compressed bytes the decompressor may fall behind by before the tap gives up. */
const MAX_INFLATE_BACKLOG = 16 * 1024 * 1024;

/** Every usage-bearing payload has one of these keys with an object value (`"usage": null` has none). */
const USAGE_HINT = /"usage(?:Metadata)?"\s*:\s*\{/;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function anthropic(u: unknown): Partial<Usage> | undefined {
  if (!isObj(u)) return undefined;
  const out: Partial<Usage> = {};
  const input = num(u.input_tokens);
  const cacheRead = num(u.cache_read_input_tokens);
  const cacheWrite = num(u.cache_creation_input_tokens);
  const output = num(u.output_tokens);
  if (input !== undefined) out.input = input;
  if (cacheRead !== undefined) out.cacheRead = cacheRead;
  if (cacheWrite !== undefined) out.cacheWrite = cacheWrite;
  if (output !== undefined) out.output = output;
  return out;
}

/** Chat, Responses and Gemini count cached tokens inside the prompt total. */
function inclusive(total: number | undefined, cached: number | undefined, output: number | undefined): Partial<Usage> {
  const out: Partial<Usage> = {};
  if (total !== undefined) out.input = Math.max(0, total - (cached ?? 0));
  if (cached !== undefined) out.cacheRead = cached;
  if (output !== undefined) out.output = output;
  return out;
}

function chat(u: unknown): Partial<Usage> | undefined {
  if (!isObj(u)) return undefined;
  const details = isObj(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
  return inclusive(num(u.prompt_tokens), num(details.cached_tokens), num(u.completion_tokens));
}

function responses(u: unknown): Partial<Usage> | undefined {
  if (!isObj(u)) return undefined;
  const details = isObj(u.input_tokens_details) ? u.input_tokens_details : {};
  return inclusive(num(u.input_tokens), num(details.cached_tokens), num(u.output_tokens));
}

function gemini(u: unknown): Partial<Usage> | undefined {
  if (!isObj(u)) return undefined;
  const candidates = num(u.candidatesTokenCount);
  const thoughts = num(u.thoughtsTokenCount);
  const output = candidates === undefined && thoughts === undefined ? undefined : (candidates ?? 0) + (thoughts ?? 0);
  return inclusive(num(u.promptTokenCount), num(u.cachedContentTokenCount), output);
}

/** The usage one decoded event or JSON answer carries, whatever the provider. */
export function usageOf(value: unknown): Partial<Usage> | undefined {
  if (!isObj(value)) return undefined;
  const type = typeof value.type === 'string' ? value.type : '';
  if (type === 'message_start' && isObj(value.message)) return anthropic(value.message.usage);
  if (type === 'message_delta' || type === 'message') return anthropic(value.usage);
  if (type.startsWith('response.') && isObj(value.response)) return responses(value.response.usage);
  if (value.object === 'response') return responses(value.usage);
  if (isObj(value.usage) && num(value.usage.prompt_tokens) !== undefined) return chat(value.usage);
  if (isObj(value.usageMetadata)) return gemini(value.usageMetadata);
  return undefined;
}

type Sink = { write(chunk: Buffer): void; end(): void };

/**
 * Watches one answer. `onDone` gets the usage it carried, or undefined when it
 * carried none (or could not be read). Never throws: any problem turns the tap off.
 */
export class UsageTap {
  private usage: Usage | undefined;
  private sink: Sink | undefined;
  private inflater: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined;
  private done = false;

  constructor(
    contentType: string | undefined,
    contentEncoding: string | undefined,
    private readonly onDone: (usage: Usage | undefined) => void,
  ) {
    const type = (contentType ?? '').toLowerCase();
    if (type.includes('text/event-stream')) {
      const parser = new SseParser((e) => this.json(e.data));
      this.sink = { write: (c) => parser.write(c), end: () => parser.end() };
    } else if (type.includes('json')) {
      this.sink = this.jsonSink();
    }
    if (this.sink) this.inflater = this.makeInflater(contentEncoding);
  }

  /** A copy of the next chunk of the answer, as it came from upstream (still encoded). */
  write(chunk: Buffer): void {
    if (!this.sink || this.done) return;
    this.guard(() => {
      if (!this.inflater) return this.sink?.write(chunk);
      if (this.inflater.writableLength > MAX_INFLATE_BACKLOG) return this.stop();
      this.inflater.write(chunk);
    });
  }

  /** The answer ended (normally or not): report what was seen. */
  end(): void {
    if (this.done) return;
    if (!this.sink) return this.finish();
    this.guard(() => {
      if (this.inflater) this.inflater.end();
      else {
        this.sink?.end();
        this.finish();
      }
    });
  }

  private makeInflater(encoding: string | undefined): UsageTap['inflater'] {
    const enc = (encoding ?? 'identity').trim().toLowerCase();
    if (enc === '' || enc === 'identity') return undefined;
    const inflater =
      enc === 'gzip' || enc === 'x-gzip' ? zlib.createGunzip()
      : enc === 'deflate' ? zlib.createInflate()
      : enc === 'br' ? zlib.createBrotliDecompress()
      : undefined;
    if (!inflater) {
      this.sink = undefined; // zstd, or stacked encodings: pass through, count nothing
      return undefined;
    }
    inflater.on('data', (c: Buffer) => this.guard(() => this.sink?.write(c)));
    inflater.on('end', () => this.guard(() => {
      this.sink?.end();
      this.finish();
    }));
    // A truncated or corrupt stream: keep what was read before the damage.
    inflater.on('error', () => this.finish());
    return inflater;
  }

  private jsonSink(): Sink {
    const parts: Buffer[] = [];
    let size = 0;
    return {
      write: (c) => {
        size += c.length;
        if (size > MAX_JSON_BYTES) parts.length = 0;
        else parts.push(c);
      },
      end: () => {
        if (size <= MAX_JSON_BYTES) this.json(Buffer.concat(parts).toString('utf8'));
      },
    };
  }

  private json(text: string): void {
    // Most events are text deltas: skip them without parsing.
    if (!USAGE_HINT.test(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return; // "[DONE]", pings, or a body that is not JSON: nothing to count
    }
    for (const item of Array.isArray(value) ? value : [value]) this.add(usageOf(item));
  }

  private add(part: Partial<Usage> | undefined): void {
    if (!part || Object.keys(part).length === 0) return;
    this.usage = { ...(this.usage ?? zeroUsage()), ...part };
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch {
      this.stop();
    }
  }

  private stop(): void {
    this.sink = undefined;
    this.inflater?.destroy();
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.onDone(this.usage);
  }
}
