import { expect, test } from 'vitest';
import { aider } from '../../../src/wrap/agents/aider.js';
import { ENDPOINT, context, profileContract } from './profile-contract.js';

profileContract(aider, {
  consumedFlags: ['--openai-api-base'],
  userBaseUrl: { env: {}, args: ['--openai-api-base', 'https://gw.example.com/v1'], upstream: 'openai', url: 'https://gw.example.com' },
});

test("aider: the user's --openai-api-base becomes the upstream and ours replaces it", () => {
  const plan = aider.launch(context({ args: ['--model', 'gpt-5', '--openai-api-base=https://gw.example.com/v1', 'file.py'] }));
  expect(plan.args).toEqual(['--model', 'gpt-5', 'file.py']);
  expect(plan.env.OPENAI_API_BASE).toBe(`${ENDPOINT}/v1`);
  expect(plan.env.ANTHROPIC_BASE_URL).toBe(ENDPOINT);
  expect(aider.retrieval).toBe('proxy');
});
