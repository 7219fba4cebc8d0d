import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES_ROOT, REPO_ROOT } from './corpus.js';

// How to run each real agent CLI non-interactively against a provider URL,
// as a user who pointed the agent there by hand would: `args` are the plain
// agent arguments (prompt, tools approved without asking), `redirectEnv` /
// `redirectArgs` are the user's redirect to the provider. `headroom wrap`
// replaces the redirect with its own and must leave `args` alone.

export type AgentName = 'claude' | 'codex' | 'gemini' | 'copilot' | 'opencode';
export const AGENTS: readonly AgentName[] = ['claude', 'codex', 'gemini', 'copilot', 'opencode'];

export interface AgentSetupOptions {
  /** The provider's origin, e.g. http://127.0.0.1:PORT (no /v1): each agent gets the form it wants. */
  readonly providerUrl: string;
  /** A temporary folder that stands in for the user's home (seeded with seedHome). */
  readonly home: string;
  readonly cwd: string;
  readonly prompt: string;
}

export interface AgentSetup {
  /** Absolute path of the agent's bin in node_modules/.bin. */
  readonly bin: string;
  /** The agent's own arguments: non-interactive, tools approved without asking, the prompt. */
  readonly args: string[];
  /** Arguments that only redirect the agent to the provider (codex's -c override); they go before `args`. */
  readonly redirectArgs: string[];
  /** The whole environment of the child: HOME and XDG dirs in the temporary home, nothing from the real user's. */
  readonly env: Record<string, string>;
  /** The keys of `env` that are the user's redirect to the provider (base URL, key, provider choice). */
  readonly redirectEnv: string[];
}

export const API_KEY = 'sk-fake-agent-harness-0123456789abcdef';
export const agentBin = (name: AgentName): string => path.join(REPO_ROOT, 'node_modules', '.bin', name);

/**
 * Codex ignores OPENAI_BASE_URL, so its redirect is a per-run config override
 * (nothing written to ~/.codex). `openai_base_url` keeps the built-in provider
 * (its history stays visible) but first tries a WebSocket GET /v1/responses
 * and falls back to POST on a 426; a custom `model_provider` goes straight to
 * POST but hides threads made under the built-in provider.
 */
export function codexRedirectArgs(baseUrl: string, form: 'openai_base_url' | 'model_provider' = 'openai_base_url'): string[] {
  if (form === 'openai_base_url') return ['-c', `openai_base_url="${baseUrl}"`];
  return ['-c', 'model_provider=hr', '-c', 'model_providers.hr.name=hr', '-c', `model_providers.hr.base_url="${baseUrl}"`, '-c', 'model_providers.hr.env_key=OPENAI_API_KEY', '-c', 'model_providers.hr.wire_api=responses'];
}

/** HOME and everything agents derive from it, all inside the temporary home. */
function baseEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    TERM: 'dumb',
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    // Copilot saves large tool outputs to the temp dir: keep them in the throwaway home too.
    TMPDIR: path.join(home, 'tmp'),
    // Claude Code keeps its own temp and socket folders (/tmp/claude-<uid>, cc-socks, cc-daemon-<uid>)
    // unless told where: there too, so that no test leaves them in /tmp.
    CLAUDE_CODE_TMPDIR: path.join(home, 'tmp'),
    XDG_RUNTIME_DIR: path.join(home, 'run'),
  };
}

function setup(bin: string, args: string[], base: Record<string, string>, redirect: Record<string, string>, redirectArgs: string[] = []): AgentSetup {
  return { bin, args, redirectArgs, env: { ...base, ...redirect }, redirectEnv: Object.keys(redirect) };
}

