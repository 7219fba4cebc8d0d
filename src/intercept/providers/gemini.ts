// Gemini generateContent (Gemini CLI): tool outputs are `functionResponse`
// parts in user contents; each names its own tool, so no matching is needed.

import { type JsonNode, type JsonString, arrayItems, getMember, getString, isObject, isString } from '../json-spans.js';
import { bare, isPost, readRequestBody, requireTurns, turnLayout } from './body-shape.js';
import type { ParsedRequest, ProviderAdapter, ToolOutput } from './types.js';

// Model on the path, as in /v1beta/models/gemini-2.5-pro:streamGenerateContent
// (any prefix, so Vertex's /v1/projects/.../models/<m>:generateContent too).
const PATH = /\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/**
 * Keys whose string values count as tool output when `response` has no string
 * `output` (hand-written or MCP tools return other shapes). `error` is what
 * Gemini CLI sends for a failed call, so those outputs are marked isError.
 */
const OUTPUT_KEYS = new Set(['output', 'content', 'result', 'stdout', 'stderr', 'error']);

interface Found {
  readonly literal: JsonString;
  readonly isError: boolean;
}

/**
 * `response.output` when it is a string (what Gemini CLI sends); otherwise
 * every string leaf anywhere under `response` whose nearest key is in
 * OUTPUT_KEYS (array items take the key of their array), in source order.
 */
function responseOutputs(response: JsonNode | undefined): Found[] {
  const direct = getMember(response, 'output');
  if (isString(direct)) return [{ literal: direct, isError: false }];
  if (!isObject(response)) return [];
  const found: Found[] = [];
  // Explicit stack (reversed pushes keep source order); depth is already capped by the reader.
  const stack: Array<{ node: JsonNode; key: string | undefined }> = [{ node: response, key: undefined }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { node, key } = top;
    if (node.kind === 'string') {
      if (key !== undefined && OUTPUT_KEYS.has(key)) found.push({ literal: node, isError: key === 'error' });
    } else if (node.kind === 'object') {
      for (let k = node.values.length - 1; k >= 0; k--) {
        const value = node.values[k];
        if (value !== undefined) stack.push({ node: value, key: node.keys[k] });
      }
    } else if (node.kind === 'array') {
      for (let k = node.items.length - 1; k >= 0; k--) {
        const item = node.items[k];
        if (item !== undefined) stack.push({ node: item, key });
      }
    }
  }
  return found;
}

export const geminiAdapter: ProviderAdapter = {
  name: 'gemini',
  outputHints: ['"functionResponse"', '"function_response"'],

  matches(method, pathname) {
    return isPost(method) && PATH.test(bare(pathname));
  },

  parse(body, pathname): ParsedRequest {
    const root = readRequestBody(body);
    const contents = requireTurns(root, 'contents');
    const outputs: ToolOutput[] = [];

    contents.items.forEach((content, turn) => {
      if (getString(content, 'role') === 'model') return;
      for (const part of arrayItems(getMember(content, 'parts'))) {
        const call = getMember(part, 'functionResponse');
        if (!isObject(call)) continue;
        const tool = getString(call, 'name');
        const callId = getString(call, 'id');
        for (const { literal, isError } of responseOutputs(getMember(call, 'response'))) {
          outputs.push({
            start: literal.start,
            end: literal.end,
            get text() {
              return literal.value;
            },
            turn,
            ...(tool !== undefined && { tool }),
            ...(callId !== undefined && { callId }),
            ...(isError && { isError }),
          });
        }
      }
    });

    const path = PATH.exec(bare(pathname));
    const model = path?.[1] === undefined ? undefined : safeDecode(path[1]);
    return {
      provider: 'gemini',
      outputs,
      turns: contents.items.length,
      // A missing role means "user" in the Gemini API; only "model" turns are the model's.
      ...turnLayout(contents, (c) => getString(c, 'role') === 'model'),
      stream: path?.[2] === 'streamGenerateContent',
      ...(model !== undefined && { model }),
    };
  },
};

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed %-escape is still a usable label for logs.
    return segment;
  }
}
