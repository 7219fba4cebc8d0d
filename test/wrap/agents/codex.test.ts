import { expect, test } from 'vitest';
import { codex } from '../../../src/wrap/agents/codex.js';
import { ENDPOINT, context, profileContract } from './profile-contract.js';

profileContract(codex, {
  redirectEnv: { OPENAI_API_KEY: 'sk-test' },
  userBaseUrl: { env: { OPENAI_BASE_URL: 'https://gw.example.com/openai/v1' }, upstream: 'openai', url: 'https://gw.example.com/openai/v1' },
});

test('codex: a provider of our own through -c overrides, before the subcommand, as TOML values', () => {
  const plan = codex.launch(context({ args: ['exec', '--skip-git-repo-check', 'hi'], env: { OPENAI_API_KEY: 'sk-test' } }));
  const sets = Object.fromEntries(plan.args.flatMap((a, i) => (plan.args[i - 1] === '-c' ? [a.split(/=(.*)/s).slice(0, 2)] : [])));
  expect(sets.model_provider).toBe('headroom');
  expect(sets['model_providers.headroom.base_url']).toBe(JSON.stringify(`${ENDPOINT}/v1`));
  expect(sets['model_providers.headroom.wire_api']).toBe('"responses"');
  expect(sets['mcp_servers.headroom.args']).toBe('["/opt/headroom/bin/headroom", "mcp"]');
  expect(plan.args.slice(-3)).toEqual(['exec', '--skip-git-repo-check', 'hi']);
  expect(plan.notes).toEqual([]);
});

test('codex: without OPENAI_API_KEY it says so before starting', () => {
  expect(codex.launch(context()).notes?.join(' ')).toMatch(/OPENAI_API_KEY/);
});

test("codex: the user's own -c openai_base_url becomes the upstream (our provider is used instead)", () => {
  expect(codex.userUpstreams({}, ['-c', 'openai_base_url="http://gw.example.com/v1"', 'exec', 'hi'])).toEqual({ openai: 'http://gw.example.com/v1' });
  expect(codex.userUpstreams({ OPENAI_BASE_URL: 'https://a/v1' }, ['--config', "openai_base_url='https://b/v1'"])).toEqual({ openai: 'https://b/v1' });
  expect(codex.userUpstreams({}, ['exec', '--', '-c', 'openai_base_url="x"'])).toEqual({});
});
