import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { Admission } from '../../../src/intercept/admission/index.js';
import { Backlog } from '../../../src/intercept/pool/backlog.js';
import { type CompressRunner, createCompressRunner } from '../../../src/intercept/pool/index.js';
import { realLog } from '../../helpers/conversation.js';
import { REPO_ROOT } from '../../helpers/corpus.js';

// Admission weighs the compression workers too: a body arriving while the
// workers have more queued than its budget is shed before it is read, even
// when the event loop itself is idle. On real worker threads (the compiled
// worker in dist/: `npm run build` first).

const WORKER = path.join(REPO_ROOT, 'dist', 'intercept', 'pool', 'worker.js');
const runners: CompressRunner[] = [];
afterAll(async () => {
  for (const r of runners) await r.close();
});

test('a body is shed while the workers are busy past its budget, and admitted again once they are free', async () => {
  if (!fs.existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does)`);
  const pool = createCompressRunner({ workerFile: WORKER, threads: 1 });
  runners.push(pool);
  expect((await pool.run({ text: realLog('loghub-hadoop', 100_000), tool: 'Bash' }, performance.now() + 60_000)).ok).toBe(true);
  const weighing = new Admission(50, () => pool.backlogMs());
  const loopOnly = new Admission(50); // as before: the event loop's wait alone
  for (const a of [weighing, loopOnly]) a.exchange(), a.exchange(); // two exchanges: shedding may spare the other one

  // Seconds of work for the one worker, started and queued behind.
  const big = realLog('loghub-bgl', 300_000).repeat(8);
  const running = pool.run({ text: big, tool: 'Bash' }, performance.now() + 60_000);
  const queued = pool.run({ text: big, tool: 'Bash' }, performance.now() + 60_000);
  expect(pool.backlogMs()).toBeGreaterThan(50);
  expect(weighing.enter(100_000).shed).toBe(true);
  expect(loopOnly.enter(100_000).shed).toBe(false);
  await Promise.all([running, queued]);
  expect(pool.backlogMs()).toBe(0);
  const after = weighing.enter(100_000);
  expect(after.shed).toBe(false);
  for (const a of [weighing, loopOnly]) a.close();
}, 60_000);

test("the backlog is the work queued and the rest of what runs, by a character's measured cost, shared by the threads", () => {
  const b = new Backlog(2);
  const one = { kind: 'compress', chars: 100_000 } as const;
  const two = { kind: 'compress', chars: 100_000 } as const;
  expect(b.ms(0)).toBe(0);
  b.queued(one);
  b.queued(two);
  const each = b.ms(0); // two tasks on two threads: one task's time
  expect(each).toBeGreaterThan(0);
  b.dequeued(one);
  b.started(one, 0);
  expect(b.ms(0)).toBeCloseTo(each, 6);
  expect(b.ms(each / 2)).toBeCloseTo(each * 0.75, 6); // what runs counts for what is left of it
  expect(b.ms(10 * each)).toBeCloseTo(each / 2, 6); // overdue: nothing left of it, not less than nothing
  // It took ten times the estimate: the estimate of a character moves up (a fifth of the way).
  b.ended(one, 10 * each, true);
  expect(b.ms(0)).toBeCloseTo((each / 2) * (1 + 0.2 * 9), 6);
  b.dequeued(two); // settled late in the queue
  expect(b.ms(0)).toBe(0);
  // A failed task says nothing of a character's cost.
  b.queued(two);
  const est = b.ms(0);
  b.dequeued(two);
  b.started(two, 0);
  b.ended(two, 1e6, false);
  b.queued(two);
  expect(b.ms(0)).toBeCloseTo(est, 6);
});
