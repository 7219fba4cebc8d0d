import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { endSessionProcesses, findSessionProcesses } from '../../../src/wrap/guardian/end-session.js';
import { procInfo, selfId } from '../../../src/wrap/guardian/proc.js';
import { SESSION_VAR } from '../../../src/wrap/guardian/record.js';

// Finding and ending a session's processes, on real process trees: marked
// ones, what they started with the mark cleared, the agent's descendants,
// one that ignores SIGTERM; and what must be left alone.

let started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started) {
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      // ended by the test
    }
  }
  started = [];
});

const env = (marker?: string) => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', ...(marker && { [SESSION_VAR]: marker }) });

/** A shell in a process group of its own (so the test can always clean up), running `script`. */
function shell(script: string, marker?: string): ChildProcess {
  const c = spawn('/bin/sh', ['-c', script], { env: env(marker), stdio: 'ignore', detached: true });
  started.push(c);
  return c;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const running = (pid: number) => procInfo(pid) !== undefined;

/** Pids of the process and all its descendants, once there are `count` of them. */
async function tree(root: number, count: number): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    const found = [root];
    for (let j = 0; j < found.length; j++) {
      for (const p of findChildren(found[j]!)) found.push(p);
    }
    if (found.length >= count) return found;
    await sleep(10);
  }
  throw new Error(`process ${root} never had ${count - 1} descendants`);
}

function findChildren(pid: number): number[] {
  let out: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      out = out.concat(fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    }
  } catch {
    // gone
  }
  return out;
}

test('marked processes and all they started end, a cleared environment or an ignored SIGTERM notwithstanding; others are left alone', async () => {
  const marker = 'test-marker-aaaaaaaa';
  // A marked shell with a marked child, a child that cleared its environment, and one deaf to SIGTERM.
  const session = shell(`sleep 60 & env -i /bin/sleep 60 & (trap '' TERM; exec sleep 60) & wait`, marker);
  const other = shell('sleep 60 & wait', 'another-session-bbbb');
  const plain = shell('sleep 60 & wait');
  const ours = await tree(session.pid!, 4);
  const theirs = [...(await tree(other.pid!, 2)), ...(await tree(plain.pid!, 2))];

  expect(findSessionProcesses({ marker }).map((p) => p.pid).sort()).toEqual([...ours].sort());
  const ended = await endSessionProcesses({ marker }, { graceMs: 200 });
  expect(ended).toBe(4);
  expect(ours.filter(running)).toEqual([]);
  expect(theirs.filter(running)).toEqual(theirs);
});

test("the recorded agent's descendants end with it, unmarked; a pid whose start time differs is someone else's", async () => {
  const agent = shell('env -i /bin/sleep 60 & wait');
  const pids = await tree(agent.pid!, 2);
  const id = selfId(agent.pid!);
  expect(id.start).toBeGreaterThan(0);

  expect(await endSessionProcesses({ marker: 'nobody-has-this-mark', agent: { pid: id.pid, start: id.start! + 1 } })).toBe(0);
  expect(pids.filter(running)).toEqual(pids);

  expect(await endSessionProcesses({ marker: 'nobody-has-this-mark', agent: id })).toBe(2);
  expect(pids.filter(running)).toEqual([]);
});

/** A shell leading a session of its own (as the agent does under the PTY) whose background sleep was re-parented away at once. */
async function leaderWithOrphan(): Promise<{ leader: number; orphan: number }> {
  const c = spawn('setsid', ['/bin/sh', '-c', '(env -i /bin/sleep 60 &); echo $$; exec /bin/sleep 61'], { env: env(), stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  started.push(c);
  const leader = Number(await new Promise<string>((r) => c.stdout!.once('data', (d: Buffer) => r(d.toString().trim()))));
  for (let i = 0; i < 200; i++, await sleep(10)) {
    const orphan = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).find((pid) => pid !== leader && procInfo(pid)?.sid === leader);
    if (orphan !== undefined) return { leader, orphan };
  }
  throw new Error('no orphan in the session');
}

test('under a terminal of its own, what the agent left in its session ends too, though it left the tree', async () => {
  const a = await leaderWithOrphan();
  expect(procInfo(a.orphan)!.ppid).not.toBe(a.leader);
  // Not a descendant, not marked: only the session says it is the agent's.
  expect(await endSessionProcesses({ marker: 'nobody-has-this-mark', agent: selfId(a.leader) })).toBe(1);
  expect(running(a.orphan)).toBe(true);
  process.kill(a.orphan, 'SIGKILL');

  const b = await leaderWithOrphan();
  expect(await endSessionProcesses({ marker: 'nobody-has-this-mark', agent: selfId(b.leader), agentLeadsSession: true })).toBe(2);
  expect(running(b.orphan)).toBe(false);
});

test('never this process or one of its ancestors, even when asked to end its tree', async () => {
  const mine = findSessionProcesses({ marker: 'nobody-has-this-mark', agent: selfId(process.pid) }).map((p) => p.pid);
  expect(mine).not.toContain(process.pid);
  expect(mine).not.toContain(process.ppid);
});
