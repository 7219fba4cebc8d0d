// OpenAI Responses (Codex CLI): tool outputs are `function_call_output` and
// `custom_tool_call_output` input items, named by the `function_call` /
// `custom_tool_call` item with the same call_id.

import { type JsonNode, getMember, getString } from '../json-spans.js';
import { bare, isPost, toolCall, modelName, outputsFrom, readRequestBody, requireTurns, streamFlag, textLiterals, turnLayout } from './body-shape.js';
import type { ParsedRequest, ProviderAdapter, ToolCall, ToolOutput } from './types.js';

const CALLS = new Set(['function_call', 'custom_tool_call']);
const RESULTS = new Set(['function_call_output', 'custom_tool_call_output']);

/**
 * Written by the model: assistant messages and every item without a role that
 * is not a `*_output` (calls, reasoning, web searches, and unknown kinds, which
 * keeps the live zone small when in doubt).
 */
function isModelTurn(item: JsonNode): boolean {
  const role = getString(item, 'role');
  if (role !== undefined) return role === 'assistant';
  return !(getString(item, 'type') ?? '').endsWith('_output');
}

export const openaiResponsesAdapter: ProviderAdapter = {
  name: 'openai-responses',
  outputHints: ['_call_output"'],

  matches(method, pathname) {
    return isPost(method) && bare(pathname).endsWith('/v1/responses');
  },

  parse(body): ParsedRequest {
    const root = readRequestBody(body);
    const model = modelName(root);
    const stream = streamFlag(root);
    const input = getMember(root, 'input');
    // `input` may be one plain prompt string: a valid request with nothing to rewrite.
    if (input?.kind === 'string') {
      const turnSpans = [{ start: input.start, end: input.end }];
      return { provider: 'openai-responses', outputs: [], turns: 1, liveFrom: 0, liveOffset: input.start, turnSpans, stream, ...(model !== undefined && { model }) };
    }
    const items = requireTurns(root, 'input');
    const toolNames = new Map<string, string>();
    const outputs: ToolOutput[] = [];
    const calls: ToolCall[] = [];

    items.items.forEach((item, turn) => {
      const type = getString(item, 'type') ?? '';
      const callId = getString(item, 'call_id');
      if (CALLS.has(type)) {
        const name = getString(item, 'name');
        if (callId !== undefined && name !== undefined) {
          toolNames.set(callId, name);
          calls.push(toolCall(body, callId, name, turn, getMember(item, type === 'function_call' ? 'arguments' : 'input')));
        }
        return;
      }
      if (!RESULTS.has(type)) return;
      const tool = callId === undefined ? undefined : toolNames.get(callId);
      // A string, or a list of parts of which only input_text is text we may rewrite.
      outputs.push(...outputsFrom(textLiterals(getMember(item, 'output'), 'input_text'), turn, { tool, callId }));
    });

    return {
      provider: 'openai-responses',
      outputs,
      calls,
      turns: items.items.length,
      ...turnLayout(items, isModelTurn),
      stream,
      ...(model !== undefined && { model }),
    };
  },
};
