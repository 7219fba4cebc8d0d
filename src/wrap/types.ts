import type { Upstream } from '../intercept/route.js';

// The one interface every agent profile implements (src/wrap/agents/<agent>.ts),
// and the values `headroom wrap` hands them. A profile is pure: it reads the
// user's environment and arguments and returns a plan; the session applies it.

export type AgentName = 'claude' | 'codex' | 'gemini' | 'copilot' | 'opencode' | 'aider' | 'cursor';

export type Env = Readonly<Record<string, string | undefined>>;

export type Upstreams = Record<Upstream, string>;

/** How to start headroom's own MCP server (`headroom mcp`) as a child of the agent. */
export interface McpCommand {
  readonly command: string;
  readonly args: readonly string[];
}

export interface LaunchContext {
  /** The session's intercept endpoint with its secret prefix, without `/v1`: http://127.0.0.1:PORT/hr-xxxx */
  readonly endpoint: string;
  /** The environment the user started headroom with. */
  readonly env: Env;
  /** The agent's arguments, as the user gave them. */
  readonly args: readonly string[];
  readonly cwd: string;
  readonly mcp: McpCommand;
  /** A private folder (0700) removed when the session ends, for files the agent must read. */
  readonly sessionDir: string;
  /** No parent of sessionDir is writable by others (some agents refuse settings files otherwise). */
  readonly sessionDirPrivate: boolean;
  /** `--memory`: the project's top facts, to give the agent through its own setting for extra instructions. Fixed for the session. */
  readonly memory?: string;
  /** Set for agents intercepted by the HTTPS man-in-the-middle proxy. */
  readonly mitm?: { readonly proxyUrl: string; readonly caBundleFile: string; readonly caCertFile: string };
}

export interface LaunchPlan {
  /** The agent's whole argument list. */
  readonly args: readonly string[];
  /** Set on top of the user's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Files written into the session folder before the agent starts (path relative to it). */
  readonly files?: ReadonlyArray<{ readonly name: string; readonly content: string }>;
  /** Said before the agent starts, when something about this session is worth knowing. */
  readonly notes?: readonly string[];
}

export interface AgentProfile {
  readonly name: AgentName;
  /** The command looked up on PATH. */
  readonly binary: string;
  /** How to install the agent, for the "not found" message. */
  readonly install: string;
  /** `mcp`: headroom's MCP server is registered with the agent; `proxy`: the proxy declares headroom_retrieve itself. */
  readonly retrieval: 'mcp' | 'proxy' | 'none';
  /** `base-url`: pointed at the endpoint by env/flags; `mitm`: through an HTTPS proxy with our CA. */
  readonly intercept: 'base-url' | 'mitm';
  /** Base URLs the user already set for this agent, which become the upstreams instead of the public APIs. */
  userUpstreams(env: Env, args: readonly string[]): Partial<Upstreams>;
  launch(ctx: LaunchContext): LaunchPlan;
}
