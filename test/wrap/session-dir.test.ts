import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { SESSION_VAR, procInfo, selfId, writeRecord } from '../../src/wrap/guardian/index.js';
import { createSessionDir, privatePath } from '../../src/wrap/session-dir.js';
import { tempDir } from '../helpers/temp-dir.js';

const temp = (name: string) => tempDir(`hr-${name}-`);

test('a private folder per session under XDG_RUNTIME_DIR, removed at the end', () => {
  const env = { XDG_RUNTIME_DIR: temp('runtime') };
  const dir = createSessionDir(env, temp('state'));
  expect(path.dirname(dir.path)).toBe(path.join(env.XDG_RUNTIME_DIR, 'headroom'));
  expect(fs.statSync(dir.path).mode & 0o777).toBe(0o700);
  expect(fs.statSync(path.dirname(dir.path)).mode & 0o777).toBe(0o700);
  const file = dir.write('settings.json', '{}');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  dir.remove();
  expect(fs.existsSync(dir.path)).toBe(false);
});

test('a folder left by a killed session is removed by the next one; live sessions keep theirs', async () => {
  const env = { XDG_RUNTIME_DIR: temp('runtime') };
  const base = path.join(env.XDG_RUNTIME_DIR, 'headroom');
  fs.mkdirSync(base, { mode: 0o700 });
  // A pid that existed and is gone for sure: a child that already exited.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  const leftover = path.join(base, `wrap-${dead}-abc123`);
  fs.mkdirSync(leftover);
  fs.writeFileSync(path.join(leftover, 'ca-bundle.pem'), 'x');
  const live = path.join(base, `wrap-${process.pid}-live00`);
  fs.mkdirSync(live);
  const dir = createSessionDir(env, temp('state'));
  await dir.sweepLeftovers();
  expect(fs.existsSync(leftover)).toBe(false);
  expect(fs.existsSync(live)).toBe(true);
  dir.remove();
});

test("the next session ends what a dead one left running, by its record; a live session's, or a reused pid's, is left alone", async () => {
  const env = { XDG_RUNTIME_DIR: temp('runtime') };
  const base = path.join(env.XDG_RUNTIME_DIR, 'headroom');
  fs.mkdirSync(base, { mode: 0o700 });
  const marked = (marker: string) => spawn('/bin/sleep', ['60'], { env: { [SESSION_VAR]: marker }, stdio: 'ignore', detached: true });
  const session = (name: string, marker: string, wrap: { pid: number; start?: number }) => {
    const folder = path.join(base, name);
    fs.mkdirSync(folder, { mode: 0o700 });
    writeRecord(folder, { marker, wrap });
    return folder;
  };
  const me = selfId();
  const orphan = marked('dead-session-marker');
  const alive = marked('live-session-marker');
  const reused = marked('reused-pid-marker');
  try {
    // Dead: a wrap pid that is gone. Live: this process. Reused: this pid, but another start time.
    const dead = session('wrap-999999-dead00', 'dead-session-marker', { pid: 999_999, start: 1 });
    const live = session(`wrap-${me.pid}-live00`, 'live-session-marker', me);
    const other = session(`wrap-${me.pid}-reuse0`, 'reused-pid-marker', { pid: me.pid, start: me.start! - 1 });
    const dir = createSessionDir(env, temp('state'));
    await dir.sweepLeftovers();
    expect(procInfo(orphan.pid!)).toBeUndefined();
    expect(procInfo(reused.pid!)).toBeUndefined();
    expect(procInfo(alive.pid!)).toBeDefined();
    expect([dead, other].filter((f) => fs.existsSync(f))).toEqual([]);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(dir.path), 'its own folder').toBe(true);
    dir.remove();
  } finally {
    for (const c of [orphan, alive, reused]) c.kill('SIGKILL');
  }
});

test('without XDG_RUNTIME_DIR (or with one others can write to) it goes under the state folder, not the shared temp folder', () => {
  const state = temp('state');
  const shared = { XDG_RUNTIME_DIR: temp('runtime') };
  fs.mkdirSync(path.join(shared.XDG_RUNTIME_DIR, 'headroom'), { mode: 0o777 });
  fs.chmodSync(path.join(shared.XDG_RUNTIME_DIR, 'headroom'), 0o777);
  for (const env of [{}, shared]) {
    const dir = createSessionDir(env, state);
    expect(path.dirname(dir.path)).toBe(path.join(state, 'run'));
    expect(fs.statSync(dir.path).mode & 0o777).toBe(0o700);
    dir.remove();
  }
});

test('private means no parent others can write to: a sticky /tmp, or any open folder on the way, is not private', () => {
  expect(privatePath(path.join(os.tmpdir(), 'x', 'y'))).toBe(false);
  const mine = fs.mkdtempSync(path.join(os.homedir(), '.hr-private-'));
  try {
    const open = path.join(mine, 'open');
    fs.mkdirSync(open);
    fs.chmodSync(open, 0o777);
    expect(privatePath(path.join(open, 'wrap-1'))).toBe(false);
    // HOME itself sits under folders only root can write to on any sane machine.
    expect(privatePath(path.join(mine, 'wrap-1'))).toBe(privatePath(mine));
  } finally {
    fs.rmSync(mine, { recursive: true, force: true });
  }
});
