import type { AgentProfile, Env, LaunchPlan } from '../types.js';
import { appendFlags, stripVersion } from './args.js';

// Copilot CLI can be pointed elsewhere only in bring-your-own-key mode
// (COPILOT_PROVIDER_*). Signed in with GitHub it talks to GitHub's service,
// which has no base-URL setting: then it runs as it is, measured by nothing.

const byok = (env: Env) => Boolean(env.COPILOT_PROVIDER_BASE_URL || env.COPILOT_PROVIDER_API_KEY);
const isAnthropic = (env: Env) => (env.COPILOT_PROVIDER_TYPE ?? '').toLowerCase() === 'anthropic';

export const copilot: AgentProfile = {
  name: 'copilot',
  binary: 'copilot',
  install: 'npm install -g @github/copilot',
  retrieval: 'mcp',
  intercept: 'base-url',
  userUpstreams(env) {
    const url = env.COPILOT_PROVIDER_BASE_URL;
    if (!url) return {};
    return isAnthropic(env) ? { anthropic: stripVersion(url) } : { openai: stripVersion(url) };
  },
  launch(ctx): LaunchPlan {
    const mcp = { mcpServers: { headroom: { type: 'local', command: ctx.mcp.command, args: ctx.mcp.args, tools: ['*'] } } };
    const args = appendFlags(ctx.args, ['--additional-mcp-config', JSON.stringify(mcp)]);
    if (!byok(ctx.env)) {
      return {
        args: [...ctx.args],
        env: {},
        notes: ['copilot: signed in with GitHub, Copilot talks to GitHub\'s service, which cannot be redirected; set COPILOT_PROVIDER_BASE_URL and COPILOT_PROVIDER_API_KEY (bring your own key) to compress.'],
      };
    }
    const base = isAnthropic(ctx.env) ? ctx.endpoint : `${ctx.endpoint}/v1`;
    if (!ctx.memory) return { args, env: { COPILOT_PROVIDER_BASE_URL: base } };
    // --memory: an AGENTS.md in a folder of the session's own, added to the folders Copilot reads instructions from.
    const dirs = [ctx.env.COPILOT_CUSTOM_INSTRUCTIONS_DIRS, `${ctx.sessionDir}/memory`].filter(Boolean).join(',');
    return { args, env: { COPILOT_PROVIDER_BASE_URL: base, COPILOT_CUSTOM_INSTRUCTIONS_DIRS: dirs }, files: [{ name: 'memory/AGENTS.md', content: ctx.memory }] };
  },
};
