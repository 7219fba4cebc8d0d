import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { procInfo } from '../../../src/wrap/guardian/proc.js';
import { REPO_ROOT } from '../../helpers/corpus.js';
import { tempDir } from '../../helpers/temp-dir.js';

// The guardian from the build (it runs as `node dist/wrap/guardian/main.js`),
// started by a stand-in for wrap that listens on a port and runs one marked
// process: killed with SIGKILL, the stand-in leaves nothing behind; standing
// the guardian down leaves the session alone.

const CHILD = path.join(REPO_ROOT, 'test', 'helpers', 'guardian-child.mjs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const running = (pid: number) => procInfo(pid) !== undefined;

let pids: number[] = [];
let dirs: string[] = [];
afterEach(() => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // ended by the test
    }
  }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  pids = [];
  dirs = [];
});

async function standIn(mode?: '--stand-down') {
  const root = tempDir('hr-guardian-');
  dirs.push(root);
  const sessionDir = path.join(root, 'wrap-session');
  fs.mkdirSync(sessionDir, { mode: 0o700 });
  const logFile = path.join(root, 'session.log');
  fs.writeFileSync(logFile, '', { mode: 0o600 });
  const child = spawn(process.execPath, [CHILD, sessionDir, logFile, ...(mode ? [mode] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  for (let i = 0; i < 500 && !out.includes('\n'); i++) await sleep(10);
  const [, port, guardian, marked] = out.split('\n')[0]!.split(' ').map(Number);
  pids.push(child.pid!, guardian!, marked!);
  return { child, port: port!, guardian: guardian!, marked: marked!, sessionDir, logFile, exited, out: () => out };
}

/** Whether something can listen on the port now. */
const free = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

test('wrap killed: the guardian ends the marked process, logs it, removes the folder, and holds the port until then', async () => {
  const s = await standIn();
  expect(running(s.marked)).toBe(true);
  expect(await free(s.port), 'the guardian holds a copy of the listening socket').toBe(false);
  s.child.kill('SIGKILL');
  await s.exited;
  expect(await free(s.port), 'the port is not free the moment wrap dies').toBe(false);
  for (let i = 0; i < 150 && (running(s.marked) || running(s.guardian)); i++) await sleep(20);
  expect(running(s.marked)).toBe(false);
  expect(running(s.guardian)).toBe(false);
  // /proc shows a process's leader as a zombie while its other threads (node's) are still exiting,
  // and its files close with the last of them: the port comes free a moment after.
  let released = await free(s.port);
  for (let i = 0; i < 100 && !released; i++) {
    await sleep(20);
    released = await free(s.port);
  }
  expect(released).toBe(true);
  expect(fs.existsSync(s.sessionDir)).toBe(false);
  expect(fs.readFileSync(s.logFile, 'utf8')).toMatch(/^\S+ wrap ended without closing the session: ended 1 of its processes\n$/);
});

test('stood down, the guardian exits at once and touches nothing', async () => {
  const s = await standIn('--stand-down');
  await s.exited;
  expect(s.out()).toContain('STOOD-DOWN');
  expect(running(s.guardian)).toBe(false);
  expect(running(s.marked)).toBe(true);
  expect(fs.existsSync(path.join(s.sessionDir, 'session.json'))).toBe(true);
  expect(fs.readFileSync(s.logFile, 'utf8')).toBe('');
  expect(await free(s.port)).toBe(true);
});
