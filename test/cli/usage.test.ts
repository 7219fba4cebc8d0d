import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { headroom, isolatedEnv } from '../helpers/cli.js';
import { corpusCase } from '../helpers/corpus.js';

// Mistakes on the command line: every one exits 2 and says what to do instead.

const run = async (args: string[], env = isolatedEnv()) => {
  const r = await headroom(args, { env, cwd: env.HOME });
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
};

test('unknown commands exit 2, status with a pointer to doctor and stats', async () => {
  const status = await run(['status']);
  expect(status.code).toBe(2);
  expect(status.stderr).toContain("unknown command 'status'");
  expect(status.stderr).toContain('headroom doctor');
  const other = await run(['frobnicate', '--json']);
  expect(other.code).toBe(2);
  expect(other.stderr).toContain("unknown command 'frobnicate'");
});

test('a --from path that is not there is a usage error for learn and savings', async () => {
  for (const command of ['learn', 'savings']) {
    const r = await run([command, '--from', '/nonexistent/sessions']);
    expect(r.code, command).toBe(2);
    expect(r.stderr, command).toContain('--from /nonexistent/sessions: no such file or folder');
    expect(r.stderr, command).not.toMatch(/no sessions found|nothing to propose/);
  }
});

test('a misspelt config key is named on stderr with the closest known one; the command still runs', async () => {
  const env = isolatedEnv();
  const dir = path.join(env.XDG_CONFIG_HOME!, 'headroom');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ stroe: 'memory', storeTtlDays: 3, colour: true }));
  const r = await run(['compress', '--json'], env);
  expect(r.stderr).toContain(`${path.join(dir, 'config.json')}: unknown key "stroe" is ignored (did you mean "store"?)`);
  expect(r.stderr).toContain('unknown key "colour" is ignored (known keys: store, storeTtlDays, storeMaxMb, tools, backoffAfter, keepWhole)');
  expect(r.stderr).not.toContain('"storeTtlDays"');
  // Said once per run, even where a command reads the config twice.
  const k = corpusCase('logs/loghub-hdfs');
  const c = await headroom(['compress'], { input: k.input, env });
  expect(c.code).toBe(0);
  expect(c.stderr.match(/"stroe"/g)).toHaveLength(1);
});

test('retrieve takes an id as pasted from a marker: id=hr_..., with the bracket', async () => {
  const env = isolatedEnv();
  const k = corpusCase('logs/loghub-hdfs');
  const c = await headroom(['compress'], { input: k.input, env });
  const marker = /retrieve (id=hr_[a-z0-9]{12}\])/.exec(c.stdout.toString('utf8'))![1]!;
  for (const pasted of [marker, marker.slice(0, -1), marker.slice(3, -1)]) {
    const r = await headroom(['retrieve', pasted], { env });
    expect(r.code, pasted).toBe(0);
    expect(r.stdout.toString('utf8'), pasted).toBe(k.input);
  }
  const bad = await headroom(['retrieve', 'id=nonsense'], { env });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('is not a headroom id');
});
