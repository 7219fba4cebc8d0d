import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createFactStore } from '../../src/facts/index.js';
import { openSqliteFacts } from '../../src/facts/sqlite-facts.js';
import { factStoreContract } from './store-contract.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir('hr-facts-sqlite-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;

factStoreContract('sqlite', async (now) => createFactStore(openSqliteFacts(path.join(root, `f${n++}`, 'facts.db')), now));

test('sqlite: folder 0700 and file 0600, shared by two connections (two processes in real use)', async () => {
  const file = path.join(root, 'shared', 'nested', 'facts.db');
  const a = createFactStore(openSqliteFacts(file));
  const b = createFactStore(openSqliteFacts(file));
  try {
    await a.save({ text: 'Staging is read-only', scope: '/p', agent: 'claude', session: 's' });
    expect((await b.search('staging', { project: '/p' }))[0]!.fact.text).toBe('Staging is read-only');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  } finally {
    await a.close();
    await b.close();
  }
});
