import type { Env } from './types.js';

// The agent's environment: the user's, with the profile's settings on top.
// A proxy the user set for the internet (HTTPS_PROXY...) must not catch the
// agent's requests to our loopback endpoint: a corporate proxy cannot reach
// this machine's 127.0.0.1, so loopback is added to NO_PROXY.

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];
const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

function withLoopback(list: string | undefined): string {
  const entries = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const host of LOOPBACK) if (!entries.includes(host)) entries.push(host);
  return entries.join(',');
}

export function childEnv(user: Env, plan: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...user, ...plan })) if (v !== undefined) env[k] = v;
  if (PROXY_VARS.some((k) => env[k])) {
    env.NO_PROXY = withLoopback(env.NO_PROXY ?? env.no_proxy);
    env.no_proxy = env.NO_PROXY;
  }
  return env;
}
