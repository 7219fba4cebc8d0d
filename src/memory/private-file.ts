import fs from 'node:fs';
import path from 'node:path';

// The one way headroom creates a SQLite file (the store, the facts): the
// folder 0700 and the file 0600 exist before SQLite opens them.

/**
 * Creates the folder (0700) and an empty file (0600) before SQLite does, so
 * neither exists with looser modes; -wal and -shm take the file's mode.
 * A file already there keeps its mode unless `tighten` says to set it to 0600:
 * the store leaves it to `headroom doctor` to report (and a read-only file
 * must stay read-only); the facts file is set.
 */
export function preparePrivateFile(file: string, opts: { readonly tighten: boolean }): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700); // the umask may have taken bits away
  }
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_RDWR, 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (!opts.tighten) return;
  }
  fs.chmodSync(file, 0o600);
}
