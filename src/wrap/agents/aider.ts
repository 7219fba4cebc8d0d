import type { AgentProfile, Upstreams } from '../types.js';
import { appendFlags, flagValue, stripVersion, withoutFlag } from './args.js';

// Aider (through LiteLLM) reads OPENAI_API_BASE / --openai-api-base and
// ANTHROPIC_BASE_URL. It has no MCP client, so the proxy itself declares
// headroom_retrieve and answers it inside the stream.

export const aider: AgentProfile = {
  name: 'aider',
  binary: 'aider',
  install: 'python -m pip install aider-install && aider-install',
  retrieval: 'proxy',
  intercept: 'base-url',
  userUpstreams(env, args) {
    const out: Partial<Upstreams> = {};
    const openai = flagValue(args, '--openai-api-base') ?? env.OPENAI_API_BASE ?? env.OPENAI_BASE_URL;
    if (openai) out.openai = stripVersion(openai);
    const anthropic = env.ANTHROPIC_API_BASE ?? env.ANTHROPIC_BASE_URL;
    if (anthropic) out.anthropic = stripVersion(anthropic);
    return out;
  },
  launch(ctx) {
    // The user's --openai-api-base became the upstream; ours replaces it on the command line.
    const args = flagValue(ctx.args, '--openai-api-base') === undefined ? [...ctx.args] : withoutFlag(ctx.args, '--openai-api-base');
    // --memory: a read-only file in the chat (`--read`), added once at start.
    const memory = ctx.memory ? { files: [{ name: 'memory/headroom-memory.md', content: ctx.memory }] } : {};
    return {
      ...memory,
      args: ctx.memory ? appendFlags(args, ['--read', `${ctx.sessionDir}/memory/headroom-memory.md`]) : args,
      env: {
        OPENAI_API_BASE: `${ctx.endpoint}/v1`,
        ANTHROPIC_BASE_URL: ctx.endpoint,
        ANTHROPIC_API_BASE: ctx.endpoint,
      },
    };
  },
};
