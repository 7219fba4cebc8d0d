import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type ProcId, selfId } from './proc.js';

// The guardian: the one process of a session that outlives wrap, and only to
// clean up after it. wrap can die in ways it never hears of (SIGKILL, the
// out-of-memory killer), and then nothing of it runs; the kernel does close
// every file it had open. So the guardian is a shell blocked reading a pipe
// that only wrap can write to: end of file there means wrap is gone. It
// then becomes `node main.js`, which ends the session's processes and
// removes its folder. Until it exits it holds a copy of each listening
// socket the agent talks to, so the port is never free while an agent of the
// session could still send a request (its key, the secret path) to it:
// connections queue unanswered and are reset when the guardian exits.
//
// A shell while it waits: a few hundred kilobytes and no start-up cost
// beside the agent's; node loads only if wrap dies. It has a session of its
// own (no terminal signal reaches it) and an empty environment (no key in it,
// not the session's mark).

/** `done` from wrap: it ended the session itself and the guardian leaves. Anything else, or nothing, then end of file: wrap died. */
const SCRIPT = 'while read -r line; do [ "$line" = done ] && exit 0; done; exec "$@"';
const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));

export interface GuardianOptions {
  readonly sessionDir: string;
  readonly marker: string;
  readonly logFile: string;
  /** Listening sockets' descriptors, held by the guardian until it exits. */
  readonly hold: readonly number[];
}

export interface Guardian {
  readonly id: ProcId;
  /** wrap ended the session itself: the guardian exits without doing anything (waits for it, at most a second). */
  standDown(): Promise<void>;
}

/** Starts the guardian; throws when it cannot be started. */
export function startGuardian(o: GuardianOptions): Guardian {
  const child = spawn('/bin/sh', ['-c', SCRIPT, 'headroom-guardian', process.execPath, MAIN, o.sessionDir, o.marker, o.logFile], {
    detached: true,
    env: {},
    stdio: ['pipe', 'ignore', 'ignore', ...o.hold],
  });
  if (child.pid === undefined) throw new Error('the guardian process could not be started');
  child.on('error', () => {}); // a failed start already threw above; later errors are its exit
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stdin = child.stdin as Writable & { unref?: () => void };
  stdin.on('error', () => {}); // the guardian is gone already: nothing to stand down
  // Neither keeps wrap running: its end is wrap's to decide.
  child.unref();
  stdin.unref?.();
  return {
    id: selfId(child.pid),
    standDown: async () => {
      stdin.end('done\n');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((r) => (timer = setTimeout(r, 1_000)))]);
      clearTimeout(timer);
    },
  };
}
