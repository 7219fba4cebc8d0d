// OpenAI Chat Completions (Copilot CLI, Aider): tool outputs are `role: "tool"`
// messages, named by the assistant `tool_calls` entry with the same id.

import { arrayItems, getMember, getString } from '../json-spans.js';
import { bare, isPost, toolCall, modelName, outputsFrom, readRequestBody, requireTurns, streamFlag, textLiterals, turnLayout } from './body-shape.js';
import type { ParsedRequest, ProviderAdapter, ToolCall, ToolOutput } from './types.js';

export const openaiChatAdapter: ProviderAdapter = {
  name: 'openai-chat',
  outputHints: ['"tool"', '"function"'],

  // /v1/chat/completions, or /chat/completions under any prefix (Azure-style
  // deployments and gateways that drop the /v1).
  matches(method, pathname) {
    return isPost(method) && bare(pathname).endsWith('/chat/completions');
  },

  parse(body): ParsedRequest {
    const root = readRequestBody(body);
    const messages = requireTurns(root, 'messages');
    const toolNames = new Map<string, string>();
    const outputs: ToolOutput[] = [];
    const calls: ToolCall[] = [];

    messages.items.forEach((message, turn) => {
      const role = getString(message, 'role');
      if (role === 'assistant') {
        for (const call of arrayItems(getMember(message, 'tool_calls'))) {
          const id = getString(call, 'id');
          const fn = getMember(call, 'function');
          const name = getString(fn, 'name');
          if (id !== undefined && name !== undefined) {
            toolNames.set(id, name);
            calls.push(toolCall(body, id, name, turn, getMember(fn, 'arguments')));
          }
        }
        return;
      }
      // `function` is the deprecated single-call form: it carries its own name.
      if (role !== 'tool' && role !== 'function') return;
      const callId = getString(message, 'tool_call_id');
      const tool = role === 'function' ? getString(message, 'name') : callId === undefined ? undefined : toolNames.get(callId);
      outputs.push(...outputsFrom(textLiterals(getMember(message, 'content'), 'text'), turn, { tool, callId }));
    });

    const model = modelName(root);
    return {
      provider: 'openai-chat',
      outputs,
      calls,
      turns: messages.items.length,
      ...turnLayout(messages, (m) => getString(m, 'role') === 'assistant'),
      stream: streamFlag(root),
      ...(model !== undefined && { model }),
    };
  },
};
