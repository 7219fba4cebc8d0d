// The provider seam's public surface: the adapters, tried in order, and the
// one lookup the proxy does per request.

import { anthropicAdapter } from './anthropic.js';
import { geminiAdapter } from './gemini.js';
import { openaiChatAdapter } from './openai-chat.js';
import { openaiResponsesAdapter } from './openai-responses.js';
import type { ProviderAdapter } from './types.js';

export type { ParsedRequest, ProviderAdapter, ProviderName, ToolCall, ToolOutput } from './types.js';
export { BodyShapeError } from './body-shape.js';
export { anthropicAdapter, geminiAdapter, openaiChatAdapter, openaiResponsesAdapter };

/** Every adapter; their path rules do not overlap, so order only matters for speed. */
export const ADAPTERS: readonly ProviderAdapter[] = [anthropicAdapter, openaiResponsesAdapter, openaiChatAdapter, geminiAdapter];

/** The adapter for a request, or undefined: the proxy then passes it through untouched. */
export function adapterFor(method: string, pathname: string): ProviderAdapter | undefined {
  return ADAPTERS.find((a) => a.matches(method, pathname));
}
