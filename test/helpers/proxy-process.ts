import { spawn } from 'node:child_process';
import { BIN } from './cli.js';
import { AGENT_HEADERS, request } from './proxy-harness.js';
import { claudeBody, realLog } from './conversation.js';

// `headroom proxy --json` as a real process (bin/headroom on the built dist/),
// for tests about what survives it: restarts, load, memory.

export interface ProxyProcess {
  /** Base URL with the secret prefix. */
  readonly url: string;
  stats(): Promise<Record<string, number>>;
  /** SIGTERM, then the exit code and stderr. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

/** `cwd`: where the proxy starts, whose project (git root) it keeps back-offs for. */
export async function startProxyProcess(env: Record<string, string>, args: readonly string[] = [], options: { cwd?: string } = {}): Promise<ProxyProcess> {
  const child = spawn(process.execPath, [BIN, 'proxy', '--json', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd && { cwd: options.cwd }) });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr: err })));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    void exit.then(({ code, stderr }) => reject(new Error(`headroom proxy exited ${code}: ${stderr.slice(0, 2000)}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    stats: async () => JSON.parse((await request(`${url}/headroom/stats`, { method: 'GET' })).body.toString('utf8')) as Record<string, number>,
    stop: () => {
      child.kill('SIGTERM');
      return exit;
    },
  };
}

/**
 * Sends throwaway tool turns (their own session, fresh logs) until one comes
 * back compressed: the workers are then loaded, so a test's own outputs are
 * not left whole because a cold worker spent their time budget.
 */
export async function untilWarm(proxy: ProxyProcess, tries = 40): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const before = (await proxy.stats()).rewritten ?? 0;
    const body = claudeBody([realLog('loghub-bgl', 30_000, 7919 * (i + 1) + Math.floor(Math.random() * 100_000))]);
    await request(`${proxy.url}/v1/messages`, { headers: { ...AGENT_HEADERS.anthropic, 'x-claude-code-session-id': `warm-up-${i}-${Math.random()}` }, body });
    if (((await proxy.stats()).rewritten ?? 0) > before) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the proxy compressed none of ${tries} warm-up outputs`);
}
