import path from 'node:path';
import { expect, test } from 'vitest';
import { anthropicAdapter } from '../../../src/intercept/providers/anthropic.js';
import type { ToolOutput } from '../../../src/intercept/providers/types.js';
import { callTarget } from '../../../src/intercept/repack/targets.js';
import { supersededBy } from '../../../src/intercept/repack/supersede.js';
import { CORPUS_ROOT } from '../../helpers/corpus.js';
import { anthropicBody, requestsOf } from '../../helpers/transcript-session.js';

// Superseded outputs in the last request of real Claude Code sessions: the
// spotter session runs `mix test ...session_live_test.exs` twice, the
// subagent reads several files more than once.

const lastRequest = (name: string): ToolOutput[] => {
  const requests = requestsOf(path.join(CORPUS_ROOT, 'transcripts', 'claude-code', name, 'input.txt'));
  return [...anthropicAdapter.parse(anthropicBody(requests.at(-1)!), '/v1/messages').outputs];
};

const subject = (o: ToolOutput): string | undefined => {
  const t = callTarget(o.tool, o.input);
  return t && (t.kind === 'run' ? `run ${t.command}` : `${t.kind} ${t.file}`);
};

/** Every superseded output names a later call on the same file or command. */
function checkSound(outputs: readonly ToolOutput[]): number {
  const stale = supersededBy(outputs);
  let n = 0;
  stale.forEach((s, i) => {
    if (!s) return;
    n++;
    const j = outputs.findIndex((o) => o.callId === s.by);
    expect(j).toBeGreaterThan(i);
    const mine = callTarget(outputs[i]!.tool, outputs[i]!.input)!;
    const theirs = callTarget(outputs[j]!.tool, outputs[j]!.input)!;
    if (mine.kind === 'run') expect(theirs).toEqual(mine);
    else expect(theirs.kind === 'run' ? '' : theirs.file).toBe(mine.file);
  });
  return n;
}

test('a command run again: every earlier run points at the newest, and the newest stands', () => {
  const outputs = lastRequest('spotter-session-fa812bfe');
  const byCommand = new Map<string, number[]>();
  outputs.forEach((o, i) => {
    const s = subject(o);
    if (s?.startsWith('run ')) byCommand.set(s, [...(byCommand.get(s) ?? []), i]);
  });
  const repeated = [...byCommand.values()].filter((at) => at.length > 1);
  expect(repeated.length).toBeGreaterThan(0);
  const stale = supersededBy(outputs);
  for (const at of repeated) {
    const newest = at.at(-1)!;
    for (const i of at.slice(0, -1)) expect(stale[i]).toEqual({ by: outputs[newest]!.callId, reason: 'run again' });
    expect(stale[newest]).toBeUndefined();
  }
  // Commands run once stand.
  for (const at of byCommand.values()) if (at.length === 1) expect(stale[at[0]!]).toBeUndefined();
  checkSound(outputs);
});

test('files read again: every earlier read points at the newest, and the newest stands', () => {
  const outputs = lastRequest('spotter-subagent-a2898e3');
  expect(checkSound(outputs)).toBeGreaterThanOrEqual(6);
  const stale = supersededBy(outputs);
  const lastReadOf = new Map<string, number>();
  outputs.forEach((o, i) => {
    const s = subject(o);
    if (s?.startsWith('read ') && o.input?.offset === undefined && o.input?.limit === undefined) lastReadOf.set(s, i);
  });
  for (const i of lastReadOf.values()) expect(stale[i]).toBeUndefined();
});

test('searches and listings have no target and are never superseded', () => {
  const outputs = lastRequest('spotter-subagent-a2898e3');
  const stale = supersededBy(outputs);
  outputs.forEach((o, i) => {
    if (o.tool === 'Glob' || o.tool === 'Grep') expect(stale[i]).toBeUndefined();
  });
  expect(outputs.some((o) => o.tool === 'Glob')).toBe(true);
});

test('a part of a file is superseded by the whole file or the same part; an edit supersedes earlier reads', () => {
  const out = (callId: string, tool: string, input: Record<string, string | number>): ToolOutput => ({ start: 0, end: 100, text: 'x', turn: 0, callId, tool, input });
  const f = '/repo/src/app.ts';
  const outputs = [
    out('a', 'Read', { file_path: f, offset: 10, limit: 20 }),
    out('b', 'Read', { file_path: f, offset: 100, limit: 20 }),
    out('c', 'Read', { file_path: f, offset: 100, limit: 20 }),
    out('d', 'Read', { file_path: f }),
    out('e', 'Edit', { file_path: f }),
    out('g', 'Read', { file_path: '/repo/other.ts' }),
  ];
  expect(supersededBy(outputs)).toEqual([
    { by: 'e', reason: 'edited' },
    { by: 'e', reason: 'edited' },
    { by: 'e', reason: 'edited' },
    { by: 'e', reason: 'edited' },
    undefined,
    undefined,
  ]);
  expect(supersededBy(outputs.slice(0, 3))).toEqual([undefined, { by: 'c', reason: 'read again' }, undefined]);
});

test('a failed call, or a read again that came back as a short stub, supersedes nothing', () => {
  const f = '/repo/src/app.ts';
  const read = (callId: string, size: number, isError?: boolean): ToolOutput => ({ start: 0, end: size, text: 'x', turn: 0, callId, tool: 'Read', input: { file_path: f }, ...(isError && { isError }) });
  const edit = (callId: string, isError: boolean): ToolOutput => ({ start: 0, end: 80, text: 'x', turn: 0, callId, tool: 'Edit', input: { file_path: f }, isError });
  // Claude Code answers a read of an unchanged file with "File unchanged since your last Read. Refer to that earlier tool_result instead."
  expect(supersededBy([read('a', 12_000), read('b', 140)])).toEqual([undefined, undefined]);
  expect(supersededBy([read('a', 12_000), read('b', 90, true)])).toEqual([undefined, undefined]);
  expect(supersededBy([read('a', 12_000), edit('e', true)])).toEqual([undefined, undefined]);
  expect(supersededBy([read('a', 12_000), edit('e', false)])).toEqual([{ by: 'e', reason: 'edited' }, undefined]);
  expect(supersededBy([read('a', 12_000), read('b', 11_000)])).toEqual([{ by: 'b', reason: 'read again' }, undefined]);
});
