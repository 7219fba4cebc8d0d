import type { render } from 'ink-testing-library';

// Drives an ink component in a fake terminal: key sequences as a terminal
// sends them, and waits on what the frame shows instead of on a clock.

type Ui = ReturnType<typeof render>;

export const KEY = {
  up: '\u001B[A',
  left: '\u001B[D',
  right: '\u001B[C',
  down: '\u001B[B',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  esc: '\u001B',
  enter: '\r',
  backspace: '\u007F',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
} as const;

const turn = () => new Promise<void>((r) => setImmediate(r));

/** The frame once it passes `test`; ink draws on commit, but effects and a lone Esc land an event-loop turn later. */
export async function until(ui: Ui, test: (frame: string) => boolean, what = 'the expected frame'): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const frame = ui.lastFrame() ?? '';
    if (test(frame)) return frame;
    await turn();
  }
  throw new Error(`timed out waiting for ${what}; frame:\n${ui.lastFrame() ?? ''}`);
}

/** Resolves once the component listens for keys (ink attaches its stdin listener in an effect) and shows `marker`. */
export async function ready(ui: Ui, marker = ''): Promise<void> {
  await until(ui, (f) => ui.stdin.listenerCount('readable') > 0 && f.includes(marker), `a stdin listener and ${JSON.stringify(marker)}`);
}

/** Sends one key and lets ink handle it (an Esc is only known to be alone on the next turn). */
export async function press(ui: Ui, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    ui.stdin.write(k);
    await turn();
    await turn();
  }
}
