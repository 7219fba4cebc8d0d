import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { BIN, headroom, isolatedEnv } from '../helpers/cli.js';
import { corpusCase } from '../helpers/corpus.js';

// A reader that stops early (`| head -1`) is the user's choice: headroom ends
// quietly, with no stack and status 0, as `cat` and `grep` do under bash's pipefail.

function pipeline(command: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', `set -o pipefail; ${command}`], { env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const hr = `'${process.execPath}' '${BIN}'`;

test('retrieve ID | head -1 ends quietly', async () => {
  const env = isolatedEnv();
  const k = corpusCase('logs/loghub-hdfs');
  const c = await headroom(['compress', '--json'], { input: k.input, env });
  const id = (JSON.parse(c.stdout.toString('utf8')) as { ids: string[] }).ids[0]!;
  const r = await pipeline(`${hr} retrieve ${id} | head -1`, env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(`${k.input.split('\n')[0]}\n`);
}, 60_000);

test('compress of a large input into a reader that stops early ends quietly', async () => {
  const env = isolatedEnv();
  const big = path.join(env.HOME!, 'big.txt');
  // Numbers do not compress (every line differs), so all of it is written back.
  fs.writeFileSync(big, Array.from({ length: 400_000 }, (_, i) => `line ${i}`).join('\n'));
  for (const args of [`compress ${big}`, `compress --no-store < ${big}`, `compress --json ${big}`]) {
    const r = await pipeline(`${hr} ${args} | head -c 10`, env);
    expect(r.stderr, args).toBe('');
    expect(r.code, args).toBe(0);
    expect(r.stdout.length, args).toBe(10);
  }
}, 60_000);
