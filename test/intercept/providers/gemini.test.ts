import { describe, expect, it } from 'vitest';
import { geminiAdapter } from '../../../src/intercept/providers/gemini.js';
import { appendTurns, realBody, runAdapterContract } from './adapter-contract.js';

const STREAM = '/v1beta/models/gemini-3-pro-preview:streamGenerateContent';
const ROUTER = '/v1beta/models/gemini-2.5-flash-lite:generateContent';
const geminiTool = realBody('gemini-toolturn.json');

// Gemini's read_file turn continued with two calls whose responses have no
// string `output`: one shell-like object, one failure.
const geminiShapes = appendTurns(geminiTool, 'contents', [
  {
    role: 'model',
    parts: [
      { functionCall: { id: 'shell_1', name: 'run_shell_command', args: { command: 'ls' } } },
      { functionCall: { id: 'mcp_1', name: 'mcp_fetch', args: {} } },
    ],
  },
  {
    role: 'user',
    parts: [
      { functionResponse: { id: 'shell_1', name: 'run_shell_command', response: { stdout: 'a\nb\n', stderr: 'warn: x', exit: { code: 0 }, note: 'not output' } } },
      { functionResponse: { id: 'mcp_1', name: 'mcp_fetch', response: { error: 'fetch failed: ECONNREFUSED' } } },
    ],
  },
]);

runAdapterContract(geminiAdapter, {
  listKey: 'contents',
  cases: [
    { name: 'gemini-first', body: realBody('gemini-first.json'), pathname: STREAM, outputs: [], turns: 1, liveFrom: 0, stream: true, model: 'gemini-3-pro-preview' },
    { name: 'gemini-router', body: realBody('gemini-router.json'), pathname: ROUTER, outputs: [], turns: 2, liveFrom: 0, stream: false, model: 'gemini-2.5-flash-lite' },
    {
      name: 'gemini-toolturn',
      body: geminiTool,
      pathname: STREAM,
      outputs: [{ tool: 'read_file', callId: 'read_file_1795298318450_0', turn: 2, text: 'hello from file\n' }],
      turns: 3,
      liveFrom: 2,
      stream: true,
      model: 'gemini-3-pro-preview',
    },
    {
      name: 'gemini-toolturn + object responses',
      body: geminiShapes,
      pathname: `${STREAM}`,
      outputs: [
        { tool: 'read_file', callId: 'read_file_1795298318450_0', turn: 2 },
        { tool: 'run_shell_command', callId: 'shell_1', turn: 4, text: 'a\nb\n' },
        { tool: 'run_shell_command', callId: 'shell_1', turn: 4, text: 'warn: x' },
        { tool: 'mcp_fetch', callId: 'mcp_1', turn: 4, isError: true, text: 'fetch failed: ECONNREFUSED' },
      ],
      turns: 5,
      liveFrom: 4,
      stream: true,
      model: 'gemini-3-pro-preview',
    },
  ],
  accepts: [STREAM, ROUTER, '/v1/projects/p/locations/us/publishers/google/models/gemini-2.5-pro:generateContent'],
  declines: [
    ['POST', '/v1beta/models/gemini-2.5-pro:countTokens'],
    ['POST', '/v1beta/models/gemini-2.5-pro:embedContent'],
    ['POST', '/v1beta/models/gemini-2.5-pro'],
    ['POST', '/v1beta/models:generateContent'],
    ['GET', '/v1beta/models'],
    ['POST', '/v1/messages'],
  ],
});

describe('gemini adapter details', () => {
  it('takes only `output` when it is a string, and reads a role-less content as the user', () => {
    const body = JSON.stringify({ contents: [{ parts: [{ functionResponse: { name: 't', response: { output: 'o', stdout: 's' } } }] }] });
    const r = geminiAdapter.parse(body, STREAM);
    expect(r.outputs.map((o) => o.text)).toEqual(['o']);
    expect(r.liveFrom).toBe(0);
  });

  it('ignores functionResponse parts inside model turns', () => {
    const body = JSON.stringify({ contents: [{ role: 'model', parts: [{ functionResponse: { name: 't', response: { output: 'o' } } }] }] });
    expect(geminiAdapter.parse(body, STREAM).outputs).toEqual([]);
  });
});
