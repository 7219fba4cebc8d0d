// The proxy in a process of its own, on the compiled dist/, with a SQLite store
// in a temporary folder as `headroom proxy` would have: for the proxy bench and
// the memory test, which need its heap apart from the client's. Run with
// --expose-gc to let 'gc' force a collection.
//
//   fork('scripts/bench/proxy-child.mjs', [upstreamUrl], { execArgv: ['--expose-gc'] })
//   -> { url }; then 'memory' | 'gc' -> { rss, heap, peakHeap, maxRss, loopBusy, loopMs, loopMaxMs, cpu, stats }; 'close'

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { startProxy } = await import(path.join(repo, 'dist/intercept/server.js'));
const { createProxySession } = await import(path.join(repo, 'dist/intercept/rewrite.js'));
const { openSqliteStore } = await import(path.join(repo, 'dist/memory/sqlite-store.js'));

const upstream = process.argv[2];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-proxy-child-'));
const store = openSqliteStore(path.join(dir, 'store.db'), { ttlDays: 30, maxBytes: 1 << 30 });
const session = createProxySession({ store });
const proxy = await startProxy({ pathPrefix: '/hr-bench', upstreams: { anthropic: upstream, openai: upstream, gemini: upstream }, session });

// The heap's peak between two asks, sampled: a GC may run before anyone looks.
let peakHeap = 0;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
// How busy the event loop was since the last ask: near 1 means it, not the machine, is the bottleneck.
let elu = performance.eventLoopUtilization();
// The event loop's longest stall since the last ask (what a stream relayed meanwhile waits at most).
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const memory = () => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  const busy = performance.eventLoopUtilization(elu);
  elu = performance.eventLoopUtilization();
  const out = { rss: m.rss, heap: m.heapUsed, peakHeap, maxRss: process.resourceUsage().maxRSS * 1024, loopBusy: busy.utilization, loopMs: busy.active, loopMaxMs: delay.max / 1e6, cpu: process.cpuUsage(), stats: proxy.stats() };
  peakHeap = m.heapUsed;
  delay.reset();
  return out;
};

process.on('message', async (m) => {
  if (m === 'memory') process.send(memory());
  if (m === 'gc') {
    // Twice: the first may leave what weak references and finalizers free for the second.
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 50));
    globalThis.gc?.();
    process.send(memory());
  }
  if (m === 'close') {
    clearInterval(sampler);
    delay.disable();
    await proxy.close();
    await session.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.disconnect();
  }
});
process.send({ url: proxy.url });
