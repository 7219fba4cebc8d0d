import { PassThrough, Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { runInPty } from '../../src/wrap/run-pty.js';

// The PTY bridge with real processes under a real pseudo-terminal; our side
// is a pair of in-memory streams standing in for the user's terminal.

class Screen extends Writable {
  text = '';
  columns = 80;
  rows = 24;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
  async waitFor(re: RegExp, ms = 10_000): Promise<void> {
    const until = Date.now() + ms;
    while (!re.test(this.text)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}; screen:\n${this.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function terminal() {
  const stdin = new PassThrough();
  const stdout = new Screen();
  return { stdin, stdout };
}

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', HOME: process.env.HOME ?? '/tmp' };

describe('runInPty', () => {
  test('the agent sees a terminal of our size, gets our keys, and its exit code comes back', async () => {
    const t = terminal();
    t.stdout.columns = 101;
    t.stdout.rows = 33;
    const run = runInPty('/bin/sh', ['-c', 'test -t 0 && test -t 1 && echo tty-ok; stty size; read line; echo "got:$line"; exit 7'], { cwd: '/', env, ...t });
    await t.stdout.waitFor(/33 101/);
    t.stdin.write('hello\r');
    const result = await run;
    expect(result.exitCode).toBe(7);
    expect(t.stdout.text).toContain('tty-ok');
    expect(t.stdout.text).toContain('got:hello');
  });

  test('a window resize reaches the agent as SIGWINCH with the new size', async () => {
    const t = terminal();
    const run = runInPty('/bin/sh', ['-c', 'trap \'stty size; exit 0\' WINCH; echo ready; while :; do sleep 0.05; done'], { cwd: '/', env, ...t });
    await t.stdout.waitFor(/ready/);
    t.stdout.columns = 60;
    t.stdout.rows = 20;
    t.stdout.emit('resize');
    expect((await run).exitCode).toBe(0);
    expect(t.stdout.text).toContain('20 60');
  });

  test('Ctrl-C typed at our terminal interrupts the agent through its own terminal', async () => {
    const t = terminal();
    const run = runInPty('/bin/sh', ['-c', 'echo ready; exec sleep 30'], { cwd: '/', env, ...t });
    await t.stdout.waitFor(/ready/);
    t.stdin.write('\x03');
    const result = await run;
    expect(result.signal).toBe('SIGINT');
    expect(result.exitCode).toBe(130);
  });

  test('output arrives byte for byte, multi-byte characters and escapes included', async () => {
    const t = terminal();
    const text = 'héllo \u001b[1mbold\u001b[0m 日本語 🎉';
    const result = await runInPty('/usr/bin/printf', ['%s', text], { cwd: '/', env, ...t });
    expect(result.exitCode).toBe(0);
    expect(t.stdout.text).toContain(text);
  });
});
