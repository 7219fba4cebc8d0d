import { render, Text } from 'ink';

// Shows that a long scan (thousands of transcripts) is moving: a redrawn bar
// on a terminal, a few plain lines in a log, and nothing for a scan too short
// to need one.

export interface ProgressProps {
  readonly done: number;
  readonly total: number;
  readonly label: string;
  /** false for NO_COLOR. */
  readonly color?: boolean;
  /** Bar width in cells. */
  readonly width?: number;
}

const percent = (done: number, total: number) => (total > 0 ? Math.floor((Math.min(done, total) * 100) / total) : 100);

export function Progress({ done, total, label, color = true, width = 30 }: ProgressProps) {
  const filled = Math.round((percent(done, total) / 100) * width);
  return (
    <Text wrap="truncate-end">
      {`${label} `}
      <Text {...(color ? { color: 'green' } : {})}>{'█'.repeat(filled)}</Text>
      {`${'░'.repeat(width - filled)} ${Math.min(done, total)}/${total} ${percent(done, total)}%`}
    </Text>
  );
}

export interface ProgressHandle {
  tick(n?: number): void;
  /** Draws the final state and lets go of the stream; safe to call twice. */
  done(): void;
}

export interface ProgressOptions {
  readonly total: number;
  readonly label: string;
  /** Where to draw: stderr, so a command's stdout stays clean for pipes. */
  readonly stream: NodeJS.WriteStream;
  readonly color: boolean;
  readonly isTTY: boolean;
}

/** Below this many items the scan is over before a bar would help. */
export const MIN_PROGRESS_TOTAL = 20;
/** A terminal redraw at most this often: React work per tick would cost more than the scan. */
const REDRAW_MS = 100;

const NOOP: ProgressHandle = { tick() {}, done() {} };

export function startProgress(o: ProgressOptions): ProgressHandle {
  if (o.total < MIN_PROGRESS_TOTAL) return NOOP;
  return o.isTTY ? barOn(o) : linesOn(o);
}

function barOn(o: ProgressOptions): ProgressHandle {
  let count = 0;
  let drawnAt = Date.now();
  let finished = false;
  const bar = () => <Progress done={count} total={o.total} label={o.label} color={o.color} />;
  // It reads no keys, so stdin never goes raw and Ctrl-C stays the shell's SIGINT.
  const app = render(bar(), { stdout: o.stream, patchConsole: false, exitOnCtrlC: false, maxFps: 1000 / REDRAW_MS });
  return {
    tick(n = 1) {
      if (finished) return;
      count += n;
      const now = Date.now();
      if (now - drawnAt < REDRAW_MS) return;
      drawnAt = now;
      app.rerender(bar());
    },
    done() {
      if (finished) return;
      finished = true;
      app.rerender(bar());
      app.unmount();
    },
  };
}

function linesOn(o: ProgressOptions): ProgressHandle {
  let count = 0;
  let tenth = 0;
  let finished = false;
  const say = (line: string) => o.stream.write(`${o.label}: ${line}\n`);
  say(`0/${o.total}`);
  return {
    tick(n = 1) {
      if (finished) return;
      count += n;
      // One line per tenth passed; the last one is done()'s to print.
      const now = Math.floor((Math.min(count, o.total) * 10) / o.total);
      if (now > tenth && now < 10) say(`${count}/${o.total} (${now * 10}%)`);
      tenth = Math.max(tenth, now);
    },
    done() {
      if (finished) return;
      finished = true;
      say(`${count}/${o.total} done`);
    },
  };
}
