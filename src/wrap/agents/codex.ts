import type { AgentProfile } from '../types.js';

// Codex ignores OPENAI_BASE_URL, but takes config overrides per run with -c:
// a model provider of our own pointed at the endpoint, speaking Responses over
// plain HTTP + SSE, and headroom's MCP server. ~/.codex/config.toml is not touched.

const PROVIDER = 'headroom';

/** A TOML basic string (the -c values are parsed as TOML). */
const toml = (s: string) => JSON.stringify(s);

/** `-c openai_base_url="..."` / `--config openai_base_url=...` among the user's arguments (TOML value, quotes optional). */
function configuredBaseUrl(args: readonly string[]): string | undefined {
  let url: string | undefined;
  for (let i = 0; i < args.length - 1; i++) {
    if (args[i] === '--') break;
    if (args[i] !== '-c' && args[i] !== '--config') continue;
    const m = /^openai_base_url=(.*)$/s.exec(args[i + 1]!);
    if (m) url = m[1]!.trim().replace(/^(["'])(.*)\1$/s, '$2');
  }
  return url;
}

export const codex: AgentProfile = {
  name: 'codex',
  binary: 'codex',
  install: 'npm install -g @openai/codex',
  retrieval: 'mcp',
  intercept: 'base-url',
  userUpstreams(env, args) {
    // Codex itself ignores OPENAI_BASE_URL, but a user who set it meant it.
    const url = configuredBaseUrl(args) ?? env.OPENAI_BASE_URL;
    return url ? { openai: url } : {};
  },
  launch(ctx) {
    const set = (key: string, value: string) => ['-c', `${key}=${value}`];
    const p = `model_providers.${PROVIDER}`;
    const overrides = [
      ...set('model_provider', PROVIDER),
      ...set(`${p}.name`, toml(PROVIDER)),
      ...set(`${p}.base_url`, toml(`${ctx.endpoint}/v1`)),
      ...set(`${p}.env_key`, toml('OPENAI_API_KEY')),
      ...set(`${p}.wire_api`, toml('responses')),
      ...set('mcp_servers.headroom.command', toml(ctx.mcp.command)),
      ...set('mcp_servers.headroom.args', `[${ctx.mcp.args.map(toml).join(', ')}]`),
      // --memory: Codex sends developer_instructions as a developer message at the start of every turn's input.
      ...(ctx.memory ? set('developer_instructions', toml(ctx.memory)) : []),
    ];
    const notes = ctx.env.OPENAI_API_KEY
      ? []
      : ['codex: OPENAI_API_KEY is not set. headroom sends Codex through an API-key provider; a ChatGPT sign-in is not redirected, so Codex will ask for the key.'];
    // -c is a global option: before the user's arguments it applies to every subcommand.
    return { args: [...overrides, ...ctx.args], env: {}, notes };
  },
};
