import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { type AgentProvider, startAgentProvider } from '../helpers/agent-provider.js';
import { agentProcesses, agentSetup, agentWorkspace, reapAgentProcesses } from '../helpers/agents.js';
import { BIN } from '../helpers/cli.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';
import { spawnTerm } from '../helpers/term.js';
import { tempDir } from '../helpers/temp-dir.js';

// `headroom wrap claude` killed with SIGKILL while the agent runs a slow tool,
// as the out-of-memory killer or `kill -9` would: the real Claude Code, the
// real `headroom mcp` it starts, real shells. Nothing of the session may go
// on running, and no request of the agent may reach whoever takes the port
// next: a squatter tries to bind it from the moment wrap dies and counts
// every connection it gets while the tool (which the agent would answer with
// a request) finishes. Only the provider is fake.

const SLOW = 'sleep 6; echo slow-tool-done';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

const cmdline = (pid: number): string => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};

const environ = (pid: number): string => {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return '';
  }
};

async function until<T>(what: string, ms: number, probe: () => T | undefined): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** The port of the session's endpoint, as the agent was given it. */
function endpointPort(home: string): number | undefined {
  for (const pid of agentProcesses(home)) {
    const m = /\0ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:(\d+)\/hr-/.exec(`\0${environ(pid)}`);
    if (m) return Number(m[1]);
  }
  return undefined;
}

interface Squatter {
  /** ms after wrap died when the port could be bound, or undefined while it cannot. */
  boundAfter(): number | undefined;
  /** Bytes each connection sent, as received. */
  readonly received: string[];
  close(): Promise<void>;
}

/** Binds `port` on 127.0.0.1 as soon as the kernel lets it, and records every connection and byte it receives. */
function squat(port: number, since: number): Squatter {
  const received: string[] = [];
  let bound: number | undefined;
  let server: net.Server | undefined;
  let stopped = false;
  const attempt = () => {
    if (stopped) return;
    const s = net.createServer((socket) => {
      const i = received.push('') - 1;
      socket.on('data', (d: Buffer) => (received[i] += d.toString('latin1')));
      socket.on('error', () => {});
    });
    s.once('error', () => setTimeout(attempt, 2));
    s.listen(port, '127.0.0.1', () => {
      bound = Date.now() - since;
      server = s;
    });
  };
  attempt();
  return {
    boundAfter: () => bound,
    received,
    close: async () => {
      stopped = true;
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    },
  };
}

interface Session {
  readonly home: string;
  readonly runtime: string;
  readonly provider: AgentProvider;
  readonly env: Record<string, string>;
  readonly args: string[];
  readonly cwd: string;
}

async function session(): Promise<Session> {
  const ws = agentWorkspace('claude');
  cleanup.push(() => ws.dispose());
  cleanup.push(() => reapAgentProcesses(ws.home));
  const provider = await startAgentProvider({ logFile: ws.logFile, first: SLOW });
  cleanup.push(() => provider.close());
  const setup = agentSetup('claude', { providerUrl: provider.url, home: ws.home, cwd: ws.cwd, prompt: 'Run the slow check with your shell tool.' });
  const runtime = tempDir('hr-runtime-');
  cleanup.push(() => fs.rmSync(runtime, { recursive: true, force: true }));
  return { home: ws.home, runtime, provider, env: { ...setup.env, XDG_RUNTIME_DIR: runtime }, args: setup.args, cwd: ws.cwd };
}

/** Waits until the agent runs the slow tool: wrap is then mid-session, with the agent, its MCP server and a shell under it. */
async function inSlowTool(s: Session): Promise<{ port: number; pids: number[] }> {
  await until('the agent to run the slow tool', 90_000, () => agentProcesses(s.home).some((pid) => cmdline(pid).startsWith('sleep 6')));
  const port = await until('the endpoint port in the agent\'s environment', 5_000, () => endpointPort(s.home));
  const pids = agentProcesses(s.home);
  expect(pids.map(cmdline).some((c) => / mcp(\s|$)/.test(c)), `headroom mcp runs: ${pids.map(cmdline).join('\n')}`).toBe(true);
  return { port, pids };
}

const sessionFolders = (runtime: string): string[] => {
  try {
    return fs.readdirSync(path.join(runtime, 'headroom')).filter((n) => n.startsWith('wrap-'));
  } catch {
    return [];
  }
};

