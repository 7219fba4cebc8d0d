import { EventEmitter } from 'node:events';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, test, vi } from 'vitest';
import { MIN_PROGRESS_TOTAL, Progress, startProgress } from '../../../src/learn/approve/index.js';

// The scan's progress: a redrawn bar on a terminal, a few lines in a log.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

afterEach(cleanup);

/** A stream that records what was written; a terminal when isTTY. */
class FakeStream extends EventEmitter {
  readonly chunks: string[] = [];
  readonly columns = 80;
  readonly rows = 24;
  constructor(readonly isTTY: boolean) {
    super();
  }
  write(chunk: string | Uint8Array): boolean {
    this.chunks.push(String(chunk));
    return true;
  }
  text(): string {
    return this.chunks.join('');
  }
}

const start = (total: number, isTTY: boolean, color = true) => {
  const stream = new FakeStream(isTTY);
  const p = startProgress({ total, label: 'scanning transcripts', stream: stream as unknown as NodeJS.WriteStream, color, isTTY });
  return { stream, p };
};

// Every escape a terminal bar writes: colour, cursor moves, erases.
const ESC = /\u001B\[[0-9;?]*[A-Za-z]/g;

test('<Progress> draws label, bar, count and percent', () => {
  const { lastFrame } = render(<Progress done={45} total={100} label="scanning transcripts" color={false} />);
  expect(lastFrame()).toBe(`scanning transcripts ${'█'.repeat(14)}${'░'.repeat(16)} 45/100 45%`);
});

test('not a terminal: a start line, one per tenth, an end line', () => {
  const { stream, p } = start(200, false);
  for (let i = 0; i < 200; i++) p.tick();
  p.done();
  p.done();
  const tenths = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((t) => `scanning transcripts: ${t * 20}/200 (${t * 10}%)`);
  expect(stream.text().split('\n')).toEqual(['scanning transcripts: 0/200', ...tenths, 'scanning transcripts: 200/200 done', '']);
});

test('not a terminal: a big step prints one line, not one per tenth skipped', () => {
  const { stream, p } = start(100, false);
  p.tick(35);
  p.tick(65);
  p.done();
  expect(stream.text()).toBe('scanning transcripts: 0/100\nscanning transcripts: 35/100 (30%)\nscanning transcripts: 100/100 done\n');
});

test.each([true, false])('a scan too small to need it shows nothing (isTTY=%s)', (isTTY) => {
  const { stream, p } = start(MIN_PROGRESS_TOTAL - 1, isTTY);
  p.tick(5);
  p.done();
  expect(stream.chunks).toEqual([]);
});

test('a terminal: redraws are throttled, the last frame is the finished bar', () => {
  const { stream, p } = start(1000, true);
  for (let i = 0; i < 1000; i++) p.tick();
  p.done();
  const frames = stream.chunks.filter((c) => c.includes('/1000'));
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.length).toBeLessThan(5); // 1000 ticks in well under 100 ms
  expect(frames.at(-1)!.replace(ESC, '')).toContain(`scanning transcripts ${'█'.repeat(30)} 1000/1000 100%`);
  expect(stream.text()).toContain('\u001B[32m'); // the bar is green
  const written = stream.chunks.length;
  p.tick();
  p.done();
  expect(stream.chunks.length).toBe(written); // done is final
});

test('a terminal without colour: no colour codes', () => {
  const { stream, p } = start(100, true, false);
  p.tick(50);
  p.done();
  expect(stream.text().replace(ESC, '')).toContain('50/100 50%'); // done() shows what was counted
  expect(stream.text()).not.toMatch(/\u001B\[(3\d|9\d)m/);
});
