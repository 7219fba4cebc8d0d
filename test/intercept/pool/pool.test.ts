import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { type CompressRunner, createCompressRunner, createInlineRunner } from '../../../src/intercept/pool/index.js';
import { WORKER_NICE } from '../../../src/intercept/pool/worker.js';
import { Decisions } from '../../../src/intercept/decisions.js';
import { createProxySession, rewriteRequest } from '../../../src/intercept/rewrite.js';
import { createMemoryStore } from '../../../src/memory/memory-store.js';
import { claudeBody, realLog } from '../../helpers/conversation.js';
import { REPO_ROOT, corpusCase } from '../../helpers/corpus.js';

// The pool on real worker threads: the compiled worker in dist/ (`npm run
// build` first; npm test does), since a worker cannot run the TypeScript.

const WORKER = path.join(REPO_ROOT, 'dist', 'intercept', 'pool', 'worker.js');
const LOG = realLog('loghub-hadoop', 100_000);
const task = (text: string) => ({ text, tool: 'Bash', tokens: estimateTokens(text) });
const later = (ms = 60_000) => performance.now() + ms;

const runners: CompressRunner[] = [];
const pool = (options: { threads?: number; maxHeapMb?: number; maxRunMs?: number } = {}): CompressRunner => {
  const r = createCompressRunner({ workerFile: WORKER, ...options });
  runners.push(r);
  return r;
};
beforeAll(() => {
  if (!fs.existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does)`);
});
afterAll(async () => {
  for (const r of runners) await r.close();
});

describe('compression pool', () => {
  it('gives the same bytes as compressing inline, with the original hashed and encoded for the store', async () => {
    const p = pool();
    expect(p.kind).toBe('workers');
    const [a, b] = await Promise.all([p.run(task(LOG), later()), createInlineRunner().run(task(LOG), later())]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok || a.result.kind !== 'compressed' || b.result.kind !== 'compressed') throw new Error('not compressed');
    expect(a.result.text).toBe(b.result.text);
    expect(a.result.original?.id).toBe(b.result.original?.id);
    expect(Buffer.from(a.result.original!.prepared.blob).equals(Buffer.from(b.result.original!.prepared.blob))).toBe(true);
  });

  it("a task sent while the pool starts is not late for the start-up: its budget runs once a worker is loaded", async () => {
    const p = pool({ threads: 1 }); // cold: loading takes longer than the 20 ms given
    const out = await p.run(task(LOG), later(20));
    expect(out.ok).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('workers run niced below the event loop, which keeps its priority (Linux: per thread)', async () => {
    const nice = (tid: string): number => Number(fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const niced = () => fs.readdirSync('/proc/self/task').filter((t) => nice(t) === WORKER_NICE);
    const before = niced().length;
    const p = pool({ threads: 1 });
    expect((await p.run(task(LOG), later())).ok).toBe(true);
    expect(niced().length).toBe(before + 1);
    expect(nice(String(process.pid))).toBe(0);
    await p.close();
    expect(niced().length).toBe(before);
  });

  it('a task not started by its time comes back late; one started runs to its end and is used', async () => {
    const p = pool({ threads: 1 });
    const big = realLog('loghub-bgl', 300_000).repeat(8); // seconds of work, not milliseconds
    const running = p.run(task(big), later());
    const queued = p.run(task(LOG), later(20));
    expect(await queued).toEqual({ ok: false, reason: 'late' });
    expect((await running).ok).toBe(true);
    expect(await p.run(task(LOG), 0)).toEqual({ ok: false, reason: 'late' }); // no budget left: never queued
  });

  it('a task stuck past maxRunMs is given up and its worker ended; the next gets a new one', async () => {
    // Over a second of work against a 200 ms cap: 3 MB of Go, code being the slowest kind per byte
    // (bench: about 0.35 s per MB here). A 4 MB log took 0.5 s once; faster compressors brought it to
    // the cap. The small task after it takes a few ms on a warm worker, tens on a cold one.
    const p = pool({ threads: 1, maxRunMs: 200 });
    const go = corpusCase('code/cobra-command-go').input;
    const big = go.repeat(Math.ceil(3_000_000 / go.length));
    expect(await p.run(task(big), later())).toEqual({ ok: false, reason: 'late' });
    const next = await p.run(task(realLog('loghub-hadoop', 20_000)), later());
    expect(next.ok).toBe(true);
  });

  it('a worker that dies (out of heap) fails its task, and the next task gets a new worker', async () => {
    // 16 MB: a fresh worker with every compressor loaded fits with room to spare (8 MB did not, at times).
    const p = pool({ threads: 1, maxHeapMb: 16 });
    const huge = realLog('loghub-hadoop', 300_000).repeat(48); // ~14 MB: past 16 MB of heap however the collector keeps up (a niced worker's helpers keep up better)
    expect(await p.run(task(huge), later())).toEqual({ ok: false, reason: 'failed' });
    const next = await p.run(task(realLog('loghub-hadoop', 20_000)), later()); // small enough for 16 MB of heap
    expect(next.ok && next.result.kind).toBe('compressed');
  });

  it('a crashed worker sends the original bytes upstream', async () => {
    const store = createMemoryStore({ ttlDays: 1, maxBytes: 1 << 28 });
    const session = createProxySession({ store, budgetMs: 60_000, runner: pool({ threads: 1, maxHeapMb: 8 }) });
    const raw = claudeBody([realLog('loghub-hadoop', 300_000).repeat(12)]);
    const out = await rewriteRequest(raw, 'POST', '/v1/messages', session, 's');
    expect(out.changed).toBe(false);
    expect(out.body.equals(raw)).toBe(true);
    // A worker nears its heap cap collecting for seconds before it dies, at its niced priority: slow on a loaded machine.
  }, 120_000);

  it('inspects an output too large to compress: the same key and count as on the event loop', async () => {
    const text = realLog('loghub-hdfs', 300_000).repeat(18); // over 4 MB
    const literal = Buffer.from(JSON.stringify(text));
    const got = await pool().inspect({ scope: 'anthropic:s', tool: 'Bash', literal: new Uint8Array(literal) });
    expect(got).toEqual({ key: Decisions.key('anthropic:s', 'Bash', literal), tokens: estimateTokens(text) });
  });

  it('close fails what waits and ends the workers; a later task starts them again', async () => {
    const p = pool({ threads: 1 });
    const running = p.run(task(realLog('loghub-bgl', 300_000).repeat(4)), later());
    const queued = p.run(task(LOG), later());
    await p.close();
    expect(await running).toEqual({ ok: false, reason: 'failed' });
    expect(await queued).toEqual({ ok: false, reason: 'failed' });
    const again = await p.run(task(LOG), later());
    expect(again.ok).toBe(true);
  });
});
