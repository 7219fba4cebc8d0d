import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';
import { AGENT_HEADERS, agentRequest, request } from '../helpers/proxy-harness.js';

// `headroom proxy` as a user runs it (bin/headroom on the built dist/): it
// prints where to point agents, relays through its prefix, and stops cleanly
// on SIGTERM / SIGINT.

const BIN = path.join(REPO_ROOT, 'bin', 'headroom');

interface Running {
  readonly firstLine: Promise<string>;
  readonly exit: Promise<{ code: number | null; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

function runProxyProcess(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [BIN, 'proxy', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const firstLine = new Promise<string>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr: err })));
  return { firstLine, exit, kill: (s) => child.kill(s) };
}

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

describe('headroom proxy', () => {
  it('prints the base URLs, relays, and exits 0 on SIGTERM with a summary', async () => {
    const env = { ...isolatedEnv('memory'), HEADROOM_ANTHROPIC_UPSTREAM: fake.url, HEADROOM_OPENAI_UPSTREAM: fake.url, HEADROOM_GEMINI_UPSTREAM: fake.url };
    const p = runProxyProcess([], env);
    const line = await p.firstLine;
    const m = /^export ANTHROPIC_BASE_URL=(http:\/\/127\.0\.0\.1:\d+\/hr-[\w-]+) OPENAI_BASE_URL=\1\/v1 GOOGLE_GEMINI_BASE_URL=\1$/.exec(line);
    expect(m).not.toBeNull();
    const base = m![1]!;
    // Pasted into a shell as it is, it sets all three for the programs started from there.
    const pasted = execFileSync('sh', ['-c', `${line}\nsh -c 'echo "$ANTHROPIC_BASE_URL $OPENAI_BASE_URL $GOOGLE_GEMINI_BASE_URL"'`], { encoding: 'utf8' });
    expect(pasted).toBe(`${base} ${base}/v1 ${base}\n`);
    const body = agentRequest('claude-first');
    const r = await request(`${base}/v1/messages?beta=true`, { headers: AGENT_HEADERS.anthropic, body });
    expect(r.status).toBe(200);
    expect(fake.requests.at(-1)!.body.equals(body)).toBe(true);
    const wrong = await request(`${new URL(base).origin}/v1/messages`, { headers: AGENT_HEADERS.anthropic, body });
    expect(wrong.status).toBe(404);
    p.kill('SIGTERM');
    const { code, stderr } = await p.exit;
    expect(code).toBe(0);
    expect(stderr).toMatch(/headroom proxy: 1 requests, 0 compressed/);
    expect(stderr).not.toMatch(/SECRET/);
  });

  it('prints JSON with --json and stops on SIGINT; --no-compress needs no store', async () => {
    const env = { ...isolatedEnv('/nonexistent/dir/store.db'), HEADROOM_OPENAI_UPSTREAM: fake.url };
    const p = runProxyProcess(['--json', '--no-compress', '--anthropic-upstream', fake.url], env);
    const info = JSON.parse(await p.firstLine) as { url: string; port: number; compress: boolean; baseUrls: { openai: string }; upstreams: Record<string, string> };
    expect(info.compress).toBe(false);
    expect(info.baseUrls.openai).toBe(`${info.url}/v1`);
    expect(info.upstreams).toMatchObject({ anthropic: fake.url, openai: fake.url, gemini: 'https://generativelanguage.googleapis.com' });
    const stats = await request(`${info.url}/headroom/stats`, { method: 'GET' });
    expect(JSON.parse(stats.body.toString())).toMatchObject({ requests: 0 });
    p.kill('SIGINT');
    expect((await p.exit).code).toBe(0);
  });

  it('rejects a bad port or upstream', async () => {
    const bad = runProxyProcess(['--port', '70000'], isolatedEnv('memory'));
    const r = await bad.exit;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port/);
    const badUrl = runProxyProcess(['--openai-upstream', 'not a url'], isolatedEnv('memory'));
    expect((await badUrl.exit).stderr).toMatch(/--openai-upstream/);
  });

  it('never prints the credentials of an upstream URL, and sends them to it as Basic authorization', async () => {
    const secret = 'PW-proxy-0123-secret';
    const p = runProxyProcess(['--json', '--anthropic-upstream', fake.url.replace('http://', `http://gw-user:${secret}@`)], isolatedEnv('memory'));
    const line = await p.firstLine;
    expect(line).not.toContain(secret);
    const info = JSON.parse(line) as { url: string; upstreams: Record<string, string> };
    expect(info.upstreams.anthropic).toBe(fake.url.replace('http://', 'http://***@'));
    const r = await request(`${info.url}/v1/messages?beta=true`, { headers: AGENT_HEADERS.anthropic, body: agentRequest('claude-first') });
    expect(r.status).toBe(200);
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from(`gw-user:${secret}`).toString('base64')}`);
    p.kill('SIGTERM');
    const { code, stderr } = await p.exit;
    expect(code).toBe(0);
    expect(stderr).not.toContain(secret);

    const bad = runProxyProcess(['--anthropic-upstream', `http://gw-user:${secret}@bad host`], isolatedEnv('memory'));
    const refused = await bad.exit;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('must be a URL, got "http://***@bad host"');
  });

  it('declares headroom_retrieve with --retrieval-tool, the same way in every request', async () => {
    const env = { ...isolatedEnv('memory'), HEADROOM_ANTHROPIC_UPSTREAM: fake.url };
    const p = runProxyProcess(['--json', '--retrieval-tool'], env);
    const info = JSON.parse(await p.firstLine) as { url: string };
    const body = agentRequest('claude-first');
    for (let i = 0; i < 2; i++) {
      const r = await request(`${info.url}/v1/messages?beta=true`, { headers: AGENT_HEADERS.anthropic, body });
      expect(r.status).toBe(200);
    }
    const [a, b] = fake.requests.slice(-2).map((x) => x.body.toString('utf8'));
    expect(a).toBe(b);
    const tools = (JSON.parse(a!) as { tools: Array<{ name: string }> }).tools;
    expect(tools.at(-1)!.name).toBe('headroom_retrieve');
    expect(tools.length).toBe((JSON.parse(body.toString('utf8')) as { tools: unknown[] }).tools.length + 1);
    p.kill('SIGTERM');
    expect((await p.exit).code).toBe(0);
  });
});
