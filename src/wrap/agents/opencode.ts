import type { AgentProfile, Env, Upstreams } from '../types.js';
import { stripVersion } from './args.js';
import { type JsonObject as Json, isJsonObject as isObject } from '../../json-object.js';

// opencode merges OPENCODE_CONFIG_CONTENT over its config files, so one
// variable points its Anthropic and OpenAI providers at the endpoint and adds
// headroom's MCP server; a value the user already set is merged, not replaced.


function userConfig(env: Env): Json {
  try {
    const parsed: unknown = JSON.parse(env.OPENCODE_CONFIG_CONTENT ?? '{}');
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

const PROVIDERS = { anthropic: 'anthropic', openai: 'openai' } as const;

function baseUrlOf(config: Json, provider: string): string | undefined {
  const p = isObject(config.provider) ? config.provider[provider] : undefined;
  const options = isObject(p) ? p.options : undefined;
  const url = isObject(options) ? options.baseURL : undefined;
  return typeof url === 'string' && url ? url : undefined;
}

export const opencode: AgentProfile = {
  name: 'opencode',
  binary: 'opencode',
  install: 'npm install -g opencode-ai',
  retrieval: 'mcp',
  intercept: 'base-url',
  userUpstreams(env) {
    const config = userConfig(env);
    const out: Partial<Upstreams> = {};
    for (const [upstream, provider] of Object.entries(PROVIDERS) as Array<[keyof typeof PROVIDERS, string]>) {
      const url = baseUrlOf(config, provider);
      if (url) out[upstream] = stripVersion(url);
    }
    return out;
  },
  launch(ctx) {
    const config = userConfig(ctx.env);
    const providers: Json = isObject(config.provider) ? { ...config.provider } : {};
    for (const provider of Object.values(PROVIDERS)) {
      const p = isObject(providers[provider]) ? (providers[provider] as Json) : {};
      const options = isObject(p.options) ? p.options : {};
      providers[provider] = { ...p, options: { ...options, baseURL: `${ctx.endpoint}/v1` } };
    }
    const mcp: Json = isObject(config.mcp) ? { ...config.mcp } : {};
    mcp.headroom = { type: 'local', command: [ctx.mcp.command, ...ctx.mcp.args], enabled: true };
    // --memory: one more file in opencode's `instructions` list, read into its system prompt.
    const file = `${ctx.sessionDir}/memory/headroom-memory.md`;
    const instructions = ctx.memory ? { instructions: [...(Array.isArray(config.instructions) ? config.instructions : []), file] } : {};
    return {
      args: [...ctx.args],
      env: { OPENCODE_CONFIG_CONTENT: JSON.stringify({ ...config, provider: providers, mcp, ...instructions }) },
      ...(ctx.memory && { files: [{ name: 'memory/headroom-memory.md', content: ctx.memory }] }),
    };
  },
};
