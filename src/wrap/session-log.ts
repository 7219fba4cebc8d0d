import fs from 'node:fs';
import path from 'node:path';

// The session's log: the agent owns the terminal while it runs, so headroom
// writes here instead (one line per request: method, path, upstream, status,
// time; never headers, keys or bodies). Owner-only, under the XDG state folder.

const KEEP = 50;

export interface SessionLog {
  readonly path: string;
  line(text: string): void;
  close(): void;
  /** Removes all but the newest logs; called once the agent runs, off its start-up path. */
  pruneOld(): void;
}

const stamped = (text: string): string => `${new Date().toISOString()} ${text}\n`;

/** One line added to a session's log from outside the session (its guardian), in the same form. */
export function appendLogLine(file: string, text: string): void {
  try {
    fs.appendFileSync(file, stamped(text), { mode: 0o600 });
  } catch {
    // a log is worth less than the cleanup it reports
  }
}

/** Keeps the newest logs only: one per session adds up. */
function prune(dir: string): void {
  const logs = fs.readdirSync(dir).filter((n) => n.endsWith('.log')).sort();
  for (const name of logs.slice(0, Math.max(0, logs.length - KEEP))) fs.rmSync(path.join(dir, name), { force: true });
}

export function openSessionLog(stateDir: string, agent: string, now = new Date()): SessionLog {
  const dir = path.join(stateDir, 'wrap');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.chmodSync(dir, 0o700); // mkdir's mode applies only to a folder it creates
  } catch {
    // not ours to change: the file itself is still 0600
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${agent}-${process.pid}.log`);
  const fd = fs.openSync(file, 'a', 0o600);
  let open = true;
  return {
    path: file,
    line(text) {
      if (!open) return;
      try {
        fs.writeSync(fd, stamped(text));
      } catch {
        // a full disk must not stop the agent
      }
    },
    pruneOld() {
      try {
        prune(dir);
      } catch {
        // a log we cannot remove is not worth failing a session for
      }
    },
    close() {
      if (!open) return;
      open = false;
      fs.closeSync(fd);
    },
  };
}
