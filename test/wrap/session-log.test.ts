import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { openSessionLog } from '../../src/wrap/session-log.js';
import { tempDir } from '../helpers/temp-dir.js';

test('owner-only log under the state folder; the newest 50 are kept', () => {
  const state = tempDir('hr-state-');
  const dir = path.join(state, 'wrap');
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, `2020-01-01T00-00-${String(i).padStart(2, '0')}-000Z-claude-1.log`), '');
  const log = openSessionLog(state, 'claude', new Date('2026-11-22T10:00:00Z'));
  log.line('POST /v1/messages -> anthropic 200 12ms');
  log.pruneOld();
  log.close();
  log.line('after close: ignored');
  expect(fs.statSync(log.path).mode & 0o777).toBe(0o600);
  expect(fs.statSync(dir).mode & 0o077).toBe(0);
  expect(fs.readFileSync(log.path, 'utf8')).toMatch(/^\S+ POST \/v1\/messages -> anthropic 200 12ms\n$/);
  const left = fs.readdirSync(dir);
  expect(left).toHaveLength(50);
  expect(left).toContain(path.basename(log.path));
  expect(left).not.toContain('2020-01-01T00-00-00-000Z-claude-1.log');
});
