import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type SseEvent, SseParser } from '../../src/intercept/sse-parser.js';
import { type Usage, UsageTap, usageOf } from '../../src/intercept/usage.js';
import { FAKE_USAGE, type Shape, jsonAnswer, streamEvents } from '../helpers/fake-answers.js';

// The usage tap reads a copy of each answer. These tests feed it the event
// sequences of each API, cut at awkward places, compressed, and damaged.

const SHAPES: Shape[] = ['anthropic', 'chat', 'responses', 'gemini'];

function parse(chunks: Array<string | Buffer>, max?: number): SseEvent[] {
  const events: SseEvent[] = [];
  const p = new SseParser((e) => events.push(e), max);
  for (const c of chunks) p.write(typeof c === 'string' ? Buffer.from(c) : c);
  p.end();
  return events;
}

/** Every byte its own chunk: the worst split there is. */
const bytes = (b: Buffer) => [...b].map((x) => Buffer.from([x]));

function tap(chunks: Buffer[], type = 'text/event-stream', encoding?: string): Promise<Usage | undefined> {
  return new Promise((resolve) => {
    const t = new UsageTap(type, encoding, resolve);
    for (const c of chunks) t.write(c);
    t.end();
  });
}

describe('SseParser', () => {
  it('joins multi-line data and keeps event names', () => {
    expect(parse(['event: a\ndata: 1\ndata: 2\n\n', 'data: x\n\n'])).toEqual([
      { event: 'a', data: '1\n2' },
      { event: 'message', data: 'x' },
    ]);
  });

  it('accepts \\r\\n and lone \\r line ends, also when a chunk ends between \\r and \\n', () => {
    expect(parse(['data: a\r', '\n\r', '\ndata: b\r\rdata: c\n\n'])).toEqual([
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
      { event: 'message', data: 'c' },
    ]);
  });

  it('ignores comments, unknown fields and a last event without its blank line', () => {
    expect(parse([': ping\n\nid: 7\nretry: 10\ndata: ok\n\n', 'data: cut off'])).toEqual([{ event: 'message', data: 'ok' }]);
  });

  it('decodes UTF-8 split between chunks', () => {
    const b = Buffer.from('data: héllo 日本 🎉\n\n');
    expect(parse(bytes(b))).toEqual([{ event: 'message', data: 'héllo 日本 🎉' }]);
  });

  it('drops an event over the size cap and parses the next one', () => {
    const big = `data: ${'x'.repeat(5000)}\n\n`;
    expect(parse([big.slice(0, 100), big.slice(100), 'data: after\n\n'], 1000)).toEqual([{ event: 'message', data: 'after' }]);
    const lines = `data: ${'y'.repeat(600)}\ndata: ${'y'.repeat(600)}\n\ndata: next\n\n`;
    expect(parse([lines], 1000)).toEqual([{ event: 'message', data: 'next' }]);
  });

  it('gives the same events however each API stream is cut', () => {
    for (const shape of SHAPES) {
      const whole = Buffer.from(streamEvents(shape).join(''));
      const expected = parse([whole]);
      expect(expected.length).toBeGreaterThan(3);
      expect(parse(bytes(whole))).toEqual(expected);
    }
  });
});

describe('usageOf', () => {
  it('reads each API envelope and ignores events without usage', () => {
    expect(usageOf({ type: 'message_delta', usage: { output_tokens: 9 } })).toEqual({ output: 9 });
    expect(usageOf({ type: 'response.created', response: { usage: null } })).toBeUndefined();
    expect(usageOf({ object: 'chat.completion.chunk', choices: [], usage: null })).toBeUndefined();
    expect(usageOf({ usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, thoughtsTokenCount: 4 } })).toEqual({ input: 10, output: 7 });
    expect(usageOf('[DONE]')).toBeUndefined();
    expect(usageOf(null)).toBeUndefined();
  });
});

describe('UsageTap', () => {
  for (const shape of SHAPES) {
    for (const tool of [false, true]) {
      it(`counts a streamed ${shape} answer${tool ? ' with a tool call' : ''}, cut at every byte`, async () => {
        const whole = Buffer.from(streamEvents(shape, { tool }).join(''));
        expect(await tap(bytes(whole))).toEqual(FAKE_USAGE[shape]);
      });
    }
    it(`counts a non-streamed ${shape} answer`, async () => {
      expect(await tap([Buffer.from(JSON.stringify(jsonAnswer(shape)))], 'application/json; charset=utf-8')).toEqual(FAKE_USAGE[shape]);
    });
  }

  it('counts a Gemini answer streamed as a JSON array (no alt=sse)', async () => {
    const body = Buffer.from(JSON.stringify([jsonAnswer('gemini'), jsonAnswer('gemini')]));
    expect(await tap([body], 'application/json')).toEqual(FAKE_USAGE.gemini);
  });

  it('reads gzip, deflate and brotli answers in small pieces', async () => {
    const whole = Buffer.from(streamEvents('anthropic').join(''));
    for (const [enc, packed] of [
      ['gzip', zlib.gzipSync(whole)],
      ['deflate', zlib.deflateSync(whole)],
      ['br', zlib.brotliCompressSync(whole)],
    ] as const) {
      const pieces = [];
      for (let i = 0; i < packed.length; i += 7) pieces.push(packed.subarray(i, i + 7));
      expect(await tap(pieces, 'text/event-stream', enc)).toEqual(FAKE_USAGE.anthropic);
    }
  });

  it('keeps what it read before a corrupt or truncated gzip stream, without throwing', async () => {
    const whole = Buffer.from(streamEvents('chat').join(''));
    const packed = zlib.gzipSync(whole);
    expect(await tap([packed.subarray(0, packed.length - 30)], 'text/event-stream', 'gzip')).toBeUndefined();
    expect(await tap([Buffer.from('not gzip at all')], 'text/event-stream', 'gzip')).toBeUndefined();
  });

  it('counts nothing for encodings it cannot read, other content types, or junk', async () => {
    const whole = Buffer.from(streamEvents('chat').join(''));
    expect(await tap([whole], 'text/event-stream', 'zstd')).toBeUndefined();
    expect(await tap([whole], 'text/plain')).toBeUndefined();
    expect(await tap([Buffer.from('{"usage": ')], 'application/json')).toBeUndefined();
    expect(await tap([Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x0a])])).toBeUndefined();
  });

  it('reports once, even when ended twice', async () => {
    let calls = 0;
    const t = new UsageTap('text/event-stream', undefined, () => calls++);
    t.write(Buffer.from(streamEvents('anthropic').join('')));
    t.end();
    t.end();
    expect(calls).toBe(1);
  });
});
