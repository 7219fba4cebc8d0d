import { expect, test } from 'vitest';
import { childEnv } from '../../src/wrap/child-env.js';

test("the profile's settings go on top of the user's environment; unset values are left out", () => {
  expect(childEnv({ PATH: '/bin', ANTHROPIC_BASE_URL: 'https://gw', EMPTY: undefined }, { ANTHROPIC_BASE_URL: 'http://127.0.0.1:1/hr-x' })).toEqual({
    PATH: '/bin',
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:1/hr-x',
  });
});

test("with a proxy of the user's, loopback bypasses it, added to what NO_PROXY had", () => {
  const env = childEnv({ HTTPS_PROXY: 'http://corp:3128', no_proxy: 'internal.example.com, localhost' }, {});
  expect(env.NO_PROXY).toBe('internal.example.com,localhost,127.0.0.1,::1');
  expect(env.no_proxy).toBe(env.NO_PROXY);
  expect(childEnv({ PATH: '/bin' }, {}).NO_PROXY).toBeUndefined();
});
