import { DEFAULT_UPSTREAMS, type Upstream, upstreamProblem } from '../intercept/route.js';
import type { AgentProfile, Env, Upstreams } from './types.js';
import { stripVersion } from './agents/args.js';
import { WrapSetupError } from './errors.js';

// Where a session's requests go. A base URL the user already gave the agent (a
// gateway, a corporate endpoint) becomes the upstream instead of being
// overwritten; HEADROOM_<PROVIDER>_UPSTREAM wins over both.

function checked(name: Upstream, value: string, source: string): string {
  const problem = upstreamProblem(value);
  if (problem) throw new WrapSetupError(`${source} (the ${name} upstream) ${problem}`, 'usage');
  // Requests carry their own /v1; an OpenAI-style base URL ending in it would double it.
  return stripVersion(value);
}

export function resolveUpstreams(profile: AgentProfile, env: Env, args: readonly string[]): Upstreams {
  const user = profile.userUpstreams(env, args);
  const pick = (name: Upstream): string => {
    const override = `HEADROOM_${name.toUpperCase()}_UPSTREAM`;
    if (env[override]) return checked(name, env[override], override);
    const own = user[name];
    if (own) return checked(name, own, `the ${name} base URL set for ${profile.name}`);
    return DEFAULT_UPSTREAMS[name];
  };
  return { anthropic: pick('anthropic'), openai: pick('openai'), gemini: pick('gemini') };
}