export function agentSetup(name: AgentName, o: AgentSetupOptions): AgentSetup {
  const env = baseEnv(o.home);
  const bin = agentBin(name);
  switch (name) {
    case 'claude':
      // --dangerously-skip-permissions refuses to run as root (CI containers); --allowedTools does not.
      return setup(bin, ['-p', o.prompt, '--allowedTools', 'Bash'], env, { ANTHROPIC_BASE_URL: o.providerUrl, ANTHROPIC_API_KEY: API_KEY });
    case 'codex':
      // Without the bypass, exec runs commands in its read-only seccomp/landlock sandbox, which containers may lack.
      return setup(
        bin,
        ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', o.prompt],
        { ...env, CODEX_HOME: path.join(o.home, '.codex') },
        { OPENAI_API_KEY: API_KEY },
        codexRedirectArgs(`${o.providerUrl}/v1`),
      );
    case 'gemini':
      // Without the trust variable gemini exits 55 in an untrusted folder; --yolo is what declares run_shell_command.
      return setup(bin, ['--yolo', '-p', o.prompt], { ...env, GEMINI_CLI_TRUST_WORKSPACE: 'true' }, { GOOGLE_GEMINI_BASE_URL: o.providerUrl, GEMINI_API_KEY: API_KEY });
    case 'copilot':
      // BYOK mode: COPILOT_MODEL is required (exit 1 without it); type and wire API shown are the defaults.
      return setup(bin, ['-p', o.prompt, '--allow-all-tools'], env, {
        COPILOT_OFFLINE: 'true',
        COPILOT_PROVIDER_BASE_URL: `${o.providerUrl}/v1`,
        COPILOT_PROVIDER_API_KEY: API_KEY,
        COPILOT_PROVIDER_TYPE: 'openai',
        COPILOT_PROVIDER_WIRE_API: 'completions',
        COPILOT_MODEL: 'gpt-5',
      });
    case 'opencode':
      return setup(bin, ['run', o.prompt], env, {
        OPENCODE_CONFIG_CONTENT: JSON.stringify({
          provider: { anthropic: { options: { baseURL: `${o.providerUrl}/v1`, apiKey: API_KEY } } },
          model: 'anthropic/claude-sonnet-4-5',
        }),
      });
  }
}

const writeJson = (file: string, value: unknown): void => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
};

/** Files an agent needs in an empty home to run without onboarding, auth prompts or trust dialogs. */
export function seedHome(name: AgentName, home: string, cwd: string): void {
  fs.mkdirSync(path.join(home, 'tmp'), { recursive: true });
  fs.mkdirSync(path.join(home, 'run'), { recursive: true, mode: 0o700 });
  switch (name) {
    case 'claude':
      // Not needed by -p, but an interactive claude (under a PTY) goes through onboarding without it.
      writeJson(path.join(home, '.claude.json'), {
        hasCompletedOnboarding: true,
        customApiKeyResponses: { approved: [API_KEY.slice(-20)], rejected: [] },
        projects: { [cwd]: { hasTrustDialogAccepted: true } },
      });
      return;
    case 'codex':
      fs.mkdirSync(path.join(home, '.codex'), { recursive: true });
      return;
    case 'gemini':
      // Without it gemini exits 41 ("Invalid auth method selected") even with GEMINI_API_KEY set.
      writeJson(path.join(home, '.gemini', 'settings.json'), { security: { auth: { selectedType: 'gemini-api-key' } } });
      return;
    case 'copilot':
    case 'opencode':
      return;
  }
}

/**
 * The log the agents cat: 160 real sshd lines (17.8 KB). Copilot CLI swaps a
 * shell output over about 20 KB for a 500-character preview, and Claude Code
 * one over 30 000 characters, so a longer log would never reach the provider
 * whole; Copilot also masks URL credentials, which this log has none of.
 */
export const LOG_FIXTURE = path.join(FIXTURES_ROOT, 'wrap', 'loghub-openssh-160');
export const AGENT_PROMPT = 'Run `cat sshd.log` with your shell tool, then say ALL DONE.';

export interface AgentWorkspace {
  readonly root: string;
  readonly home: string;
  readonly cwd: string;
  /** The fixture log, copied into cwd. */
  readonly logFile: string;
  /** Lines of the log that must reach the provider in the tool result. */
  readonly needles: string[];
  /** Removes the whole temporary tree. */
  dispose(): void;
}

