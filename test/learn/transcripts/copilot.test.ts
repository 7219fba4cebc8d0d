import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { copilotTranscripts } from '../../../src/learn/transcripts/copilot.js';
import { AGENT_FIXTURES, FIXTURES, findCall, foreignTo, transcriptContract } from './format-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

const fixture = AGENT_FIXTURES.copilot;
const denied = path.join(FIXTURES, 'copilot', 'denied-unattended', 'events.jsonl');
const state = (root: string) => path.join(root, 'session-state', '4a2149d0-87db-46f8-a8a6-94fb15e53595', 'events.jsonl');

transcriptContract(copilotTranscripts, {
  fixtures: [fixture, denied],
  expect: { failing: { command: 'ls /no/such/dir', exitCode: 2, output: 'No such file or directory' }, fixed: { command: 'ls -d /tmp' }, cwd: '/home/dev/project' },
  foreign: foreignTo('copilot'),
  placement: {
    home: (home) => state(path.join(home, '.copilot')),
    override: { variable: 'COPILOT_HOME', value: (dir) => dir, place: (dir) => state(dir) },
  },
});

describe('copilot transcripts', () => {
  test('success:true with exit code 2 is a failure; each call is announced once though two events carry it', async () => {
    const [s] = await copilotTranscripts.read(fixture);
    expect(s).toMatchObject({ id: '4a2149d0-87db-46f8-a8a6-94fb15e53595', model: 'gpt-5', skipped: 0 });
    expect(s!.steps.map((st) => st.kind)).toEqual(['user', 'call', 'result', 'call', 'result']);
    expect(findCall([s!], 'ls /no/such/dir')!.call).toMatchObject({ tool: 'bash', id: 'call_0Fake' });
  });

  test('a call denied for want of anyone to approve it fails, without counting as the person refusing', async () => {
    const [s] = await copilotTranscripts.read(denied);
    const failed = findCall([s!], 'ls /no/such/dir')!;
    expect(failed.result).toMatchObject({ isError: true });
    expect(failed.result!.exitCode).toBeUndefined();
    expect(failed.result!.output).toMatch(/^Permission denied because no interactive user response was available/);
    expect(s!.steps.some((st) => st.kind === 'user' && st.refused)).toBe(false);
  });

  test('a call the person denies at the prompt is a refusal, Ctrl+C an interruption', async () => {
    // Event shapes as Copilot 1.0.102 declares them (copilot-sdk/generated/session-events.d.ts).
    const ev = (type: string, data: object) => ({ type, data, id: type, timestamp: '2026-11-22T01:00:00.000Z', parentId: null });
    const dir = tempDir('hr-copilot-');
    const file = path.join(dir, 'events.jsonl');
    const events = [
      ev('session.start', { sessionId: 's1', selectedModel: 'gpt-5', context: { cwd: '/home/dev/app' } }),
      ev('assistant.message', { content: '', toolRequests: [{ toolCallId: 'c1', name: 'bash', arguments: { command: 'rm -rf build' } }] }),
      ev('permission.completed', { toolCallId: 'c1', result: { kind: 'denied-interactively-by-user', feedback: 'use make clean' } }),
      ev('tool.execution_complete', { toolCallId: 'c1', success: false, error: { message: 'The user rejected this tool call.', code: 'rejected' } }),
      ev('abort', { reason: 'user_initiated' }),
    ];
    fs.writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const [s] = await copilotTranscripts.read(file);
    fs.rmSync(dir, { recursive: true });
    expect(s!.steps).toEqual([
      expect.objectContaining({ kind: 'call', command: 'rm -rf build' }),
      expect.objectContaining({ kind: 'user', text: 'use make clean', refused: true }),
      expect.objectContaining({ kind: 'result', id: 'c1', isError: true }),
      expect.objectContaining({ kind: 'user', interrupted: true }),
    ]);
  });
});
