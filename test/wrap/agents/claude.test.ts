import { expect, test } from 'vitest';
import { claude } from '../../../src/wrap/agents/claude.js';
import { ENDPOINT, context, profileContract } from './profile-contract.js';

profileContract(claude, { userBaseUrl: { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com/anthropic' }, upstream: 'anthropic', url: 'https://gw.example.com/anthropic' } });

test('claude: base URL without /v1, MCP server after the user arguments so a variadic flag cannot swallow it', () => {
  const plan = claude.launch(context({ args: ['--allowedTools', 'Bash', 'Read', '-p', 'hi'] }));
  expect(plan.env.ANTHROPIC_BASE_URL).toBe(ENDPOINT);
  expect(plan.args.slice(0, 5)).toEqual(['--allowedTools', 'Bash', 'Read', '-p', 'hi']);
  expect(plan.args[5]).toBe('--mcp-config');
  expect(JSON.parse(plan.args[6]!).mcpServers.headroom.args).toEqual(['/opt/headroom/bin/headroom', 'mcp']);
});

test('claude: deferred tool loading stays on as without headroom, unless the user chose otherwise', () => {
  expect(claude.launch(context()).env.ENABLE_TOOL_SEARCH).toBe('true');
  expect(claude.launch(context({ env: { ENABLE_TOOL_SEARCH: 'false' } })).env.ENABLE_TOOL_SEARCH).toBeUndefined();
  expect(claude.launch(context({ env: { ANTHROPIC_BASE_URL: 'https://gw' } })).env.ENABLE_TOOL_SEARCH).toBeUndefined();
});
