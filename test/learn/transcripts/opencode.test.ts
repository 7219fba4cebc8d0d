import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { opencodeTranscripts } from '../../../src/learn/transcripts/opencode.js';
import { AGENT_FIXTURES, findCall, foreignTo, transcriptContract } from './format-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

const fixture = AGENT_FIXTURES.opencode;
const SESSION = 'ses_dff41026bffegzosuyNFInSxdZ';

transcriptContract(opencodeTranscripts, {
  fixtures: [fixture],
  storage: 'database',
  expect: { failing: { command: 'ls /no/such/dir', exitCode: 2, output: 'No such file or directory' }, fixed: { command: 'ls -d /tmp' }, cwd: '/home/dev/project' },
  foreign: foreignTo('opencode'),
  placement: {
    home: (home) => path.join(home, '.local', 'share', 'opencode', 'opencode.db'),
    override: { variable: 'XDG_DATA_HOME', value: (dir) => dir, place: (dir) => path.join(dir, 'opencode', 'opencode.db') },
  },
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A writable copy of the fixture database, changed by `edit`. */
function copy(edit: (db: Database.Database) => void): string {
  const dir = tempDir('hr-opencode-');
  dirs.push(dir);
  const file = path.join(dir, 'opencode.db');
  fs.copyFileSync(fixture, file);
  const db = new Database(file);
  edit(db);
  db.close();
  return file;
}

const addPart = (db: Database.Database, id: string, messageId: string, data: unknown) =>
  db.prepare('INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, 0, 0, ?)').run(id, messageId, SESSION, typeof data === 'string' ? data : JSON.stringify(data));

describe('opencode transcripts', () => {
  test('status "completed" with metadata.exit 2 is a failure; the session row gives id, folder and model', async () => {
    const [s] = await opencodeTranscripts.read(fixture);
    expect(s).toMatchObject({ id: SESSION, cwd: '/home/dev/project', model: 'claude-sonnet-4-5', skipped: 0 });
    expect(findCall([s!], 'ls /no/such/dir')!.call).toMatchObject({ tool: 'bash', id: 'toolu_00Fake' });
  });

  test('a part that is not JSON is skipped and counted; the rest of the session is still read', async () => {
    const file = copy((db) => addPart(db, 'prt_zzzzbroken', 'msg_200bf0beb001mVVnVpHVQVMvoM', '{"type":"tool",'));
    const [s] = await opencodeTranscripts.read(file);
    expect(s!.skipped).toBe(1);
    expect(findCall([s!], 'ls /no/such/dir')!.result).toMatchObject({ isError: true, exitCode: 2 });
  });

  test('a rejected permission is a refusal, an aborted reply an interruption', async () => {
    const file = copy((db) => {
      addPart(db, 'prt_zzzzrejected', 'msg_200bf0beb001mVVnVpHVQVMvoM', {
        type: 'tool', tool: 'bash', callID: 'toolu_rm',
        state: { status: 'error', input: { command: 'rm -rf /' }, error: 'The user rejected permission to use this specific tool call.', time: { start: 1795308850300, end: 1795308850310 } },
      });
      const msg = db.prepare('SELECT data FROM message WHERE id = ?').get('msg_200bf0beb001mVVnVpHVQVMvoM') as { data: string };
      db.prepare('UPDATE message SET data = ? WHERE id = ?').run(JSON.stringify({ ...JSON.parse(msg.data), error: { name: 'MessageAbortedError', data: {} } }), 'msg_200bf0beb001mVVnVpHVQVMvoM');
    });
    const [s] = await opencodeTranscripts.read(file);
    expect(findCall([s!], 'rm -rf /')!.result).toMatchObject({ isError: true });
    expect(s!.steps.filter((st) => st.kind === 'user' && (st.refused || st.interrupted)).map((st) => st.kind === 'user' && [st.refused, st.interrupted])).toEqual([
      [true, undefined],
      [undefined, true],
    ]);
  });

  test('a database locked by a writer is one skipped record, not an error', async () => {
    const file = copy(() => {});
    const writer = new Database(file);
    writer.exec('BEGIN EXCLUSIVE');
    try {
      const sessions = await opencodeTranscripts.read(file);
      expect(sessions).toEqual([{ agent: 'opencode', id: 'opencode.db', file, steps: [], skipped: 1 }]);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  }, 10_000);

  test('finds channel databases and OPENCODE_DB', () => {
    const home = tempDir('hr-opencode-home-');
    dirs.push(home);
    const data = path.join(home, '.local', 'share', 'opencode');
    fs.mkdirSync(data, { recursive: true });
    for (const n of ['opencode.db', 'opencode-beta.db', 'custom.db', 'opencode.db-wal']) fs.writeFileSync(path.join(data, n), '');
    expect(opencodeTranscripts.locate(home, {})).toEqual([path.join(data, 'opencode-beta.db'), path.join(data, 'opencode.db')]);
    expect(opencodeTranscripts.locate(home, { OPENCODE_DB: 'custom.db' })).toContain(path.join(data, 'custom.db'));
  });
});
