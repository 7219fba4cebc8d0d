import type { Breakdown, Cost, LargestOutput, SavingsReport, SessionSavings, Tokens } from '../../src/savings/types.js';

// SavingsReport factories for the HTML page tests: four sessions of three
// agents with costs computed from per-million prices, as the replay would.

interface Price {
  readonly row: string;
  readonly input: number;
  readonly cacheWrite: number;
  readonly cacheRead: number;
  readonly output: number;
}

const PRICES: Readonly<Record<string, Price>> = {
  'claude-sonnet-4-5': { row: 'anthropic/claude-sonnet-4-5', input: 3, cacheWrite: 3.75, cacheRead: 0.3, output: 15 },
  'gpt-5-codex': { row: 'openai/gpt-5-codex', input: 1.25, cacheWrite: 0, cacheRead: 0.125, output: 10 },
  'gemini-2.5-pro': { row: 'google/gemini-2.5-pro', input: 1.25, cacheWrite: 0, cacheRead: 0.31, output: 10 },
};

function cost(model: string, t: Tokens): Cost {
  const p = PRICES[model];
  if (!p) throw new Error(`no test price for ${model}`);
  const part = (tokens: number, perMillion: number): number => (tokens * perMillion) / 1e6;
  const c = { input: part(t.input, p.input), cacheWrite: part(t.cacheWrite, p.cacheWrite), cacheRead: part(t.cacheRead, p.cacheRead), output: part(t.output, p.output) };
  return { ...c, total: c.input + c.cacheWrite + c.cacheRead + c.output };
}

export interface SessionInput {
  readonly agent: string;
  readonly id: string;
  readonly model: string;
  readonly requests: number;
  readonly outputs: number;
  readonly outputTokens: readonly [number, number];
  readonly before: Tokens;
  readonly after: Tokens;
  readonly cacheBusts?: number;
  readonly repacks?: number;
}

export function session(s: SessionInput): SessionSavings {
  return {
    agent: s.agent,
    id: s.id,
    file: `/home/dev/.${s.agent}/sessions/${s.id}.jsonl`,
    model: s.model,
    pricing: PRICES[s.model]?.row ?? 'unknown',
    requests: s.requests,
    outputs: s.outputs,
    outputTokensBefore: s.outputTokens[0],
    outputTokensAfter: s.outputTokens[1],
    before: s.before,
    after: s.after,
    costBefore: cost(s.model, s.before),
    costAfter: cost(s.model, s.after),
    cacheBusts: s.cacheBusts ?? 0,
    repacks: s.repacks ?? 0,
    recorded: { compressions: s.outputs, tokensBefore: s.outputTokens[0], tokensAfter: s.outputTokens[1] },
    ms: s.requests * 41,
  };
}

const row = (name: string, outputs: number, compressed: number, tokensBefore: number, tokensAfter: number): Breakdown => ({ name, outputs, compressed, tokensBefore, tokensAfter });

/** A report whose totals are the sums of its sessions. */
export function report(sessions: readonly SessionSavings[], extra: Partial<Pick<SavingsReport, 'byType' | 'byTool' | 'largest' | 'skipped'>> = {}): SavingsReport {
  const sum = (pick: (s: SessionSavings) => number): number => sessions.reduce((acc, s) => acc + pick(s), 0);
  const requests = sum((s) => s.requests);
  const ms = sum((s) => s.ms);
  return {
    generatedAt: '2026-11-21T09:30:00.000Z',
    pricingDate: 'LiteLLM model_prices_and_context_window.json, 2026-11-01',
    tokenizer: 'gpt-tokenizer o200k_base',
    sessions,
    byType: extra.byType ?? [],
    byTool: extra.byTool ?? [],
    largest: extra.largest ?? [],
    total: {
      sessions: sessions.length,
      requests,
      outputs: sum((s) => s.outputs),
      outputTokensBefore: sum((s) => s.outputTokensBefore),
      outputTokensAfter: sum((s) => s.outputTokensAfter),
      costBefore: sum((s) => s.costBefore.total),
      costAfter: sum((s) => s.costAfter.total),
      cacheBusts: sum((s) => s.cacheBusts),
      repacks: sum((s) => s.repacks),
      retrievals: {
        calls: sum((s) => s.retrievals?.calls ?? 0),
        turns: sum((s) => s.retrievals?.turns ?? 0),
        tokens: sum((s) => s.retrievals?.tokens ?? 0),
        cost: sum((s) => s.retrievals?.cost ?? 0),
      },
      ms,
      msPer1000Requests: requests > 0 ? (ms / requests) * 1000 : 0,
    },
    skipped: extra.skipped ?? 0,
  };
}

