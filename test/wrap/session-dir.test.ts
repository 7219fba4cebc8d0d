import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { createSessionDir } from '../../src/wrap/session-dir.js';

const runtime = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hr-runtime-'));

test('a private folder per session, removed at the end', () => {
  const env = { XDG_RUNTIME_DIR: runtime() };
  const dir = createSessionDir(env);
  expect(fs.statSync(dir.path).mode & 0o777).toBe(0o700);
  expect(fs.statSync(path.dirname(dir.path)).mode & 0o777).toBe(0o700);
  const file = dir.write('settings.json', '{}');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  dir.remove();
  expect(fs.existsSync(dir.path)).toBe(false);
});

test('a folder left by a killed session is removed by the next one; live sessions keep theirs', () => {
  const env = { XDG_RUNTIME_DIR: runtime() };
  const base = path.join(env.XDG_RUNTIME_DIR, 'headroom');
  fs.mkdirSync(base, { mode: 0o700 });
  // A pid that existed and is gone for sure: a child that already exited.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  const leftover = path.join(base, `wrap-${dead}-abc123`);
  fs.mkdirSync(leftover);
  fs.writeFileSync(path.join(leftover, 'ca-bundle.pem'), 'x');
  const live = path.join(base, `wrap-${process.pid}-live00`);
  fs.mkdirSync(live);
  const dir = createSessionDir(env);
  dir.sweepLeftovers();
  expect(fs.existsSync(leftover)).toBe(false);
  expect(fs.existsSync(live)).toBe(true);
  dir.remove();
});

test('a shared folder someone else can write to is not used', () => {
  const env = { XDG_RUNTIME_DIR: runtime() };
  fs.mkdirSync(path.join(env.XDG_RUNTIME_DIR, 'headroom'), { mode: 0o777 });
  fs.chmodSync(path.join(env.XDG_RUNTIME_DIR, 'headroom'), 0o777);
  const dir = createSessionDir(env);
  expect(path.dirname(dir.path)).toBe(os.tmpdir());
  expect(fs.statSync(dir.path).mode & 0o777).toBe(0o700);
  dir.remove();
});
