import { expect, test } from 'vitest';
import { AGENTS } from '../../../src/wrap/agents/index.js';
import { context, visible } from './profile-contract.js';

// wrap --memory: every agent that can take extra instructions gets the block
// through its own setting, verbatim; none gets anything without it.

const MEMORY = 'Facts about this project ...\n- The e2e tests need --runInBand\n';
const redirect = { GEMINI_API_KEY: 'k', COPILOT_PROVIDER_BASE_URL: 'http://gw/v1', COPILOT_PROVIDER_API_KEY: 'k', OPENAI_API_KEY: 'k' };

test('each agent gets the facts through its own setting, and nothing without --memory', () => {
  const how: Record<string, (p: ReturnType<(typeof AGENTS)['claude']['launch']>) => boolean> = {
    claude: (p) => p.args[p.args.indexOf('--append-system-prompt') + 1] === MEMORY,
    codex: (p) => p.args.includes(`developer_instructions=${JSON.stringify(MEMORY)}`),
    gemini: (p) => p.files!.some((f) => f.name === 'memory/GEMINI.md' && f.content === MEMORY) && JSON.parse(p.files![0]!.content).context.loadMemoryFromIncludeDirectories === true,
    copilot: (p) => p.env.COPILOT_CUSTOM_INSTRUCTIONS_DIRS!.endsWith('/memory') && p.files!.some((f) => f.name === 'memory/AGENTS.md' && f.content === MEMORY),
    opencode: (p) => JSON.parse(p.env.OPENCODE_CONFIG_CONTENT!).instructions[0].endsWith('/memory/headroom-memory.md') && p.files![0]!.content === MEMORY,
    aider: (p) => p.args.includes('--read') && p.files![0]!.content === MEMORY,
  };
  for (const [name, ok] of Object.entries(how)) {
    const profile = AGENTS[name as keyof typeof AGENTS];
    const ctx = context({ env: { ...context().env, ...redirect } });
    expect(ok(profile.launch({ ...ctx, memory: MEMORY })), name).toBe(true);
    expect(visible(profile.launch(ctx)).includes('Facts about this project'), name).toBe(false);
  }
});
