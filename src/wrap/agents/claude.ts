import type { AgentProfile } from '../types.js';
import { appendFlags } from './args.js';

// Claude Code reads ANTHROPIC_BASE_URL (no `/v1`) and takes extra MCP servers
// for one run with --mcp-config, so nothing of the user's is touched.

export const claude: AgentProfile = {
  name: 'claude',
  binary: 'claude',
  install: 'npm install -g @anthropic-ai/claude-code',
  retrieval: 'mcp',
  intercept: 'base-url',
  userUpstreams: (env) => (env.ANTHROPIC_BASE_URL ? { anthropic: env.ANTHROPIC_BASE_URL } : {}),
  launch(ctx) {
    const mcp = { mcpServers: { headroom: { type: 'stdio', command: ctx.mcp.command, args: ctx.mcp.args } } };
    return {
      // --memory: appended to Claude Code's own system prompt, the same in every request.
      args: appendFlags(ctx.args, ['--mcp-config', JSON.stringify(mcp), ...(ctx.memory ? ['--append-system-prompt', ctx.memory] : [])]),
      env: {
        ANTHROPIC_BASE_URL: ctx.endpoint,
        // A custom base URL turns deferred tool loading off; keep the agent as it
        // is without headroom unless the user already pointed it at a gateway.
        ...(ctx.env.ANTHROPIC_BASE_URL || ctx.env.ENABLE_TOOL_SEARCH !== undefined ? {} : { ENABLE_TOOL_SEARCH: 'true' }),
      },
    };
  },
};
