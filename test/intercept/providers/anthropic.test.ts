import { describe, expect, it } from 'vitest';
import { anthropicAdapter } from '../../../src/intercept/providers/anthropic.js';
import { appendTurns, realBody, runAdapterContract } from './adapter-contract.js';

const PATH = '/v1/messages';
const claudeTool = realBody('claude-toolturn.json');

// Claude's Read turn, then a Bash call whose result is an error with text and
// image parts (only the text parts are outputs), then a user's typed reply.
const claudeBash = appendTurns(claudeTool, 'messages', [
  { role: 'assistant', content: [{ type: 'text', text: 'Running it.' }, { type: 'tool_use', id: 'toolu_b1', name: 'Bash', input: { command: 'ls /nope' } }] },
  {
    role: 'user',
    content: [
      {
        type: 'tool_result',
        tool_use_id: 'toolu_b1',
        is_error: true,
        content: [
          { type: 'text', text: 'ls: cannot access \'/nope\': No such file or directory\n' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'text', text: 'exit code 2 \u{1F600} "quoted" \\ back' },
        ],
      },
      { type: 'text', text: 'try again' },
    ],
  },
  { role: 'system', content: 'a system note inside messages', cache_control: { type: 'ephemeral' } },
]);

runAdapterContract(anthropicAdapter, {
  listKey: 'messages',
  cases: [
    { name: 'claude-first', body: realBody('claude-first.json'), pathname: PATH, outputs: [], turns: 2, liveFrom: 0, stream: true, model: 'claude-opus-5-5' },
    {
      name: 'claude-toolturn',
      body: claudeTool,
      pathname: PATH,
      outputs: [{ tool: 'Read', callId: 'toolu_fake2', turn: 3, text: '1\thello from file\n2\t' }],
      turns: 4,
      liveFrom: 3,
      stream: true,
      model: 'claude-opus-5-5',
    },
    {
      name: 'claude-toolturn + Bash error with image',
      body: claudeBash,
      pathname: PATH,
      outputs: [
        { tool: 'Read', callId: 'toolu_fake2', turn: 3 },
        { tool: 'Bash', callId: 'toolu_b1', turn: 5, isError: true, text: "ls: cannot access '/nope': No such file or directory\n" },
        { tool: 'Bash', callId: 'toolu_b1', turn: 5, isError: true, text: 'exit code 2 \u{1F600} "quoted" \\ back' },
      ],
      turns: 7,
      liveFrom: 5,
      stream: true,
      model: 'claude-opus-5-5',
    },
    { name: 'opencode-first', body: realBody('opencode-first.json'), pathname: PATH, outputs: [], turns: 1, liveFrom: 0, stream: true, model: 'claude-haiku-4-5-20251001' },
    { name: 'opencode-main', body: realBody('opencode-main.json'), pathname: PATH, outputs: [], turns: 1, liveFrom: 0, stream: true, model: 'claude-sonnet-4-5' },
  ],
  accepts: [PATH, '/anthropic/v1/messages'],
  declines: [
    ['POST', '/v1/messages/count_tokens'],
    ['POST', '/v1/messages/count_tokens?beta=true'],
    ['POST', '/v1/messages/batches'],
    ['POST', '/v1/messagesx'],
    ['POST', '/v1/chat/completions'],
    ['POST', '/api/hello'],
    ['HEAD', '/api/hello'],
  ],
});

describe('anthropic adapter details', () => {
  it('names a result only from an earlier assistant tool_use', () => {
    const body = JSON.stringify({
      messages: [
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'early' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'late' }] },
      ],
    });
    const r = anthropicAdapter.parse(body, PATH);
    expect(r.outputs.map((o) => [o.text, o.tool])).toEqual([['early', undefined], ['late', 'Bash']]);
    expect(r.stream).toBe(false);
  });

  it('puts liveOffset at the closing bracket when the body ends on an assistant prefill', () => {
    const body = '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"Sure"}]}';
    const r = anthropicAdapter.parse(body, PATH);
    expect([r.liveFrom, r.turns, body[r.liveOffset]]).toEqual([2, 2, ']']);
  });
});
