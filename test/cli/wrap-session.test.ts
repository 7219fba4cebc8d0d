import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BIN, headroom, isolatedEnv } from '../helpers/cli.js';
import { REPO_ROOT, corpusCase } from '../helpers/corpus.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';

// `headroom wrap` finding its agent and counting its own session: shims that
// run headroom wrap are skipped, a loop is stopped at once, and the summary's
// retrievals are the session's own, not those of other processes on the store.

let provider: FakeProvider;
beforeAll(async () => {
  provider = await startFakeProvider({ text: 'Hello from the fake model.' });
});
afterAll(() => provider.close());

const AGENTS_PATH = `${REPO_ROOT}/node_modules/.bin:/usr/bin:/bin`;

/** A folder put first on PATH, holding `headroom` (this build) and the given scripts. */
function binDir(env: Record<string, string>, scripts: Record<string, string>): string {
  const dir = path.join(env.HOME!, 'bin');
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(BIN, path.join(dir, 'headroom'));
  for (const [name, text] of Object.entries(scripts)) fs.writeFileSync(path.join(dir, name), text, { mode: 0o755 });
  return dir;
}

test('a claude shim that runs headroom wrap is skipped: the real Claude Code runs, once', async () => {
  const env = isolatedEnv();
  const dir = binDir(env, { claude: '#!/bin/sh\nexec headroom wrap claude "$@"\n' });
  const r = await headroom(['wrap', '--json', 'claude', '-p', 'say hello'], {
    env: { ...env, PATH: `${dir}:${AGENTS_PATH}`, ANTHROPIC_BASE_URL: provider.url, ANTHROPIC_API_KEY: 'sk-ant-test-0123456789abcdef' },
  });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout.toString()).toBe('Hello from the fake model.\n');
  // One session, one summary: wrap did not start itself through the shim.
  expect(r.stderr.split('\n').filter((l) => l.startsWith('{"agent"'))).toHaveLength(1);
}, 60_000);

test('a shim it cannot recognise stops at the second wrap, saying what to do', async () => {
  const env = isolatedEnv();
  // Runs headroom wrap without saying so on one line: only the loop guard can catch it.
  const dir = binDir(env, { claude: '#!/bin/sh\nw=wrap\nexec headroom \\\n  "$w" claude "$@"\n' });
  const r = await headroom(['wrap', 'claude', '-p', 'hi'], { env: { ...env, PATH: `${dir}:${AGENTS_PATH}`, ANTHROPIC_API_KEY: 'sk-ant-test-0123456789abcdef' } });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`stopped: headroom wrap claude is already running ${path.join(dir, 'claude')} above this one`);
  expect(r.stderr).toContain('eval "$(headroom init bash)"');
  // The outer wrap and the stopped inner one: two starts, not an endless chain.
  expect(r.stderr.match(/stopped:/g)).toHaveLength(1);
}, 60_000);

test("the summary counts the session's own retrievals, not another process's on the same store", async () => {
  const env = isolatedEnv();
  const k = corpusCase('logs/loghub-hdfs');
  const c = await headroom(['compress', '--json'], { input: k.input, env });
  const id = (JSON.parse(c.stdout.toString('utf8')) as { ids: string[] }).ids[0]!;
  const dir = binDir(env, {});
  fs.symlinkSync(path.join(REPO_ROOT, 'test/helpers/fake-claude-retriever.mjs'), path.join(dir, 'claude'));
  const summaryFile = path.join(env.HOME!, 'summary.json');
  const r = await headroom(['wrap', '--json-summary', summaryFile, 'claude'], {
    env: { ...env, PATH: `${dir}:${AGENTS_PATH}`, HR_TEST_ID: id, HR_TEST_BIN: BIN },
  });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout.toString()).toBe('retrieved\n');
  // Two found through the session's MCP server; the miss and the other process's retrieval are not its own.
  expect(JSON.parse(fs.readFileSync(summaryFile, 'utf8')).retrievals).toBe(2);
  expect(r.stderr).toMatch(/, 2 retrievals\n/);
  // The store saw all three found retrievals.
  const stats = JSON.parse((await headroom(['stats', '--json'], { env })).stdout.toString('utf8')) as { rows: Array<{ retrievals: number }> };
  expect(stats.rows.reduce((n, row) => n + row.retrievals, 0)).toBe(3);
}, 60_000);
