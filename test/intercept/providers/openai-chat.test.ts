import { describe, expect, it } from 'vitest';
import { openaiChatAdapter } from '../../../src/intercept/providers/openai-chat.js';
import { appendTurns, realBody, runAdapterContract } from './adapter-contract.js';

const PATH = '/v1/chat/completions';
const copilotFirst = realBody('copilot-first.json');

// Copilot's first request continued with two parallel tool calls: one result
// a plain string, the other a list of text parts (plus a non-text part).
const copilotTools = appendTurns(copilotFirst, 'messages', [
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'call_bash1', type: 'function', function: { name: 'bash', arguments: '{"command":"cat hello.txt"}' } },
      { id: 'call_view1', type: 'function', function: { name: 'view', arguments: '{"path":"/home/dev/project"}' } },
    ],
  },
  { role: 'tool', tool_call_id: 'call_bash1', content: 'hello from file\n<exited with exit code 0>' },
  {
    role: 'tool',
    tool_call_id: 'call_view1',
    content: [
      { type: 'text', text: 'err.txt\nhello.txt\nout.txt' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
    ],
  },
]);

// A later turn: the model answered, the user spoke, and a legacy function message.
const copilotLater = appendTurns(copilotTools, 'messages', [
  { role: 'assistant', content: 'It says hello.' },
  { role: 'user', content: 'thanks' },
  { role: 'function', name: 'legacy_tool', content: 'legacy output' },
]);

runAdapterContract(openaiChatAdapter, {
  listKey: 'messages',
  cases: [
    { name: 'copilot-first', body: copilotFirst, pathname: PATH, outputs: [], turns: 2, liveFrom: 0, stream: true, model: 'gpt-5' },
    {
      name: 'copilot-first + tool calls',
      body: copilotTools,
      pathname: PATH,
      outputs: [
        { tool: 'bash', callId: 'call_bash1', turn: 3, text: 'hello from file\n<exited with exit code 0>' },
        { tool: 'view', callId: 'call_view1', turn: 4, text: 'err.txt\nhello.txt\nout.txt' },
      ],
      turns: 5,
      liveFrom: 3,
      stream: true,
      model: 'gpt-5',
    },
    {
      name: 'copilot later turn',
      body: copilotLater,
      pathname: PATH,
      outputs: [
        { tool: 'bash', callId: 'call_bash1', turn: 3 },
        { tool: 'view', callId: 'call_view1', turn: 4 },
        { tool: 'legacy_tool', turn: 7, text: 'legacy output' },
      ],
      turns: 8,
      liveFrom: 6,
      stream: true,
      model: 'gpt-5',
    },
  ],
  accepts: [PATH, '/chat/completions', '/openai/deployments/gpt-5/chat/completions'],
  declines: [
    ['POST', '/v1/completions'],
    ['POST', '/v1/chat/completions/abc'],
    ['GET', '/v1/chat/completions'],
    ['POST', '/v1/responses'],
    ['POST', '/v1/messages'],
  ],
});

describe('openai chat adapter details', () => {
  it('leaves a tool message unnamed when no assistant call matches', () => {
    const body = '{"messages":[{"role":"tool","tool_call_id":"nope","content":"orphan"}],"stream":false}';
    const r = openaiChatAdapter.parse(body, PATH);
    expect(r.outputs).toEqual([{ start: body.indexOf('"orphan"'), end: body.indexOf('"orphan"') + 8, text: 'orphan', turn: 0, callId: 'nope' }]);
    expect(r.stream).toBe(false);
  });
});
