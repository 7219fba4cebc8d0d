import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor } from '../../../src/intercept/providers/index.js';

describe('adapterFor', () => {
  it('routes each agent path to one adapter', () => {
    const cases: ReadonlyArray<readonly [string, string | undefined]> = [
      ['/v1/messages?beta=true', 'anthropic'],
      ['/v1/chat/completions', 'openai-chat'],
      ['/v1/responses', 'openai-responses'],
      ['/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse', 'gemini'],
      ['/v1/messages/count_tokens', undefined],
      ['/api/hello', undefined],
    ];
    for (const [p, name] of cases) {
      expect(adapterFor('POST', p)?.name, p).toBe(name);
      expect(ADAPTERS.filter((a) => a.matches('POST', p)).length, p).toBe(name ? 1 : 0);
    }
  });
});