/** A temporary home (seeded for `name`) and project folder holding a copy of the fixture log. */
export function agentWorkspace(name: AgentName): AgentWorkspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `hr-agent-${name}-`));
  const home = path.join(root, 'home');
  const cwd = path.join(root, 'project');
  fs.mkdirSync(home);
  fs.mkdirSync(cwd);
  const logFile = path.join(cwd, 'sshd.log');
  fs.copyFileSync(path.join(LOG_FIXTURE, 'input.txt'), logFile);
  seedHome(name, home, cwd);
  const needles = fs.readFileSync(path.join(LOG_FIXTURE, 'needles.txt'), 'utf8').split('\n').filter(Boolean);
  return { root, home, cwd, logFile, needles, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export interface AgentRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From spawn to the agent's exit. */
  readonly ms: number;
  readonly timedOut: boolean;
  /** `pid cmdline` of processes the agent left running when it exited (all killed since). */
  readonly leftovers: string[];
}

/** State and process group of a pid, from /proc/<pid>/stat (fields after the parenthesised name). */
function stat(pid: number): { state: string; pgid: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, , pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '', pgid: Number(pgrp) };
  } catch {
    return undefined;
  }
}

/**
 * Pids of live (non-zombie) processes whose environment has HOME=<home> or
 * that are in process group `group`: what an agent run left behind, daemons
 * that left the group included (they keep the HOME they were started with).
 */
export function agentProcesses(home: string, group?: number): number[] {
  const needle = Buffer.from(`\0HOME=${home}\0`);
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const st = stat(pid);
    // A zombie is already dead: codex exits without waiting for a `git` child, which pid 1 reaps later.
    if (!st || st.state === 'Z') continue;
    try {
      if (group !== undefined && st.pgid === group) {
        pids.push(pid);
        continue;
      }
      const environ = Buffer.concat([Buffer.from('\0'), fs.readFileSync(`/proc/${pid}/environ`)]);
      if (environ.includes(needle)) pids.push(pid);
    } catch {
      // gone already, or not ours to read
    }
  }
  return pids;
}

const commandLine = (pid: number): string => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '?';
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills, by pid, every process agentProcesses() finds, until none is left; returns what it found first. */
export async function reapAgentProcesses(home: string, group?: number): Promise<string[]> {
  const found: string[] = [];
  for (let round = 0; round < 40; round++) {
    const pids = agentProcesses(home, group);
    if (pids.length === 0) return found;
    for (const pid of pids) {
      if (round === 0) found.push(`${pid} ${commandLine(pid)}`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
    await sleep(50);
  }
  throw new Error(`processes under ${home} survive SIGKILL: ${agentProcesses(home, group).join(' ')}`);
}

export interface RunOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  /** Put between `redirectArgs` and `args` (global flags such as an MCP config). */
  readonly extraArgs?: string[];
}

/**
 * Runs an agent with stdin closed (several agents read a piped stdin as part
 * of the prompt) in its own process group, kills it on timeout, then kills
 * whatever it left running and reports that.
 */
export async function runAgent(setup: AgentSetup, opts: RunOptions): Promise<AgentRun> {
  const started = Date.now();
  const child = spawn(setup.bin, [...setup.redirectArgs, ...(opts.extraArgs ?? []), ...setup.args], {
    cwd: opts.cwd,
    env: setup.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  const streamsClosed = new Promise<void>((r) => child.on('close', () => r()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, opts.timeoutMs);
  // 'exit', not 'close': a daemon that inherited stdout would hold 'close' back until the timeout.
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, s) => resolve([c, s]));
  });
  const ms = Date.now() - started;
  clearTimeout(timer);
  await Promise.race([streamsClosed, sleep(2_000)]);
  const leftovers = await reapAgentProcesses(setup.env.HOME!, child.pid);
  return { code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms, timedOut, leftovers };
}
