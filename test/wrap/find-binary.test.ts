import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { findAgent, findOnPath, isHeadroomShim } from '../../src/wrap/find-binary.js';
import { tempDir } from '../helpers/temp-dir.js';

test('finds an executable file on PATH in order, skipping folders and non-executables', () => {
  const a = tempDir('hr-path-a-');
  const b = tempDir('hr-path-b-');
  fs.mkdirSync(path.join(a, 'claude'));
  fs.writeFileSync(path.join(b, 'claude'), '#!/bin/sh\n', { mode: 0o644 });
  expect(findOnPath('claude', { PATH: `${a}:${b}` })).toBeUndefined();
  fs.chmodSync(path.join(b, 'claude'), 0o755);
  expect(findOnPath('claude', { PATH: `${a}::${b}` })).toBe(path.join(b, 'claude'));
  expect(findOnPath('claude', {})).toBeUndefined();
});

test("skips scripts that run headroom wrap (a user's shim) and says which; a real agent further on PATH is found", () => {
  const a = tempDir('hr-shim-a-');
  const b = tempDir('hr-shim-b-');
  fs.writeFileSync(path.join(a, 'claude'), '#!/bin/sh\nexec /opt/headroom/bin/headroom wrap claude "$@"\n', { mode: 0o755 });
  fs.writeFileSync(path.join(b, 'claude'), '#!/bin/sh\necho "the real one; a headroom of 3 lines"\n', { mode: 0o755 });
  expect(isHeadroomShim(path.join(a, 'claude'))).toBe(true);
  expect(isHeadroomShim(path.join(b, 'claude'))).toBe(false);
  expect(findAgent('claude', { PATH: `${a}:${b}` })).toEqual({ binary: path.join(b, 'claude'), shims: [path.join(a, 'claude')] });
  expect(findAgent('claude', { PATH: a })).toEqual({ shims: [path.join(a, 'claude')] });
});
