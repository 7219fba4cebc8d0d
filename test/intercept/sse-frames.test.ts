import { describe, expect, it } from 'vitest';
import { SseFramer, frameText } from '../../src/intercept/sse-frames.js';
import { streamEvents } from '../helpers/fake-answers.js';

// The framer's output is the answer itself: split anywhere, it must give back
// every byte, event by event, with the fields read right.

function reframe(bytes: Buffer, cut: number) {
  const f = new SseFramer();
  const frames = [];
  for (let i = 0; i < bytes.length; i += cut) frames.push(...f.push(bytes.subarray(i, i + cut)));
  frames.push(...f.end());
  return frames;
}

describe('SseFramer', () => {
  for (const shape of ['anthropic', 'chat', 'gemini'] as const) {
    it(`${shape}: any chunking gives the same events and the same bytes`, () => {
      const events = streamEvents(shape, { deltas: 3 });
      const bytes = Buffer.from(`${events.join('')}: keep-alive\n\n`, 'utf8');
      for (const cut of [1, 2, 3, 7, 64, bytes.length]) {
        const frames = reframe(bytes, cut);
        expect(frames.map((f) => f.raw).join('')).toBe(bytes.toString('utf8'));
        expect(frames.map((f) => f.raw)).toEqual([...events, ': keep-alive\n\n']);
        expect(frames.at(-1)!.data).toBeUndefined();
      }
    });
  }

  it('reads fields, multi-line data and an unterminated tail, and splits UTF-8 safely', () => {
    const text = 'event: a\r\ndata: {"x":\r\ndata: "é"}\r\n\r\ndata: tail';
    const frames = reframe(Buffer.from(text, 'utf8'), 1);
    expect(frames.map((f) => [f.event, f.data])).toEqual([['a', '{"x":\n"é"}'], ['message', 'tail']]);
    expect(frames.map((f) => f.raw).join('')).toBe(text);
    expect(frameText('message', { a: 1 })).toBe('data: {"a":1}\n\n');
    expect(frameText('ping', { a: 1 })).toBe('event: ping\ndata: {"a":1}\n\n');
  });
});
