import { HAS_PROC, type ProcId, type ProcInfo, environHas, isRunning, procInfo, processTable } from './proc.js';
import { SESSION_VAR } from './record.js';

// Ends every process a wrap session started, however deep and wherever it
// went: those that carry the session's mark in their environment (the agent,
// its MCP servers, its shells and what they started), and, while the agent
// itself still runs, its descendants and, under the PTY, everything left in
// its terminal session (children that cleared their environment). A polite
// SIGTERM first, SIGKILL for what is still there after a short grace.

export interface SessionProcesses {
  readonly marker: string;
  readonly agent?: ProcId;
  readonly agentLeadsSession?: boolean;
}

export interface EndOptions {
  /** How long SIGTERM is given before SIGKILL. */
  readonly graceMs?: number;
  /** When to stop waiting for processes that survive SIGKILL (stuck in the kernel). */
  readonly limitMs?: number;
}

/** The session's live processes, never this process or one of its ancestors. */
export function findSessionProcesses(s: SessionProcesses): ProcInfo[] {
  const table = processTable();
  const children = new Map<number, ProcInfo[]>();
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const spared = new Set<number>();
  for (let p = procInfo(process.pid); p && !spared.has(p.pid); p = procInfo(p.ppid)) spared.add(p.pid);

  const found = new Map<number, ProcInfo>();
  const add = (root: ProcInfo) => {
    const stack = [root];
    for (let p = stack.pop(); p; p = stack.pop()) {
      if (spared.has(p.pid) || found.has(p.pid)) continue;
      found.set(p.pid, p);
      stack.push(...(children.get(p.pid) ?? []));
    }
  };
  const agent = s.agent && table.find((p) => p.pid === s.agent!.pid && (s.agent!.start === undefined || p.start === s.agent!.start));
  if (agent) {
    add(agent);
    // A session id is only trusted while its leader is the recorded agent: a pid can be reused once its session is empty.
    if (s.agentLeadsSession && agent.sid === agent.pid) for (const p of table) if (p.sid === agent.pid) add(p);
  }
  const entry = `${SESSION_VAR}=${s.marker}`;
  for (const p of table) if (!found.has(p.pid) && environHas(p.pid, entry)) add(p);
  return [...found.values()];
}

const signal = (pid: number, name: NodeJS.Signals): void => {
  try {
    process.kill(pid, name);
  } catch {
    // gone meanwhile, or not ours
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ends the session's processes; resolves with how many there were, once none is left (or the limit passed). */
export async function endSessionProcesses(s: SessionProcesses, o: EndOptions = {}): Promise<number> {
  const graceMs = o.graceMs ?? 300;
  const limitMs = o.limitMs ?? 3_000;
  if (!HAS_PROC) return endWithoutProc(s);
  const started = performance.now();
  const signalled = new Map<number, ProcInfo>();
  for (;;) {
    const late = performance.now() - started >= graceMs;
    for (const p of findSessionProcesses(s)) {
      if (signalled.has(p.pid)) continue;
      signalled.set(p.pid, p);
      signal(p.pid, late ? 'SIGKILL' : 'SIGTERM');
    }
    const left = [...signalled.values()].filter((p) => procInfo(p.pid)?.start === p.start);
    if (left.length === 0 || performance.now() - started >= limitMs) return signalled.size;
    if (late) for (const p of left) signal(p.pid, 'SIGKILL');
    await sleep(25);
  }
}

/** Without /proc only the recorded agent can be found: it, or its whole terminal session's group. */
function endWithoutProc(s: SessionProcesses): number {
  if (!s.agent || !isRunning(s.agent)) return 0;
  signal(s.agentLeadsSession ? -s.agent.pid : s.agent.pid, 'SIGKILL');
  return 1;
}
