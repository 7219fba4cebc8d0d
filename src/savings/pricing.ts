// Prices per million tokens, one row per model family, with the providers'
// prompt-cache rules: Anthropic bills cache writes at 1.25x input (5-minute
// cache) and reads at 0.1x; OpenAI bills cached input at 0.1x and nothing extra
// to write; Gemini's implicit cache reads at 0.25x. Output is never cached.
// Update the rows and the date together, from the providers' pricing pages.

export const PRICING_DATE = '2025-11-15 (list prices, USD per million tokens, standard tier)';

export interface Price {
  readonly name: string;
  readonly provider: 'anthropic' | 'openai' | 'google';
  /** Matches the model id as a transcript names it. */
  readonly match: RegExp;
  readonly input: number;
  readonly output: number;
  /** Multipliers of `input` for tokens written to and read from the prompt cache. */
  readonly cacheWrite: number;
  readonly cacheRead: number;
}

const anthropic = { provider: 'anthropic' as const, cacheWrite: 1.25, cacheRead: 0.1 };
const openai = { provider: 'openai' as const, cacheWrite: 1, cacheRead: 0.1 };
const google = { provider: 'google' as const, cacheWrite: 1, cacheRead: 0.25 };

export const PRICES: readonly Price[] = [
  { name: 'Claude Opus 4.5+', match: /claude-opus-4-([5-9]|\d\d)|claude-opus-[5-9]/, input: 5, output: 25, ...anthropic },
  { name: 'Claude Opus 4/4.1', match: /claude-(?:3-)?opus/, input: 15, output: 75, ...anthropic },
  { name: 'Claude Sonnet', match: /claude-(?:3-\d-)?sonnet/, input: 3, output: 15, ...anthropic },
  { name: 'Claude Haiku 4.5+', match: /claude-haiku-4/, input: 1, output: 5, ...anthropic },
  { name: 'Claude Haiku 3.5', match: /claude-(?:3-5-)?haiku/, input: 0.8, output: 4, ...anthropic },
  { name: 'GPT-5 mini', match: /gpt-5(?:\.\d)?-mini/, input: 0.25, output: 2, ...openai },
  { name: 'GPT-5 nano', match: /gpt-5(?:\.\d)?-nano/, input: 0.05, output: 0.4, ...openai },
  { name: 'GPT-5 / codex', match: /gpt-5|codex|^o\d/, input: 1.25, output: 10, ...openai },
  { name: 'GPT (newer, priced as GPT-5)', match: /gpt-[6-9]/, input: 1.25, output: 10, ...openai },
  { name: 'GPT-4.1', match: /gpt-4\.1/, input: 2, output: 8, cacheWrite: 1, cacheRead: 0.25, provider: 'openai' },
  { name: 'Gemini 2.5 Flash', match: /gemini-[\d.]+-flash/, input: 0.3, output: 2.5, ...google },
  { name: 'Gemini 2.5 Pro', match: /gemini/, input: 1.25, output: 10, ...google },
];

/** The model each agent uses when its transcript does not say. */
const DEFAULT_MODEL: Readonly<Record<string, string>> = {
  claude: 'claude-sonnet-4-5',
  codex: 'gpt-5-codex',
  copilot: 'gpt-5',
  opencode: 'claude-sonnet-4-5',
  aider: 'claude-sonnet-4-5',
  gemini: 'gemini-2.5-pro',
};

export function priceFor(model: string | undefined, agent: string): { model: string; price: Price } {
  const fallback = DEFAULT_MODEL[agent] ?? 'claude-sonnet-4-5';
  const id = (model || fallback).toLowerCase();
  // A model not in the table is priced as its agent's usual one, and the report names the row used.
  const price = PRICES.find((p) => p.match.test(id)) ?? PRICES.find((p) => p.match.test(fallback))!;
  return { model: id, price };
}

/**
 * What every request of an agent carries besides the conversation in its
 * transcript (system prompt, tool definitions, the reminders it injects), in
 * tokens: the real first requests in ../shared/agent-requests counted with
 * gpt-tokenizer, less the user's prompt (claude-code 2.1.330, codex 0.169.0,
 * gemini-cli 0.61.0, copilot 1.0.102, opencode 1.18.33). Aider's is an
 * estimate from its prompt templates.
 */
export const PROMPT_OVERHEAD: Readonly<Record<string, number>> = {
  claude: 10_900,
  codex: 12_500,
  gemini: 8_300,
  copilot: 11_000,
  opencode: 6_800,
  aider: 3_000,
};
