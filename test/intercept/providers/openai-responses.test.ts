import { describe, expect, it } from 'vitest';
import { openaiResponsesAdapter } from '../../../src/intercept/providers/openai-responses.js';
import { appendTurns, realBody, runAdapterContract } from './adapter-contract.js';

const PATH = '/v1/responses';
const codexTool = realBody('codex-toolturn.json');

// Codex's exec turn continued: the model reasons, makes a function_call, and
// its string function_call_output comes back.
const codexFunction = appendTurns(codexTool, 'input', [
  { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA' },
  { type: 'function_call', id: 'fc_1', call_id: 'call_fn1', name: 'shell', arguments: '{"command":["ls"]}' },
  { type: 'function_call_output', call_id: 'call_fn1', output: 'err.txt\nhello.txt\nout.txt\n' },
]);

runAdapterContract(openaiResponsesAdapter, {
  listKey: 'input',
  // Responses accepts `input` as one prompt string.
  stringTurnList: 'one-turn',
  cases: [
    { name: 'codex-first', body: realBody('codex-first.json'), pathname: PATH, outputs: [], turns: 7, liveFrom: 0, stream: true, model: 'gpt-6.1-sol' },
    {
      name: 'codex-toolturn',
      body: codexTool,
      pathname: PATH,
      outputs: [
        { tool: 'exec', callId: 'call_fake1', turn: 8, text: 'Script completed\nWall time 0.1 seconds\nOutput:\n' },
        {
          tool: 'exec',
          callId: 'call_fake1',
          turn: 8,
          text: '{"chunk_id":"521335","wall_time_seconds":0.000007741,"exit_code":0,"original_token_count":4,"output":"hello from file\\n"}',
        },
      ],
      turns: 9,
      liveFrom: 8,
      stream: true,
      model: 'gpt-6.1-sol',
    },
    {
      name: 'codex-toolturn + function_call',
      body: codexFunction,
      pathname: PATH,
      outputs: [
        { tool: 'exec', callId: 'call_fake1', turn: 8 },
        { tool: 'exec', callId: 'call_fake1', turn: 8 },
        { tool: 'shell', callId: 'call_fn1', turn: 11, text: 'err.txt\nhello.txt\nout.txt\n' },
      ],
      turns: 12,
      liveFrom: 11,
      stream: true,
      model: 'gpt-6.1-sol',
    },
  ],
  accepts: [PATH, '/api/v1/responses'],
  declines: [
    ['POST', '/v1/responses/compact'],
    ['POST', '/v1/responses/resp_1/cancel'],
    ['GET', '/v1/responses'],
    ['POST', '/v1/chat/completions'],
    ['POST', '/responses'],
  ],
});

describe('openai responses adapter details', () => {
  it('reads a plain-string input as one turn with nothing to rewrite', () => {
    const body = '{"model":"m","input":"hello"}';
    expect(openaiResponsesAdapter.parse(body, PATH)).toEqual({
      provider: 'openai-responses',
      outputs: [],
      turns: 1,
      liveFrom: 0,
      liveOffset: body.indexOf('"hello"'),
      turnSpans: [{ start: body.indexOf('"hello"'), end: body.indexOf('"hello"') + 7 }],
      stream: false,
      model: 'm',
    });
  });

  it('treats unknown item kinds as the model side, keeping the live zone small', () => {
    const body = JSON.stringify({ input: [{ role: 'user', content: 'a' }, { type: 'item_reference', id: 'x' }, { type: 'function_call_output', call_id: 'c', output: 'o' }] });
    expect(openaiResponsesAdapter.parse(body, PATH).liveFrom).toBe(2);
  });
});
