import { describe, expect, it } from 'vitest';
import { type SentOutput, findSignals } from '../../../src/intercept/backoff/index.js';
import type { ToolCall } from '../../../src/intercept/providers/index.js';

// Calls one per turn, as Claude Code sends them: call i sits in turn 2i+1 and
// its output in turn 2i+2. `compressed` marks the outputs that went up with a marker.

const bash = (command: string) => ({ tool: 'Bash', input: JSON.stringify({ command }) });

function conversation(calls: ReadonlyArray<{ tool: string; input: string; compressed?: boolean; ids?: string[]; turn?: number }>) {
  const list: ToolCall[] = [];
  const sent = new Map<string, SentOutput>();
  calls.forEach((c, i) => {
    const turn = c.turn ?? 2 * i + 1;
    list.push({ callId: `toolu_${i}`, tool: c.tool, turn, input: c.input });
    sent.set(`toolu_${i}`, { turn: turn + 1, compressed: c.compressed === true, ids: c.ids ?? [] });
  });
  return { list, sent };
}

const last = (n: number) => (id: string) => id === `toolu_${n - 1}`;

describe('findSignals', () => {
  it('a retrieval of an id a compressed output named points back at that output', () => {
    const { list, sent } = conversation([
      { ...bash('npm test'), compressed: true, ids: ['hr_k3m9x2p7q4ab'] },
      bash('ls'),
      bash('ls src'),
      bash('pwd'),
      { tool: 'mcp__headroom__headroom_retrieve', input: '{"id":"hr_k3m9x2p7q4ab"}' },
    ]);
    expect(findSignals(list, sent, last(5))).toEqual([{ callId: 'toolu_4', pattern: 'Bash: npm test', reason: 'retrieve' }]);
  });

  it('the same command again, or narrowed, within the window is a re-run', () => {
    const { list, sent } = conversation([{ ...bash('npm test'), compressed: true }, bash('git status'), bash('npm test 2>&1 | grep FAIL')]);
    expect(findSignals(list, sent, last(3))).toEqual([{ callId: 'toolu_2', pattern: 'Bash: npm test', reason: 'rerun' }]);
  });

  it('is no signal after an edit, past the window, after an uncompressed output, or for a parallel call', () => {
    const afterEdit = conversation([{ ...bash('npm test'), compressed: true }, { tool: 'Edit', input: '{}' }, bash('npm test')]);
    expect(findSignals(afterEdit.list, afterEdit.sent, last(3))).toEqual([]);
    const far = conversation([{ ...bash('npm test'), compressed: true }, bash('a'), bash('b'), bash('c'), bash('npm test')]);
    expect(findSignals(far.list, far.sent, last(5))).toEqual([]);
    const whole = conversation([bash('npm test'), bash('npm test')]);
    expect(findSignals(whole.list, whole.sent, last(2))).toEqual([]);
    const parallel = conversation([
      { ...bash('npm test'), compressed: true, turn: 1 },
      { ...bash('npm test'), turn: 1 },
    ]);
    expect(findSignals(parallel.list, parallel.sent, last(2))).toEqual([]);
  });

  it('a file read again is a re-read; only new calls give signals', () => {
    const read = (file: string, compressed = false) => ({ tool: 'Read', input: JSON.stringify({ file_path: file }), compressed });
    const { list, sent } = conversation([read('/w/big.json', true), read('/w/big.json')]);
    expect(findSignals(list, sent, last(2))).toEqual([{ callId: 'toolu_1', pattern: 'Read: *.json', reason: 'reread' }]);
    expect(findSignals(list, sent, () => false)).toEqual([]);
  });
});
