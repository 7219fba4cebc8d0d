import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { headroom, isolatedEnv } from '../helpers/cli.js';
import { CORPUS_ROOT } from '../helpers/corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

// `headroom savings` from the outside: the table, --json, --html, and what it
// says when there is nothing to replay.

const FROM = path.join(CORPUS_ROOT, 'transcripts', 'claude-code', 'spotter-session-fa812bfe');

const run = async (args: string[], env: Record<string, string>, cwd = env.HOME!) => {
  const r = await headroom(args, { cwd, env });
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
};

test('a table per session and in total, an HTML page beside it, the same figures as --json', async () => {
  const env = isolatedEnv();
  const html = path.join(env.HOME!, 'savings.html');
  const table = await run(['savings', '--from', FROM, '--html', html], env);
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^started \(UTC\) +project +agent +session +model/m);
  expect(table.stdout).toMatch(/cache busts caused by compression: 0/);
  expect(fs.readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/i);
  const json = JSON.parse((await run(['savings', '--from', FROM, '--json'], env)).stdout);
  expect(json.sessions).toHaveLength(1);
  expect(json.sessions[0]).toMatchObject({ agent: 'claude', model: 'claude-opus-4-6', requests: 26, cacheBusts: 0 });
  expect(table.stdout).toContain(`$${json.total.costBefore.toFixed(4)} -> $${json.total.costAfter.toFixed(4)}`);
});

test('nothing to replay says where it looked; a bad --agent is a usage error', async () => {
  const env = isolatedEnv();
  const empty = await run(['savings'], env, tempDir('savings-empty-'));
  expect(empty.code).toBe(0);
  expect(empty.stderr).toMatch(/no sessions found for this folder \(--all for every project, --from PATH/);
  expect((await run(['savings', '--agent', 'vim'], env)).code).toBe(2);
});

test("the config file's per-tool rules apply, as the proxy applies them: reads compressed when the user says so", async () => {
  const env = isolatedEnv();
  fs.mkdirSync(path.join(env.XDG_CONFIG_HOME!, 'headroom'), { recursive: true });
  const all = path.dirname(FROM);
  const plain = JSON.parse((await run(['savings', '--from', all, '--json'], env)).stdout);
  fs.writeFileSync(path.join(env.XDG_CONFIG_HOME!, 'headroom', 'config.json'), JSON.stringify({ tools: { Read: 'compress' } }));
  const reads = JSON.parse((await run(['savings', '--from', all, '--json'], env)).stdout);
  const readRow = (r: { byTool: Array<{ name: string; tokensAfter: number }> }) => r.byTool.find((b) => b.name === 'Read')!.tokensAfter;
  expect(readRow(reads)).toBeLessThan(readRow(plain));
}, 60_000);

test('the terminal table: whole model names, subagents named, start and project per session, why reads save 0%', async () => {
  const env = isolatedEnv();
  const r = await run(['savings', '--from', path.dirname(FROM)], env);
  expect(r.code).toBe(0);
  const json = JSON.parse((await run(['savings', '--from', path.dirname(FROM), '--json'], env)).stdout) as { sessions: Array<{ model: string; subagent?: string; id: string }> };
  for (const s of json.sessions) expect(r.stdout).toContain(`  ${s.model}  `);
  expect(json.sessions.map((s) => s.model)).toContain('claude-haiku-4-5-20251001');
  // 8463c716 ran twice: the session itself and its subagent a7be2f0, told apart.
  expect(r.stdout).toMatch(/^2026-02-11 22:42 +spotter-fum +claude +8463c716 +claude-opus-4-6 /m);
  expect(r.stdout).toMatch(/^2026-02-11 22:38 +spotter-fum +claude +8463c716 subagent a7be2f0 +claude-haiku-4-5-20251001 /m);
  expect(json.sessions.find((s) => s.subagent === 'a7be2f0')!.id).toBe('8463c716-a2ea-4c14-9efa-87158ebd9f20/agent-a7be2f0');
  expect(r.stdout).toContain('File reads (Read) saved 0% by design: the proxy leaves reads under 40,000 tokens whole');
  expect(r.stdout).toMatch(/tokens counted exactly by gpt-tokenizer \(o200k_base\) \(the wrap summary's are an estimate\)/);
}, 60_000);
