import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { geminiTranscripts } from '../../../src/learn/transcripts/gemini.js';
import { AGENT_FIXTURES, findCall, foreignTo, transcriptContract } from './format-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

const fixture = AGENT_FIXTURES.gemini;
const chats = (root: string) => path.join(root, '.gemini', 'tmp', 'project', 'chats', path.basename(fixture));

transcriptContract(geminiTranscripts, {
  fixtures: [fixture],
  expect: { failing: { command: 'ls /no/such/dir', exitCode: 2, output: 'No such file or directory' }, fixed: { command: 'ls -d /tmp' }, cwd: '/home/dev/project' },
  foreign: foreignTo('gemini'),
  placement: {
    home: (home) => chats(home),
    override: { variable: 'GEMINI_CLI_HOME', value: (dir) => dir, place: (dir) => chats(dir) },
  },
});

const write = (name: string, lines: unknown[]): string => {
  const dir = tempDir('hr-gemini-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, name.endsWith('.json') ? JSON.stringify(lines[0]) : `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return file;
};

describe('gemini transcripts', () => {
  test('a turn written twice (before and after its tool calls) is read once; "success" with Exit Code 2 is a failure', async () => {
    const [s] = await geminiTranscripts.read(fixture);
    expect(s).toMatchObject({ id: 'cb301597-bf5d-4057-9953-bb67d4ea1f71', model: 'gemini-3.8-flash', skipped: 0 });
    expect(s!.steps.filter((st) => st.kind === 'call')).toHaveLength(2);
    expect(findCall([s!], 'ls /no/such/dir')!.call).toMatchObject({ tool: 'run_shell_command' });
    // The <session_context> preamble and the functionResponse echoes are not the person's words.
    expect(s!.steps.filter((st) => st.kind === 'user')).toHaveLength(1);
  });

  test('$rewindTo drops the rewound message and everything after it; cancelled calls are refusals', async () => {
    const meta = { sessionId: 'rw', projectHash: 'h', startTime: '2026-01-01T00:00:00.000Z', kind: 'main' };
    const call = (id: string, command: string, status: string, output: string) => ({
      id: `g-${id}`, timestamp: '2026-01-01T00:00:01.000Z', type: 'gemini', content: '',
      toolCalls: [{ id, name: 'run_shell_command', args: { command }, status, result: [{ functionResponse: { id, name: 'run_shell_command', response: status === 'cancelled' ? { error: output } : { output } } }] }],
    });
    const file = write('session-2026-01-01T00-00-rw000000.jsonl', [
      meta,
      { id: 'u1', timestamp: '2026-01-01T00:00:00.500Z', type: 'user', content: [{ text: 'run the tests' }] },
      call('a', 'npm test', 'success', 'Output: boom\nExit Code: 1'),
      call('b', 'rm -rf build', 'success', 'Output: \n'),
      { $rewindTo: 'g-b' },
      call('c', 'rm -rf dist', 'cancelled', '[Operation Cancelled] Reason: User denied execution.'),
    ]);
    const [s] = await geminiTranscripts.read(file);
    expect(findCall([s!], 'rm -rf build')).toBeUndefined();
    expect(findCall([s!], 'npm test')!.result).toMatchObject({ isError: true, exitCode: 1 });
    expect(findCall([s!], 'rm -rf dist')!.result).toMatchObject({ isError: true });
    expect(s!.steps.at(-1)).toMatchObject({ kind: 'user', refused: true });
  });

  test('reads the older whole-file session-*.json', async () => {
    const file = write('session-2025-06-01T10-00-abcdef12.json', [
      { sessionId: 'legacy', projectHash: 'h', startTime: '2025-06-01T10:00:00.000Z', lastUpdated: '2025-06-01T10:01:00.000Z', messages: [
        { id: 'm1', timestamp: '2025-06-01T10:00:10.000Z', type: 'gemini', content: '', toolCalls: [{ id: 't1', name: 'run_shell_command', args: { command: 'python --version' }, status: 'error', result: [{ functionResponse: { id: 't1', name: 'run_shell_command', response: { error: 'bash: python: command not found' } } }] }] },
      ] },
    ]);
    expect(geminiTranscripts.recognizes(file, fs.readFileSync(file, 'utf8').slice(0, 4096))).toBe(true);
    const [s] = await geminiTranscripts.read(file);
    expect(s).toMatchObject({ id: 'legacy', skipped: 0 });
    expect(findCall([s!], 'python --version')!.result).toMatchObject({ isError: true, output: 'bash: python: command not found' });
  });
});