export const SESSIONS: readonly SessionSavings[] = [
  session({
    agent: 'claude-code', id: '5f1c2a9e-8d4b-4e47-9a31-0c6f2b7d1e88', model: 'claude-sonnet-4-5', requests: 184, outputs: 97, outputTokens: [412_380, 96_240],
    before: { input: 38_200, cacheWrite: 1_420_000, cacheRead: 18_640_000, output: 61_300 },
    after: { input: 36_900, cacheWrite: 1_095_000, cacheRead: 7_910_000, output: 61_300 },
  }),
  session({
    agent: 'codex', id: 'rollout-2026-10-28T14-02-11-0199a3c4', model: 'gpt-5-codex', requests: 96, outputs: 58, outputTokens: [188_900, 52_100],
    before: { input: 1_210_000, cacheWrite: 0, cacheRead: 6_480_000, output: 48_200 },
    after: { input: 402_000, cacheWrite: 0, cacheRead: 2_515_000, output: 48_200 },
  }),
  session({
    agent: 'claude-code', id: 'b07d93e4-1c2f-4a8e-b6d5-77e0a1c9f342', model: 'claude-sonnet-4-5', requests: 23, outputs: 11, outputTokens: [14_620, 9_870],
    before: { input: 4_100, cacheWrite: 96_000, cacheRead: 702_000, output: 7_900 },
    after: { input: 4_050, cacheWrite: 88_500, cacheRead: 598_000, output: 7_900 },
  }),
  session({
    agent: 'gemini', id: 'c4e1-0b7a-session-2026-11-02', model: 'gemini-2.5-pro', requests: 61, outputs: 40, outputTokens: [96_450, 31_020],
    before: { input: 690_000, cacheWrite: 0, cacheRead: 1_940_000, output: 22_400 },
    after: { input: 238_000, cacheWrite: 0, cacheRead: 790_000, output: 22_400 },
  }),
];

export const BY_TYPE: readonly Breakdown[] = [
  row('logs', 41, 38, 231_400, 31_900),
  row('search', 52, 47, 148_200, 40_330),
  row('json', 23, 19, 121_750, 28_400),
  row('test-output', 17, 17, 84_300, 9_150),
  row('code', 46, 12, 71_900, 58_600),
  row('diff', 14, 9, 29_800, 14_250),
  row('listing', 13, 11, 25_000, 6_600),
];

export const BY_TOOL: readonly Breakdown[] = [
  row('Bash', 71, 63, 336_800, 52_700),
  row('Grep', 29, 27, 96_100, 24_900),
  row('Read', 38, 10, 62_700, 50_100),
  row('exec_command', 44, 37, 188_900, 52_100),
  row('run_shell_command', 24, 19, 61_200, 19_800),
  row('read_file', 16, 3, 35_250, 11_220),
  row('WebFetch', 4, 4, 12_400, 3_060),
];

export const LARGEST: readonly LargestOutput[] = [
  { session: '5f1c2a9e-8d4b-4e47-9a31-0c6f2b7d1e88', tool: 'Bash', type: 'logs', tokensBefore: 48_210, tokensAfter: 2_140, preview: '> headroom@0.1.0 build /home/dev/headroom', became: '[headroom: 1,842 lines of build output, 38 kept: the errors and their context]' },
  { session: 'rollout-2026-10-28T14-02-11-0199a3c4', tool: 'exec_command', type: 'test-output', tokensBefore: 31_950, tokensAfter: 1_720, preview: ' RUN  v4.1.12 /work/app', became: 'FAIL test/store.test.ts > evicts oldest first (2 failed, 412 passed)' },
  { session: '5f1c2a9e-8d4b-4e47-9a31-0c6f2b7d1e88', tool: 'Grep', type: 'search', tokensBefore: 22_400, tokensAfter: 5_310, preview: 'src/intercept/providers/anthropic.ts:12:import { parseTurn } from', became: '[headroom: 611 matches in 148 files, grouped by file]' },
  { session: 'c4e1-0b7a-session-2026-11-02', tool: 'read_file', type: 'json', tokensBefore: 18_900, tokensAfter: 3_050, preview: '{"name":"@acme/web","lockfileVersion":3,"requires":true,"packages":{', became: '{"name":"@acme/web","lockfileVersion":3,"packages":{…1,204 entries, structure only}' },
  { session: '5f1c2a9e-8d4b-4e47-9a31-0c6f2b7d1e88', tool: 'Read', type: 'code', tokensBefore: 9_800, tokensAfter: 9_800, preview: "import { describe, expect, it } from 'vitest';", became: "import { describe, expect, it } from 'vitest';" },
];

/** Four sessions, seven content types and tools, five largest outputs, no cache busts. */
export function realisticReport(): SavingsReport {
  return report(SESSIONS, { byType: BY_TYPE, byTool: BY_TOOL, largest: LARGEST, skipped: 3 });
}

export function emptyReport(): SavingsReport {
  return report([]);
}
