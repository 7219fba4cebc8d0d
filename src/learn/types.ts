// The one model every transcript parser produces, whatever the agent: a
// session is a list of steps in order, and the miner only ever sees this.

export type LearnAgent = 'claude' | 'codex' | 'gemini' | 'copilot' | 'opencode' | 'aider';

export interface ToolCall {
  readonly kind: 'call';
  /** The agent's own id for the call, to match its result. */
  readonly id: string;
  /** The tool's name as the agent calls it: Bash, exec_command, run_shell_command, Edit... */
  readonly tool: string;
  /** The shell command, when the tool runs one (normalised to one string). */
  readonly command?: string;
  /** A file path the call works on, when it has one. */
  readonly path?: string;
  /** The call's input, as the agent sent it (JSON text, clipped). */
  readonly input: string;
  /** ISO time, when the transcript has one. */
  readonly at?: string;
}

export interface ToolResult {
  readonly kind: 'result';
  /** The id of the call it answers. */
  readonly id: string;
  /** The agent or tool said it failed (is_error, status "error", a non-zero exit code...). */
  readonly isError: boolean;
  readonly exitCode?: number;
  /** The output, clipped to what mining needs. */
  readonly output: string;
  readonly at?: string;
}

export interface UserTurn {
  readonly kind: 'user';
  readonly text: string;
  /** The user stopped the agent mid-step, or refused a tool call. */
  readonly interrupted?: boolean;
  readonly refused?: boolean;
  readonly at?: string;
}

export type Step = ToolCall | ToolResult | UserTurn;

export interface Session {
  readonly agent: LearnAgent;
  readonly id: string;
  /** The project folder the session ran in, when the transcript says. */
  readonly cwd?: string;
  /** Where it was read from. */
  readonly file: string;
  readonly steps: readonly Step[];
  /** Lines or records that could not be read (malformed, truncated): skipped and counted. */
  readonly skipped: number;
  /** The model, when the transcript names it. */
  readonly model?: string;
}

/** What a parser exports: one file per agent under transcripts/, all alike. */
export interface TranscriptFormat {
  readonly agent: LearnAgent;
  /** Where this agent keeps its transcripts, for a HOME (and env, e.g. CODEX_HOME). */
  locate(home: string, env: Readonly<Record<string, string | undefined>>): string[];
  /** True when a file (by name and first bytes) is this agent's transcript. */
  recognizes(file: string, head: string): boolean;
  /** Reads one transcript file (or database) into sessions. Never throws on bad content. */
  read(file: string): Promise<Session[]>;
}

/** One failed call and what happened next, with where it was seen. */
export interface Evidence {
  readonly agent: LearnAgent;
  readonly session: string;
  readonly file: string;
  readonly at?: string;
  /** The failing call, in one line (tool: command or input). */
  readonly failed: string;
  /** The line of output that says why it failed. */
  readonly error: string;
  /** The call that worked instead, when there was one. */
  readonly fixed?: string;
}

/** A rule worth writing down, and why. */
export interface Lesson {
  /** Stable across runs for the same rule text: used to merge with rules learned before. */
  readonly key: string;
  /** The rule, one short imperative line ("Use `python3`, not `python`."). */
  readonly rule: string;
  /** How many times it happened, in how many sessions, and the tokens those failures cost. */
  readonly count: number;
  readonly sessions: number;
  readonly wastedTokens: number;
  /** Said by the user (a correction), not only inferred from tool calls. */
  readonly fromUser: boolean;
  readonly evidence: readonly Evidence[];
  /** Seen only in sessions of other projects: proposed for the user's own file, not this project's. */
  readonly scope?: 'elsewhere';
  /** Why it is proposed, when the counts above do not say it (a back-off offered as a setting). */
  readonly summary?: string;
}

/** One change to one instructions file, as a person approves it. */
export interface Proposal {
  readonly id: string;
  /** The file to change (CLAUDE.md, AGENTS.md, GEMINI.md or a --target), absolute. */
  readonly file: string;
  /** The file's content the diff was made against ('' when it does not exist yet). */
  readonly before: string;
  readonly after: string;
  /** Unified diff of before -> after. */
  readonly diff: string;
  readonly lessons: readonly Lesson[];
}

/** What the person decided for one proposal on the approval screen. */
export type Decision =
  | { readonly kind: 'accept'; readonly after: string }
  | { readonly kind: 'reject' }
  | { readonly kind: 'skip' };
