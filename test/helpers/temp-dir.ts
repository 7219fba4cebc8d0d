import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// Test folders under the system's temporary folder, removed after the last
// test of the file that made them: nothing a test run makes outlives it
// (every run used to leave thousands of homes, configs and stores in /tmp).
// Each test file evaluates this module afresh (vitest isolates files), so the
// hook below belongs to that file; registered at import, before the file's
// own hooks, it runs after them (after-hooks run in reverse order), when the
// proxies and stores that used the folders are closed. Not on process exit:
// the pool ends its workers with a signal.

const made = new Set<string>();
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  made.clear();
});

/** A new folder `<tmp>/<prefix>XXXXXX`, removed with everything in it after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}
