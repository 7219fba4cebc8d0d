import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { headroom, isolatedEnv } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';

// `headroom wrap` from the outside, in real processes, with the real Claude
// Code in pipe mode (no terminal): arguments, exit statuses, messages, the
// summary. The tool round trips of every agent are in test/wrap/.

let provider: FakeProvider;
beforeAll(async () => {
  provider = await startFakeProvider({ text: 'Hello from the fake model.' });
});
afterAll(() => provider.close());

const AGENTS_PATH = `${REPO_ROOT}/node_modules/.bin:/usr/bin:/bin`;
const claudeEnv = (): Record<string, string> => ({ ...isolatedEnv(), PATH: AGENTS_PATH, ANTHROPIC_BASE_URL: provider.url, ANTHROPIC_API_KEY: 'sk-ant-test-0123456789abcdef' });

test('--help names the agents and says where options go', async () => {
  const r = await headroom(['wrap', '--help']);
  expect(r.code).toBe(0);
  const text = r.stdout.toString();
  for (const a of ['claude', 'codex', 'gemini', 'copilot', 'opencode', 'aider', 'cursor']) expect(text).toContain(a);
  expect(text).toContain('--json-summary');
});

test('an unknown agent is a usage error that lists the known ones', async () => {
  const r = await headroom(['wrap', 'vim']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/unknown agent "vim".*claude, codex/);
});

test('a missing agent exits 127 and says how to install it', async () => {
  const r = await headroom(['wrap', 'codex', 'exec', 'hi'], { env: { ...isolatedEnv(), PATH: '/usr/bin:/bin' } });
  expect(r.code).toBe(127);
  expect(r.stderr).toContain('codex was not found on PATH');
  expect(r.stderr).toContain('npm install -g @openai/codex');
});

test('a base URL that is not a URL stops before the agent starts', async () => {
  const r = await headroom(['wrap', 'claude', '-p', 'hi'], { env: { ...claudeEnv(), ANTHROPIC_BASE_URL: 'not a url' } });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/must be a URL/);
});

test("the agent's output and exit status come through; the summary follows on stderr and in --json-summary", async () => {
  const env = claudeEnv();
  const summaryFile = path.join(env.HOME!, 'summary.json');
  const r = await headroom(['wrap', '--json-summary', summaryFile, 'claude', '-p', 'say hello'], { env });
  expect(r.code).toBe(0);
  expect(r.stdout.toString()).toBe('Hello from the fake model.\n');
  expect(r.stderr).toMatch(/^headroom: claude, \d+ requests?, /m);
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  expect(summary).toMatchObject({ agent: 'claude', exitCode: 0, compress: true, tokens: 'estimated' });
  expect(summary.requests).toBeGreaterThanOrEqual(1);
  expect(fs.statSync(summaryFile).mode & 0o777).toBe(0o600);
  expect(fs.existsSync(summary.log)).toBe(true);
  // The session folder is gone: nothing outlives the session.
  expect(fs.readFileSync(summary.log, 'utf8')).not.toMatch(/sk-ant-|x-api-key/i);
}, 60_000);

test("credentials in the agent's base URL reach the gateway as Basic authorization, and neither the log nor the terminal", async () => {
  const secret = 'PW-wrap-0123-secret';
  const env: Record<string, string> = { ...claudeEnv(), ANTHROPIC_BASE_URL: provider.url.replace('http://', `http://gw-user:${secret}@`) };
  const summaryFile = path.join(env.HOME!, 'summary.json');
  const before = provider.requests.length;
  const r = await headroom(['wrap', '--verbose', '--json-summary', summaryFile, 'claude', '-p', 'say hello'], { env });
  expect(r.code, r.stderr).toBe(0);
  const log = fs.readFileSync(JSON.parse(fs.readFileSync(summaryFile, 'utf8')).log, 'utf8');
  expect(log).toContain(`upstreams anthropic=${provider.url.replace('http://', 'http://***@')}`);
  expect(`${log}${r.stderr}${r.stdout.toString()}`).not.toContain(secret);
  const sent = provider.requests.slice(before);
  expect(sent.length).toBeGreaterThan(0);
  for (const q of sent) expect(q.headers.authorization).toBe(`Basic ${Buffer.from(`gw-user:${secret}`).toString('base64')}`);
}, 60_000);

test("a failing agent's exit status is wrap's; its arguments after -- reach it unchanged", async () => {
  const r = await headroom(['wrap', 'claude', '--', '--no-such-flag-for-claude'], { env: claudeEnv() });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('--no-such-flag-for-claude');
}, 60_000);

test('--no-compress measures only, and --json prints the summary as one JSON line', async () => {
  const r = await headroom(['wrap', '--no-compress', '--json', 'claude', '-p', 'say hello'], { env: claudeEnv() });
  expect(r.code).toBe(0);
  const last = r.stderr.trim().split('\n').at(-1)!;
  expect(JSON.parse(last)).toMatchObject({ agent: 'claude', compress: false, exitCode: 0 });
}, 60_000);

test("gemini without a private folder for its settings says which folder and what to run", async () => {
  const env = isolatedEnv();
  // The temp folder (sticky, writable by all) sits above this HOME: Gemini CLI would refuse settings there.
  const r = await headroom(['wrap', 'gemini', '--version'], { env: { ...env, PATH: AGENTS_PATH, GEMINI_API_KEY: 'test-key' } });
  expect(r.code, r.stderr).toBe(0);
  const note = r.stderr.split('\n').find((l) => l.includes('headroom_retrieve is off'))!;
  expect(note).toMatch(/Gemini CLI ignores settings under \/\S+, which others can write to\. To fix it, (run: chmod go-w \/|set XDG_RUNTIME_DIR to a folder only you can write to)/);
}, 60_000);
