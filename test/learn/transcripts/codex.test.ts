import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { codexTranscripts, readOutput, unwrapShell } from '../../../src/learn/transcripts/codex.js';
import { AGENT_FIXTURES, findCall, foreignTo, transcriptContract } from './format-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

const fixture = AGENT_FIXTURES.codex;
const day = (root: string) => path.join(root, 'sessions', '2026', '11', '22', path.basename(fixture));

transcriptContract(codexTranscripts, {
  fixtures: [fixture],
  expect: { failing: { command: 'ls /no/such/dir', exitCode: 2, output: 'No such file or directory' }, fixed: { command: 'ls -d /tmp' }, cwd: '/home/dev/project' },
  foreign: foreignTo('codex'),
  placement: {
    home: (home) => day(path.join(home, '.codex')),
    override: { variable: 'CODEX_HOME', value: (dir) => dir, place: (dir) => day(dir) },
  },
});

describe('codex transcripts', () => {
  test('0.169 exec: the command comes from the nested CommandExecution, the exit code too (the output text has none)', async () => {
    const [session] = await codexTranscripts.read(fixture);
    expect(session).toMatchObject({ id: '01a200be-a420-7102-830b-a7769a8fe67b', model: 'gpt-6.1-sol', skipped: 0 });
    const failed = findCall([session!], 'ls /no/such/dir')!;
    expect(failed.call).toMatchObject({ tool: 'exec', id: 'call_Fake' });
    expect(failed.result).toMatchObject({ isError: true, exitCode: 2, output: "ls: cannot access '/no/such/dir': No such file or directory\n" });
    expect(findCall([session!], 'ls -d /tmp')!.result).toMatchObject({ isError: false, exitCode: 0 });
    // The environment context and skills Codex injects as user messages are not the person's words.
    expect(session!.steps.filter((s) => s.kind === 'user').map((s) => s.kind === 'user' && s.text)).toEqual([
      'List /no/such/dir with your shell tool; if that fails, list /tmp instead. Then say ALL DONE.',
    ]);
  });

  test('reads the exit code from every output shape Codex has written', () => {
    expect(readOutput('{"output":"boom\\n","metadata":{"exit_code":1,"duration_seconds":0.1}}')).toMatchObject({ text: 'boom\n', exitCode: 1 });
    expect(readOutput('Exit code: 127\nWall time: 0 seconds\nOutput:\nbash: python: command not found\n')).toMatchObject({ exitCode: 127, text: 'bash: python: command not found\n' });
    expect(readOutput('Chunk ID: 1a2b\nWall time: 1.2 seconds\nProcess exited with code 1\nOriginal token count: 9\nOutput:\nError: lint failed\n')).toMatchObject({ exitCode: 1, text: 'Error: lint failed\n' });
    // A marker inside the program's own output is not Codex's header.
    expect(readOutput('Chunk ID: 3\nWall time: 0.0 seconds\nOutput:\nProcess exited with code 9\n').exitCode).toBeUndefined();
    expect(readOutput([{ type: 'input_text', text: 'Script completed\nWall time 0.1 seconds\nOutput:\n' }, { type: 'input_text', text: '{"chunk_id":"9","exit_code":2,"output":"boom\\n"}' }]).exitCode).toBe(2);
    expect(unwrapShell(['/bin/bash', '-lc', 'ls /no/such/dir'])).toBe('ls /no/such/dir');
    expect(unwrapShell(['git', 'status'])).toBe('git status');
  });

  test('older rollouts: function_call shell with a JSON envelope, local_shell_call, exec_command_end, an interrupted turn', async () => {
    const lines = [
      { timestamp: '2025-09-01T10:00:00.000Z', type: 'session_meta', payload: { id: 'old-1', cwd: '/home/dev/app', cli_version: '0.39.0' } },
      { timestamp: '2025-09-01T10:00:01.000Z', type: 'response_item', payload: { type: 'function_call', name: 'shell', call_id: 'c1', arguments: JSON.stringify({ command: ['bash', '-lc', 'python --version'] }) } },
      { timestamp: '2025-09-01T10:00:02.000Z', type: 'response_item', payload: { type: 'function_call_output', call_id: 'c1', output: '{"output":"bash: python: command not found\\n","metadata":{"exit_code":127}}' } },
      { timestamp: '2025-09-01T10:00:03.000Z', type: 'response_item', payload: { type: 'local_shell_call', call_id: 'c2', status: 'completed', action: { type: 'exec', command: ['bash', '-lc', 'python3 --version'] } } },
      { timestamp: '2025-09-01T10:00:04.000Z', type: 'event_msg', payload: { type: 'exec_command_end', call_id: 'c2', exit_code: 0 } },
      { timestamp: '2025-09-01T10:00:04.000Z', type: 'response_item', payload: { type: 'function_call_output', call_id: 'c2', output: 'Python 3.11.7\n' } },
      { timestamp: '2025-09-01T10:00:05.000Z', type: 'event_msg', payload: { type: 'turn_aborted', reason: 'interrupted' } },
    ];
    const dir = tempDir('hr-codex-');
    const file = path.join(dir, 'rollout-2025-09-01T10-00-00-old.jsonl');
    fs.writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const [s] = await codexTranscripts.read(file);
    fs.rmSync(dir, { recursive: true });
    expect(s).toMatchObject({ id: 'old-1', cwd: '/home/dev/app' });
    expect(findCall([s!], 'python --version')!.result).toMatchObject({ isError: true, exitCode: 127 });
    expect(findCall([s!], 'python3 --version')!.result).toMatchObject({ isError: false, exitCode: 0 });
    expect(s!.steps.at(-1)).toMatchObject({ kind: 'user', interrupted: true });
  });
});
