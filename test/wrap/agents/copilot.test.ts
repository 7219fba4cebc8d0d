import { expect, test } from 'vitest';
import { copilot } from '../../../src/wrap/agents/copilot.js';
import { ENDPOINT, context, profileContract } from './profile-contract.js';

profileContract(copilot, {
  redirectEnv: { COPILOT_PROVIDER_BASE_URL: 'https://api.openai.com/v1', COPILOT_PROVIDER_API_KEY: 'sk-test' },
  userBaseUrl: { env: { COPILOT_PROVIDER_BASE_URL: 'https://gw.example.com/v1' }, upstream: 'openai', url: 'https://gw.example.com' },
});

test('copilot: bring-your-own-key goes through the endpoint, /v1 for OpenAI, none for Anthropic', () => {
  expect(copilot.launch(context({ env: { COPILOT_PROVIDER_API_KEY: 'k' } })).env.COPILOT_PROVIDER_BASE_URL).toBe(`${ENDPOINT}/v1`);
  const anthropic = { COPILOT_PROVIDER_API_KEY: 'k', COPILOT_PROVIDER_TYPE: 'anthropic', COPILOT_PROVIDER_BASE_URL: 'https://api.anthropic.com' };
  expect(copilot.launch(context({ env: anthropic })).env.COPILOT_PROVIDER_BASE_URL).toBe(ENDPOINT);
  expect(copilot.userUpstreams(anthropic, [])).toEqual({ anthropic: 'https://api.anthropic.com' });
});

test("copilot: signed in with GitHub it runs as it is, and says why nothing is compressed", () => {
  const plan = copilot.launch(context({ env: {}, args: ['-p', 'hi'] }));
  expect(plan.args).toEqual(['-p', 'hi']);
  expect(plan.env).toEqual({});
  expect(plan.notes?.join(' ')).toMatch(/COPILOT_PROVIDER_BASE_URL/);
});
