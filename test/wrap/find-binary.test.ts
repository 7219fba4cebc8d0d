import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { findOnPath } from '../../src/wrap/find-binary.js';

test('finds an executable file on PATH in order, skipping folders and non-executables', () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-path-a-'));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-path-b-'));
  fs.mkdirSync(path.join(a, 'claude'));
  fs.writeFileSync(path.join(b, 'claude'), '#!/bin/sh\n', { mode: 0o644 });
  expect(findOnPath('claude', { PATH: `${a}:${b}` })).toBeUndefined();
  fs.chmodSync(path.join(b, 'claude'), 0o755);
  expect(findOnPath('claude', { PATH: `${a}::${b}` })).toBe(path.join(b, 'claude'));
  expect(findOnPath('claude', {})).toBeUndefined();
});
