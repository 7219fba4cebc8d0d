// Store benchmark: put and get latency of each backend (memory, SQLite in a
// temp folder, Redis on a server this script starts and stops) with 100,000
// realistic originals: 1-20 KB slices of the shared corpus, made distinct.
// Runs on the compiled dist/ (`npm run bench:store` builds first).
//
//   node scripts/bench-store.mjs [--entries 100000] [--gets 20000]

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(repo, 'dist', 'memory', p);
const { contentId } = await import(dist('id.js'));
const { createMemoryStore } = await import(dist('memory-store.js'));
const { openSqliteStore } = await import(dist('sqlite-store.js'));
const { openRedisStore } = await import(dist('redis-store.js'));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTRIES = arg('entries', 100_000);
const GETS = arg('gets', 20_000);
const corpusRoot = process.env.HEADROOM_CORPUS ?? path.resolve(repo, '..', 'shared', 'corpus');

function corpusInputs(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...corpusInputs(p));
    else if (e.name === 'input.txt') out.push(fs.readFileSync(p));
  }
  return out;
}
const inputs = corpusInputs(corpusRoot).filter((b) => b.length >= 1024);
if (inputs.length === 0) throw new Error(`no corpus inputs under ${corpusRoot}`);

/** Original number i: the same bytes on every call, so nothing large is held in memory. */
function original(i) {
  const input = inputs[i % inputs.length];
  const size = Math.min(input.length, 1024 + ((i * 2_654_435_761) >>> 0) % (19 * 1024));
  const offset = ((i * 40_503) >>> 0) % (input.length - size + 1);
  return Buffer.concat([Buffer.from(`#${i}\n`), input.subarray(offset, offset + size)]);
}

const meta = { type: 'log', compressor: 'bench', tool: 'bench', tokensBefore: 1000, tokensAfter: 100 };

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(store) {
  const ids = new Array(ENTRIES);
  const putMs = new Float64Array(ENTRIES);
  let originalBytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < ENTRIES; i++) {
    const bytes = original(i);
    originalBytes += bytes.length;
    ids[i] = contentId(bytes);
    const t = performance.now();
    await store.put(ids[i], bytes, meta);
    putMs[i] = performance.now() - t;
  }
  const putSeconds = (performance.now() - t0) / 1000;
  const getMs = new Float64Array(GETS);
  let seed = 12345;
  for (let g = 0; g < GETS; g++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0; // deterministic, uniform over all entries
    const i = seed % ENTRIES;
    const t = performance.now();
    const back = await store.get(ids[i]);
    getMs[g] = performance.now() - t;
    if (!back || (g % 500 === 0 && !Buffer.from(back).equals(original(i)))) throw new Error(`${store.kind}: entry ${i} did not come back intact`);
  }
  putMs.sort();
  getMs.sort();
  const stats = await store.stats();
  return {
    putP50: percentile(putMs, 50),
    putP99: percentile(putMs, 99),
    getP50: percentile(getMs, 50),
    getP99: percentile(getMs, 99),
    putsPerSecond: ENTRIES / putSeconds,
    originalMb: originalBytes / 2 ** 20,
    storedMb: stats.bytes / 2 ** 20,
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function pong(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok) => (socket.destroy(), resolve(ok));
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

async function startRedis(dir) {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  let missing = false;
  child.once('error', () => (missing = true)); // ENOENT: not installed
  for (let i = 0; i < 200 && !missing && child.exitCode === null; i++) {
    if (await pong(port)) return { child, url: `redis://127.0.0.1:${port}` };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  return undefined;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-store-'));
const options = { ttlDays: 30, maxBytes: 4 * 2 ** 30 }; // no eviction: this measures puts and gets
const rows = [];
let redis;
try {
  const backends = [
    ['memory', async () => createMemoryStore(options)],
    ['sqlite', async () => openSqliteStore(path.join(tmp, 'sqlite', 'store.db'), options)],
    [
      'redis',
      async () => {
        redis = await startRedis(tmp);
        return redis ? openRedisStore(redis.url, options) : undefined;
      },
    ],
  ];
  for (const [name, open] of backends) {
    process.stderr.write(`${name}: ${ENTRIES} puts, ${GETS} gets...\n`);
    const store = await open();
    if (!store) {
      rows.push(`| ${name} | skipped: redis-server not on PATH | | | | | |`);
      continue;
    }
    try {
      const r = await measure(store);
      const f = (n) => n.toFixed(3);
      rows.push(
        `| ${name} | ${f(r.putP50)} | ${f(r.putP99)} | ${f(r.getP50)} | ${f(r.getP99)} | ${Math.round(r.putsPerSecond)} | ${r.originalMb.toFixed(0)} -> ${r.storedMb.toFixed(0)} |`,
      );
    } finally {
      await store.close();
    }
  }
} finally {
  redis?.child.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
}

console.log(`Store benchmark: ${ENTRIES} puts of 1-20 KB corpus slices, then ${GETS} random gets (node ${process.version}, ${os.cpus().length} cores)\n`);
console.log('| backend | put p50 ms | put p99 ms | get p50 ms | get p99 ms | puts/s | MB original -> stored |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