/** SIGKILLs wrap and checks what follows: every process of the session gone, the port released, the squatter never reached. */
async function killAndCheck(s: Session, wrapPid: number): Promise<void> {
  const { port, pids } = await inSlowTool(s);
  process.kill(wrapPid, 'SIGKILL');
  const died = Date.now();
  const squatter = squat(port, died);
  cleanup.push(() => squatter.close());

  const gone = await until(`the session's processes to end (${pids.map((p) => `${p} ${cmdline(p)}`).join('; ')})`, 5_000, () =>
    agentProcesses(s.home).length === 0 ? Date.now() - died : undefined,
  );
  // The requirement is one second; the slack is for a loaded 2-core machine.
  expect(gone).toBeLessThan(3_000);
  // Held until then by the guardian, and released once nothing of the session is left: nothing outlives it.
  await until('the port to be released', 5_000, () => squatter.boundAfter());
  // Past the end of the slow tool, when a surviving agent would have sent its result.
  await sleep(7_000);
  expect(squatter.received, 'requests the squatter caught').toEqual([]);
  expect(sessionFolders(s.runtime)).toEqual([]);
  const logs = path.join(s.env.XDG_STATE_HOME!, 'headroom', 'wrap');
  const log = fs.readFileSync(path.join(logs, fs.readdirSync(logs)[0]!), 'utf8');
  expect(log).toMatch(/wrap ended without closing the session: ended \d+ of its processes/);
  expect(log).not.toContain('sk-fake');
}

test('wrap killed with SIGKILL without a terminal: the agent and everything under it end, the port reaches nobody else', async () => {
  const s = await session();
  const wrap: ChildProcess = spawn(process.execPath, [BIN, 'wrap', 'claude', '--', ...s.args], {
    cwd: s.cwd,
    env: s.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanup.push(() => wrap.exitCode === null && wrap.signalCode === null && wrap.kill('SIGKILL'));
  let err = '';
  wrap.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  try {
    await killAndCheck(s, wrap.pid!);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nwrap stderr:\n${err}\nrequests:\n${s.provider.trace().join('\n')}`, { cause: e });
  }
}, 150_000);

test('wrap killed with SIGKILL under a terminal: the same', async () => {
  const s = await session();
  const t = spawnTerm(process.execPath, [BIN, 'wrap', 'claude', ...s.args], { cwd: s.cwd, env: { ...s.env, TERM: 'xterm-256color' } });
  cleanup.push(() => t.kill());
  try {
    await killAndCheck(s, t.pid);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nscreen:\n${t.screen().join('\n')}\nrequests:\n${s.provider.trace().join('\n')}`, { cause: e });
  }
}, 150_000);

test('orphans of a session whose wrap and guardian were both killed are ended by the next wrap', async () => {
  const s = await session();
  const first = spawn(process.execPath, [BIN, 'wrap', 'claude', '--', ...s.args], { cwd: s.cwd, env: s.env, stdio: ['ignore', 'ignore', 'ignore'] });
  cleanup.push(() => first.exitCode === null && first.signalCode === null && first.kill('SIGKILL'));
  const { pids } = await inSlowTool(s);
  const [folder] = sessionFolders(s.runtime);
  const record = JSON.parse(fs.readFileSync(path.join(s.runtime, 'headroom', folder!, 'session.json'), 'utf8')) as { guardian: { pid: number } };
  process.kill(record.guardian.pid, 'SIGKILL');
  process.kill(first.pid!, 'SIGKILL');
  await sleep(1_500);
  const orphans = agentProcesses(s.home);
  expect(orphans.length, 'with its guardian killed too, the session is left running').toBeGreaterThan(0);
  expect(orphans.every((p) => pids.includes(p))).toBe(true);

  // The next session, of another project and agent run, in the same runtime folder.
  const fake: FakeProvider = await startFakeProvider({ text: 'second session' });
  cleanup.push(() => fake.close());
  const home2 = tempDir('hr-home2-');
  cleanup.push(() => fs.rmSync(home2, { recursive: true, force: true }));
  const second = spawn(process.execPath, [BIN, 'wrap', 'claude', '-p', 'say hi'], {
    cwd: s.cwd,
    env: { ...s.env, HOME: home2, XDG_STATE_HOME: path.join(home2, 'state'), ANTHROPIC_BASE_URL: fake.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  second.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => second.on('exit', (c) => r(c)));
  expect(code, out).toBe(0);
  expect(out).toContain('second session');
  expect(agentProcesses(s.home)).toEqual([]);
  expect(sessionFolders(s.runtime)).toEqual([]);
}, 150_000);
