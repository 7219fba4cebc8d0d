// Anthropic Messages (Claude Code, opencode): tool outputs are `tool_result`
// blocks in user messages, named by the assistant `tool_use` block with the same id.

import { arrayItems, getMember, getString } from '../json-spans.js';
import { bare, callInput, isPost, toolCall, modelName, outputsFrom, readRequestBody, requireTurns, streamFlag, textLiterals, turnLayout } from './body-shape.js';
import type { CallInput, ParsedRequest, ProviderAdapter, ToolCall, ToolOutput } from './types.js';

export const anthropicAdapter: ProviderAdapter = {
  name: 'anthropic',
  outputHints: ['"tool_result"'],

  // Any prefix before /v1/messages (a base URL with a path); count_tokens and
  // batches end differently and are left alone.
  matches(method, pathname) {
    return isPost(method) && bare(pathname).endsWith('/v1/messages');
  },

  parse(body): ParsedRequest {
    const root = readRequestBody(body);
    const messages = requireTurns(root, 'messages');
    const toolNames = new Map<string, string>();
    const inputs = new Map<string, CallInput>();
    const outputs: ToolOutput[] = [];
    const calls: ToolCall[] = [];

    messages.items.forEach((message, turn) => {
      const role = getString(message, 'role');
      const content = getMember(message, 'content');
      for (const block of arrayItems(content)) {
        const type = getString(block, 'type');
        if (role === 'assistant') {
          // Only earlier assistant turns name a result: a tool_use can't answer itself backwards.
          const id = getString(block, 'id');
          const name = getString(block, 'name');
          if (type !== 'tool_use' || id === undefined || name === undefined) continue;
          toolNames.set(id, name);
          const inputNode = getMember(block, 'input');
          const input = callInput(inputNode);
          if (input) inputs.set(id, input);
          calls.push(toolCall(body, id, name, turn, inputNode));
          continue;
        }
        if (type !== 'tool_result') continue;
        const callId = getString(block, 'tool_use_id');
        const tool = callId === undefined ? undefined : toolNames.get(callId);
        const err = getMember(block, 'is_error');
        const isError = err?.kind === 'boolean' ? err.value : undefined;
        const input = callId === undefined ? undefined : inputs.get(callId);
        outputs.push(...outputsFrom(textLiterals(getMember(block, 'content'), 'text'), turn, { tool, callId, isError, input }));
      }
    });

    const model = modelName(root);
    return {
      provider: 'anthropic',
      outputs,
      calls,
      turns: messages.items.length,
      ...turnLayout(messages, (m) => getString(m, 'role') === 'assistant'),
      stream: streamFlag(root),
      ...(model !== undefined && { model }),
    };
  },
};
