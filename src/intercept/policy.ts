// Which tool outputs the proxy may compress. File reads are what an agent
// edits from: it needs their exact text (line numbers, whitespace) to build
// its edits, so they are left alone unless they are very large.

export type ToolRule = 'compress' | 'skip' | { readonly minTokens: number };

export interface ToolPolicy {
  /** Rules by tool name, exact match (as the request names the tool). */
  readonly tools: Readonly<Record<string, ToolRule>>;
  /** Rule for tools not listed, and outputs whose tool is unknown. */
  readonly default: ToolRule;
}

/** A file read of this many estimated tokens is compressed anyway: few agents can afford it whole. */
export const LARGE_READ_TOKENS = 40_000;

const READ = { minTokens: LARGE_READ_TOKENS } as const;

export const DEFAULT_POLICY: ToolPolicy = {
  tools: {
    // Claude Code, opencode, Gemini CLI, Copilot and Codex names for "read a file".
    Read: READ,
    NotebookRead: READ,
    read: READ,
    read_file: READ,
    read_many_files: READ,
    view: READ,
    // Retrieval answers are what the model asked for in full: never compress them again.
    headroom_retrieve: 'skip',
    mcp__headroom__headroom_retrieve: 'skip',
  },
  default: 'compress',
};

/** The rule for a tool's outputs. */
export function ruleFor(policy: ToolPolicy, tool: string | undefined): ToolRule {
  return (tool !== undefined ? policy.tools[tool] : undefined) ?? policy.default;
}

/** Whether an output of `tokens` estimated tokens from `tool` may be compressed. */
export function mayCompress(policy: ToolPolicy, tool: string | undefined, tokens: number): boolean {
  const rule = ruleFor(policy, tool);
  if (rule === 'compress') return true;
  if (rule === 'skip') return false;
  return tokens >= rule.minTokens;
}

/** Merges user rules (config) over the defaults. */
export function withRules(base: ToolPolicy, rules: Readonly<Record<string, ToolRule>>): ToolPolicy {
  return { tools: { ...base.tools, ...rules }, default: rules['*'] ?? base.default };
}
