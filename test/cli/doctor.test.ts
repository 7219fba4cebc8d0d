import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureCa } from '../../src/wrap/mitm/index.js';
import { headroom, isolatedEnv } from '../helpers/cli.js';
import { REPO_ROOT, corpusCase } from '../helpers/corpus.js';
import { type RedisServer, freePort, startRedisServer } from '../helpers/redis-server.js';

// `headroom doctor` on real set-ups: a fresh one is healthy (exit 0) and names
// what it found; each broken part is a problem with its fix, and exit 1.

interface Finding {
  area: string;
  status: 'ok' | 'note' | 'problem';
  message: string;
  fix?: string;
  data?: Record<string, unknown>;
}
interface Report {
  healthy: boolean;
  problems: number;
  findings: Finding[];
}

const AGENTS_PATH = `${REPO_ROOT}/node_modules/.bin:/usr/bin:/bin`;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.dispose());

async function doctor(env: Record<string, string>, json = true) {
  const r = await headroom(['doctor', ...(json ? ['--json'] : [])], { env: { PATH: AGENTS_PATH, ...env }, cwd: env.HOME });
  return { code: r.code, text: r.stdout.toString('utf8'), stderr: r.stderr, report: json ? (JSON.parse(r.stdout.toString('utf8')) as Report) : undefined };
}

const problems = (r: Report) => r.findings.filter((f) => f.status === 'problem');

test('a fresh set-up is healthy: Node, the store, the folders, prose-ml\'s model and the agents with their versions', async () => {
  const env = isolatedEnv();
  const k = corpusCase('logs/loghub-hdfs');
  await headroom(['compress'], { input: k.input, env });
  const { code, report } = await doctor(env);
  expect(problems(report!)).toEqual([]);
  expect(code).toBe(0);
  expect(report!.findings.find((f) => f.area === 'node')!.message).toContain(`Node ${process.versions.node}`);
  const store = report!.findings.find((f) => f.area === 'store')!;
  expect(store.data).toMatchObject({ backend: 'sqlite', path: path.join(env.XDG_DATA_HOME!, 'headroom', 'store.db'), entries: 1 });
  expect(store.data!.fileBytes as number).toBeGreaterThan(0);
  const claude = report!.findings.find((f) => f.area === 'agents' && f.data?.agent === 'claude')!;
  expect(claude.data).toMatchObject({ binary: path.join(REPO_ROOT, 'node_modules/.bin/claude') });
  expect(claude.data!.version).toMatch(/\d+\.\d+\.\d+/);
  expect(report!.findings.find((f) => f.area === 'prose-ml')).toMatchObject({ status: 'ok', message: expect.stringContaining('model loads') });
  const folders = report!.findings.filter((f) => f.area === 'folders' && f.data?.exists);
  expect(folders.map((f) => f.data!.mode)).toEqual(folders.map(() => '0700'));
  // The human form: a line per finding and the verdict.
  const human = await doctor(env, false);
  expect(human.code).toBe(0);
  expect(human.text).toMatch(/^ok +store +sqlite /m);
  expect(human.text).toMatch(/Nothing to fix\.\n$/);
  expect(human.text).not.toMatch(/\x1b\[/);
}, 60_000);

test('each broken part is a problem with the command that fixes it, and exit 1', async () => {
  const env = isolatedEnv();
  await headroom(['compress'], { input: corpusCase('logs/loghub-hdfs').input, env });
  const configDir = path.join(env.XDG_CONFIG_HOME!, 'headroom');
  fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ stroe: 'memory', storeMaxMb: 64 }));
  const dataDir = path.join(env.XDG_DATA_HOME!, 'headroom');
  fs.chmodSync(dataDir, 0o755);
  fs.chmodSync(path.join(dataDir, 'store.db'), 0o644);
  await ensureCa(path.join(dataDir, 'mitm-ca'));
  const key = path.join(dataDir, 'mitm-ca', 'ca', 'keys', 'ca.private.key');
  fs.chmodSync(key, 0o644);

  const { code, report, stderr } = await doctor({ ...env, HEADROOM_STORE_TTL: '7' });
  expect(code).toBe(1);
  expect(stderr).toBe('');
  const fixes = Object.fromEntries(problems(report!).map((f) => [f.message, f.fix]));
  expect(fixes).toMatchObject({
    [`${path.join(configDir, 'config.json')}: unknown key "stroe" is ignored (did you mean "store"?)`]: `rename "stroe" to "store" in ${path.join(configDir, 'config.json')}`,
    [`data: ${dataDir} is 0755: others can look inside`]: `chmod 700 ${dataDir}`,
    [`${path.join(dataDir, 'store.db')} is 0644: others can read the originals`]: `chmod 600 ${path.join(dataDir, 'store.db')}`,
    [`${key} is 0644: the CA's private key must be the owner's alone`]: `chmod 600 ${key}`,
    'HEADROOM_STORE_TTL is set but nothing reads it (did you mean HEADROOM_STORE_TTL_DAYS?)': 'export HEADROOM_STORE_TTL_DAYS="$HEADROOM_STORE_TTL"; unset HEADROOM_STORE_TTL',
  });
  expect(report!.problems).toBe(5);
  // Running the fixes makes it healthy.
  fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ store: 'sqlite', storeMaxMb: 64 }));
  fs.chmodSync(dataDir, 0o700);
  fs.chmodSync(path.join(dataDir, 'store.db'), 0o600);
  fs.chmodSync(key, 0o600);
  const fixed = await doctor(env);
  expect(problems(fixed.report!)).toEqual([]);
  expect(fixed.code).toBe(0);
}, 60_000);

test('Redis: reachable is fine, unreachable is a problem with what to do', async () => {
  const up = await doctor(isolatedEnv(redis.url));
  expect(up.report!.findings.find((f) => f.area === 'store')).toMatchObject({ status: 'ok', data: { backend: 'redis' } });
  expect(up.report!.findings.find((f) => f.area === 'store')!.message).toContain('reachable');
  const down = await doctor(isolatedEnv(`redis://127.0.0.1:${await freePort()}/0`));
  expect(down.code).toBe(1);
  expect(problems(down.report!)).toEqual([expect.objectContaining({ area: 'store', fix: expect.stringContaining('export HEADROOM_STORE=sqlite') })]);
}, 60_000);

test('no agent on PATH is a problem that names how to install one; a shim is noted', async () => {
  const env = isolatedEnv();
  const bin = path.join(env.HOME!, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'claude'), '#!/bin/sh\nexec headroom wrap claude "$@"\n', { mode: 0o755 });
  const { code, report } = await doctor({ ...env, PATH: `${bin}:/usr/bin:/bin` });
  expect(code).toBe(1);
  expect(problems(report!)).toEqual([expect.objectContaining({ area: 'agents', fix: 'install one, for example: npm install -g @anthropic-ai/claude-code' })]);
  expect(report!.findings).toContainEqual(expect.objectContaining({ area: 'agents', status: 'note', data: { agent: 'claude', shim: path.join(bin, 'claude') } }));
}, 60_000);
