// What `headroom savings` reports: per session and in total, in tokens (gpt-tokenizer,
// o200k_base) and in dollars under each provider's prompt-cache pricing.

export interface Cost {
  /** Dollars for uncached input, cache writes, cache reads and output. */
  readonly input: number;
  readonly cacheWrite: number;
  readonly cacheRead: number;
  readonly output: number;
  readonly total: number;
}

export interface Tokens {
  /** Prompt tokens billed as plain input, written to the cache, read from it; output tokens. */
  readonly input: number;
  readonly cacheWrite: number;
  readonly cacheRead: number;
  readonly output: number;
}

/** One row of a breakdown (by content type, or by tool): distinct tool outputs, each counted once. */
export interface Breakdown {
  readonly name: string;
  readonly outputs: number;
  readonly compressed: number;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
}

export interface LargestOutput {
  readonly session: string;
  readonly tool: string;
  readonly type: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** The first line of the output, and of what it became (clipped). */
  readonly preview: string;
  readonly became: string;
}

/** Round trips to fetch originals back: what compression cost back, subtracted from the savings. */
export interface RetrievalCost {
  /** Calls that fetched an original (headroom_retrieve, `headroom retrieve`). */
  readonly calls: number;
  /** Requests that exist only because of them. */
  readonly turns: number;
  /** Tokens of the calls and their answers. */
  readonly tokens: number;
  /** Dollars they added to the session's bill (cache-aware). */
  readonly cost: number;
}

export interface SessionSavings {
  readonly agent: string;
  /** The agent's session id; a subagent's is "<parent id>/agent-<its id>". */
  readonly id: string;
  /** A subagent's own id (Claude Code's agentId), when the session is one: it shares its parent's id. */
  readonly subagent?: string;
  /** The project folder's name, and when the session started (ISO), when the transcript says. */
  readonly project?: string;
  readonly started?: string;
  readonly file: string;
  readonly model: string;
  /** The pricing row used, and the provider it belongs to. */
  readonly pricing: string;
  readonly requests: number;
  /** Distinct tool outputs, tokens before and after compression, each counted once. */
  readonly outputs: number;
  readonly outputTokensBefore: number;
  readonly outputTokensAfter: number;
  /** Prompt tokens summed over every request, as billed (before / after). */
  readonly before: Tokens;
  readonly after: Tokens;
  readonly costBefore: Cost;
  readonly costAfter: Cost;
  /** Requests whose already-sent prefix compression changed: cache busts it would cause (target 0). */
  readonly cacheBusts: number;
  /** Requests the proxy repacked after the prompt cache lapsed (by the transcript's timestamps): counted apart from busts. */
  readonly repacks: number;
  /** Retrievals the session made: "before" is the session without them, so the savings are net of them. */
  readonly retrievals?: RetrievalCost;
  /** What the replay's store recorded, as the proxy's store records it (`headroom stats`): the two agree. */
  readonly recorded: { readonly compressions: number; readonly tokensBefore: number; readonly tokensAfter: number };
  readonly ms: number;
}

export interface SavingsReport {
  readonly generatedAt: string;
  /** Where the prices come from, and their date. */
  readonly pricingDate: string;
  readonly tokenizer: string;
  readonly sessions: readonly SessionSavings[];
  readonly byType: readonly Breakdown[];
  readonly byTool: readonly Breakdown[];
  readonly largest: readonly LargestOutput[];
  readonly total: {
    readonly sessions: number;
    readonly requests: number;
    readonly outputs: number;
    readonly outputTokensBefore: number;
    readonly outputTokensAfter: number;
    readonly costBefore: number;
    readonly costAfter: number;
    readonly cacheBusts: number;
    readonly repacks: number;
    /** Retrieval round trips over every session, already subtracted from the savings above. */
    readonly retrievals: RetrievalCost;
    /** Time to replay, and per 1,000 requests. */
    readonly ms: number;
    readonly msPer1000Requests: number;
  };
  /** Records skipped while reading transcripts. */
  readonly skipped: number;
  /** Command patterns the replay backed off (per project), as a proxy would have after the same signals. */
  readonly backoffs?: ReadonlyArray<{ readonly project: string; readonly pattern: string; readonly signals: number }>;
}
