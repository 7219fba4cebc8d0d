import { expect, test } from 'vitest';
import { opencode } from '../../../src/wrap/agents/opencode.js';
import { ENDPOINT, context, profileContract } from './profile-contract.js';

const theirs = JSON.stringify({ model: 'anthropic/claude-x', provider: { anthropic: { options: { baseURL: 'https://gw.example.com/v1', timeout: 5 } } }, mcp: { mine: { type: 'local', command: ['x'] } } });

profileContract(opencode, { userBaseUrl: { env: { OPENCODE_CONFIG_CONTENT: theirs }, upstream: 'anthropic', url: 'https://gw.example.com' } });

test("opencode: the user's inline config is merged, not replaced", () => {
  const plan = opencode.launch(context({ env: { OPENCODE_CONFIG_CONTENT: theirs } }));
  const config = JSON.parse(plan.env.OPENCODE_CONFIG_CONTENT!);
  expect(config.model).toBe('anthropic/claude-x');
  expect(config.provider.anthropic.options).toEqual({ baseURL: `${ENDPOINT}/v1`, timeout: 5 });
  expect(config.provider.openai.options.baseURL).toBe(`${ENDPOINT}/v1`);
  expect(Object.keys(config.mcp).sort()).toEqual(['headroom', 'mine']);
  expect(config.mcp.headroom.command).toEqual(['/usr/bin/node', '/opt/headroom/bin/headroom', 'mcp']);
});
