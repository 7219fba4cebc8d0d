import xterm from '@xterm/headless';
import * as pty from 'node-pty';

// A real pseudo-terminal with a headless terminal emulator reading it, so a
// test sees the screen a person would see (cursor moves and redraws applied)
// and waits for what it expects instead of sleeping.

export interface Term {
  readonly pid: number;
  /** The visible screen, one string per row, trailing spaces trimmed. */
  screen(): string[];
  write(data: string): void;
  resize(cols: number, rows: number): void;
  waitFor(test: RegExp | ((screen: string) => boolean), ms?: number): Promise<string>;
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  /** Everything the program wrote, raw. */
  raw(): string;
  kill(): void;
}

export function spawnTerm(file: string, args: string[], o: { cwd: string; env: Record<string, string>; cols?: number; rows?: number }): Term {
  const cols = o.cols ?? 100;
  const rows = o.rows ?? 30;
  const emulator = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const p = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd: o.cwd, env: o.env });
  let raw = '';
  p.onData((d) => {
    raw += d;
    emulator.write(d);
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((r) => p.onExit(r));
  const screen = () => {
    const buf = emulator.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < emulator.rows; i++) out.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    return out;
  };
  return {
    pid: p.pid,
    screen,
    write: (d) => p.write(d),
    resize(c, r) {
      p.resize(c, r);
      emulator.resize(c, r);
    },
    async waitFor(test, ms = 20_000) {
      const ok = typeof test === 'function' ? test : (s: string) => test.test(s);
      const until = Date.now() + ms;
      for (;;) {
        // let the emulator finish parsing what arrived before looking
        await new Promise<void>((r) => emulator.write('', () => r()));
        const s = screen().join('\n');
        if (ok(s)) return s;
        if (Date.now() > until) throw new Error(`timed out waiting for ${String(test)}; screen:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
    raw: () => raw,
    kill: () => p.kill(),
  };
}
