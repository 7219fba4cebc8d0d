import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_MEMO_BYTES } from '../../src/intercept/decisions.js';
import { claudeBody, realLog } from '../helpers/conversation.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';
import { AGENT_HEADERS, request } from '../helpers/proxy-harness.js';

// Issue 12, items 6-7, on a real process (the compiled proxy with a SQLite
// store, as bench:proxy runs it): after 200 new outputs, idle and a forced GC,
// the heap is back within twice its warmed-up size, and the decision memo
// holds no more than its bytes.

const CHILD = path.join(REPO_ROOT, 'scripts', 'bench', 'proxy-child.mjs');
const LOGS = ['loghub-hdfs', 'loghub-hadoop', 'loghub-zookeeper', 'loghub-bgl'] as const;
type Memory = { heap: number; stats: { memoBytes: number; heldBytes: number; rewritten: number } };

let fake: FakeProvider;
let child: ChildProcess | undefined;
beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'intercept', 'server.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  fake = await startFakeProvider();
});
afterAll(async () => {
  child?.kill();
  await fake?.close();
});

it('the heap after 200 new outputs, idle and a forced GC is within twice its warmed-up size', async () => {
  const proc = fork(CHILD, [fake.url], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child = proc;
  const ask = <T>(m?: string) =>
    new Promise<T>((resolve) => {
      proc.once('message', (x) => resolve(x as T));
      if (m) proc.send(m);
    });
  const { url } = await ask<{ url: string }>();
  const send = (i: number) =>
    request(`${url}/v1/messages`, {
      headers: { ...AGENT_HEADERS.anthropic, 'x-claude-code-session-id': `memory-${i}` },
      body: claudeBody([realLog(LOGS[i % LOGS.length]!, 100_000, 997 * i)]),
    });
  for (let i = 1000; i < 1030; i++) expect((await send(i)).status).toBe(200);
  const warm = await ask<Memory>('gc');
  for (let round = 0; round < 4; round++) {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, k) => send(50 * round + k)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
  }
  await new Promise((r) => setTimeout(r, 500));
  const after = await ask<Memory>('gc');
  expect(after.stats.heldBytes).toBe(0);
  expect(after.stats.memoBytes).toBeLessThanOrEqual(DEFAULT_MEMO_BYTES);
  expect(after.heap).toBeLessThanOrEqual(2 * warm.heap);
  proc.send('close');
  await new Promise((r) => proc.once('exit', r));
  child = undefined;
}, 60_000);
