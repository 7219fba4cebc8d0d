// Proxy benchmark, on loopback against a small fake provider, side by side
// with direct calls in one run (interleaved, so both see the same noise):
//   - added latency of a passthrough request (an agent's real first request),
//   - added latency of a tool turn whose 100 KB real log gets compressed
//     (a different window of the log each time, so nothing is replayed), and
//     of the same turn replayed (the decision is remembered),
//   - 100 concurrent streams, every byte checked,
//   - the proxy's memory (it runs in its own process),
//   - load (issue 12): 200 concurrent requests, each with a fresh real tool
//     output, against the same 200 sent direct; a slow stream running through
//     it meanwhile (its longest pause); the heap and RSS before (warmed up,
//     after a forced GC), at peak, and after idle and a forced GC.
// Runs on the compiled dist/ (`npm run bench:proxy` builds first). The proxy
// (scripts/bench/proxy-child.mjs) keeps a SQLite store in a temporary folder,
// as `headroom proxy` would.
//
// Each load request names its agent session (x-claude-code-session-id, as
// Claude Code always does): 200 concurrent fresh outputs are 200 agents at
// work. With --changed-scopes the burst's sessions are the warm-up's, whose
// bodies already went up compressed: a body shed under load must then still
// be read, to replay those decisions.
//
// The load runs in rounds (--rounds, 3): the median round is quoted, each round listed.
//
//   node scripts/bench-proxy.mjs [--n 300] [--load 200] [--rounds 3] [--idle 5000] [--only-load] [--changed-scopes]

import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repo, '..', 'shared');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/**
 * A provider that answers every POST with the same Anthropic-shaped stream, in
 * its own process: a real provider is never in the agent's process, so direct
 * calls must cross a process boundary too for the comparison to be fair.
 */
async function fakeChild() {
  const answer = anthropicStream(Number(process.argv[4])).join('');
  const slow = anthropicStream(SLOW_EVENTS);
  const server = http.createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if (!req.url.includes('slow=1')) return res.end(answer);
      // A stream that trickles, like a model thinking: one event every SLOW_GAP_MS.
      for (const event of slow) {
        res.write(event);
        await new Promise((r) => setTimeout(r, SLOW_GAP_MS));
      }
      res.end();
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
  process.on('message', (m) => m === 'close' && (server.close(), process.disconnect()));
}

const SLOW_EVENTS = 200;
const SLOW_GAP_MS = 20;

/**
 * Starts a child: the proxy (scripts/bench/proxy-child.mjs, in its own process
 * so its memory and event loop are its own) or this script's fake provider.
 * `ask(m)` sends m and waits for the answer. BENCH_PROF=<dir> profiles them.
 */
async function spawnChild(kind, ...args) {
  const [file, argv] = kind === 'proxy' ? [path.join(repo, 'scripts/bench/proxy-child.mjs'), args] : [fileURLToPath(import.meta.url), ['--child', kind, ...args]];
  const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  const proc = fork(file, argv, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--expose-gc', ...prof] });
  const ask = (m) => new Promise((resolve) => { proc.once('message', resolve); if (m) proc.send(m); });
  const { url } = await ask();
  return { url, ask, close: () => proc.send('close') };
}

const sse = (event, data) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
function anthropicStream(deltas) {
  const out = [sse('message_start', { type: 'message_start', message: { id: 'msg_b', type: 'message', role: 'assistant', content: [], usage: { input_tokens: 10, cache_read_input_tokens: 40000, cache_creation_input_tokens: 0, output_tokens: 1 } } })];
  for (let i = 0; i < deltas; i++) out.push(sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `word${i} ` } }));
  out.push(sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: deltas } }));
  out.push(sse('message_stop', { type: 'message_stop' }));
  return out;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function post(url, body, extra = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-bench', 'anthropic-version': '2023-06-01', 'content-length': body.length, ...extra } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ ms: performance.now() - t0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Direct and proxied calls, interleaved; `bodyFor(i)` may vary the body per iteration. */
async function compare(direct, proxied, bodyFor, n) {
  const d = [];
  const p = [];
  for (let i = 0; i < n; i++) {
    const body = bodyFor(i);
    d.push((await post(direct, body)).ms);
    p.push((await post(proxied, body)).ms);
  }
  return { d, p };
}

/** The Claude tool turn with `text` as its tool result, as Claude Code would send it. */
function claudeToolTurn(template, text) {
  const j = structuredClone(template);
  j.messages.at(-1).content.find((b) => b.type === 'tool_result').content = text;
  // A log comes from a shell command; the recorded turn was a file Read, which policy keeps whole below 40k tokens.
  const call = j.messages.at(-2).content.find((b) => b.type === 'tool_use');
  call.name = 'Bash';
  call.input = { command: 'cat logs/hadoop.log', description: 'Show the job log' };
  return Buffer.from(JSON.stringify(j));
}

/** `--only-load`: the load figures alone, for working on them. */
async function onlyLoad() {
  const loadBefore = os.loadavg()[0];
  const load = await loadRun(fs.readFileSync(path.join(shared, 'agent-requests', 'claude-first.json')));
  console.log(`\nProxy load (issue 12): ${load.n} concurrent requests, each a fresh real tool output (100 KB) from its own agent session${load.changedScopes ? ' (sessions of the warm-up, whose bodies mostly went up compressed: a shed body must be read to replay them)' : ''}; node ${process.version}, ${os.availableParallelism()} cores, load average ${loadBefore.toFixed(1)} before / ${os.loadavg()[0].toFixed(1)} after (client, fake provider and proxy share these cores)\n`);
  console.log('| measure | direct | via proxy | added | target |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of loadRows(load)) console.log(`| ${r.join(' | ')} |`);
  console.log(`\n${loadSummary(load)}`);
  agent.destroy();
}

async function main() {
  if (process.argv.includes('--only-load')) return onlyLoad();
  const N = arg('n', 300);
  const fake = await spawnChild('fake', '20');
  const proxy = await spawnChild('proxy', fake.url);
  const idle = await proxy.ask('memory');
  const direct = `${fake.url}/v1/messages?beta=true`;
  const proxied = `${proxy.url}/v1/messages?beta=true`;

  const first = fs.readFileSync(path.join(shared, 'agent-requests', 'claude-first.json'));
  await compare(direct, proxied, () => first, 50); // warm up both paths and the JIT
  const pass = await compare(direct, proxied, () => first, N);
  // Same body to an endpoint no adapter rewrites (Claude Code's token count): the relay alone.
  const relay = await compare(`${fake.url}/v1/messages/count_tokens`, `${proxy.url}/v1/messages/count_tokens`, () => first, N);

  const template = JSON.parse(fs.readFileSync(path.join(shared, 'agent-requests', 'claude-toolturn.json'), 'utf8'));
  const log = fs.readFileSync(path.join(shared, 'corpus', 'logs', 'loghub-hadoop', 'input.txt'), 'utf8');
  const lines = log.split('\n');
  /** A 100 KB window of the real log starting at line i: a new output every time. */
  const window = (i) => {
    let text = '';
    for (let k = i % (lines.length / 2); text.length < 100 * 1024; k++) text += `${lines[k % lines.length]}\n`;
    return text.slice(0, 100 * 1024);
  };
  const C = Math.min(N, 200);
  await compare(direct, proxied, (i) => claudeToolTurn(template, window(1000 + i)), 20);
  const fresh = await compare(direct, proxied, (i) => claudeToolTurn(template, window(i * 7)), C);
  const same = claudeToolTurn(template, window(0));
  const replay = await compare(direct, proxied, () => same, C);
  const compressing = await proxy.ask('memory');
  proxy.close();
  fake.close();

  // 100 concurrent streams, each checked byte for byte.
  const STREAMS = 100;
  const DELTAS = 500;
  const expected = anthropicStream(DELTAS).join('');
  const bigFake = await spawnChild('fake', String(DELTAS));
  const proxy2 = await spawnChild('proxy', bigFake.url);
  const burst = async (url) => {
    const t0 = performance.now();
    const replies = await Promise.all(Array.from({ length: STREAMS }, () => post(`${url}/v1/messages?beta=true`, first)));
    return { ms: performance.now() - t0, lost: replies.filter((r) => r.body.toString() !== expected).length };
  };
  await burst(bigFake.url);
  await burst(proxy2.url);
  const bd = await burst(bigFake.url);
  const bp = await burst(proxy2.url);
  const loaded = await proxy2.ask('memory');
  proxy2.close();
  bigFake.close();

  const load = await loadRun(first);

  const rows = [
    ['relay only: POST count_tokens (51 KB), p50', f(pct(relay.d, 50)), f(pct(relay.p, 50)), added(pct(relay.d, 50), pct(relay.p, 50)), ''],
    ['relay only: p99', f(pct(relay.d, 99)), f(pct(relay.p, 99)), added(pct(relay.d, 99), pct(relay.p, 99)), ''],
    ['passthrough POST (claude-first, 51 KB, read + nothing to compress) p50', f(pct(pass.d, 50)), f(pct(pass.p, 50)), added(pct(pass.d, 50), pct(pass.p, 50)), '<= 1 ms'],
    ['passthrough POST p99', f(pct(pass.d, 99)), f(pct(pass.p, 99)), added(pct(pass.d, 99), pct(pass.p, 99)), ''],
    ['tool turn, 100 KB log compressed, p50', f(pct(fresh.d, 50)), f(pct(fresh.p, 50)), added(pct(fresh.d, 50), pct(fresh.p, 50)), ''],
    ['tool turn, 100 KB log compressed, p99', f(pct(fresh.d, 99)), f(pct(fresh.p, 99)), added(pct(fresh.d, 99), pct(fresh.p, 99)), '<= 10 ms'],
    ['same tool turn replayed, p50', f(pct(replay.d, 50)), f(pct(replay.p, 50)), added(pct(replay.d, 50), pct(replay.p, 50)), ''],
    ['same tool turn replayed, p99', f(pct(replay.d, 99)), f(pct(replay.p, 99)), added(pct(replay.d, 99), pct(replay.p, 99)), ''],
    [`${STREAMS} concurrent streams (${(expected.length / 1024).toFixed(0)} KB each), wall time`, f(bd.ms), f(bp.ms), added(bd.ms, bp.ms), ''],
    [`${STREAMS} concurrent streams, answers not byte-identical`, String(bd.lost), String(bp.lost), '', '0'],
    ['proxy RSS: idle / peak while compressing', '', `${mb(idle.rss)} / ${mb(compressing.maxRss)}`, '', ''],
    ['proxy RSS: peak with 100 streams (fresh process)', '', mb(loaded.maxRss), '', ''],
    ...loadRows(load),
  ];
  const s = loaded.stats;
  const c = compressing.stats;
  console.log(`\nProxy benchmark: ${N} passthrough and ${C} tool-turn requests each way, loopback, node ${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} at the end\n`);
  console.log('| measure | direct | via proxy | added | target |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\nCompression: ${c.rewritten} of ${c.requests} requests rewritten, tool-output tokens ${c.tokensBefore} -> ${c.tokensAfter} (${((100 * c.saved) / Math.max(1, c.tokensBefore)).toFixed(1)}% saved), ${c.failOpen} failed open.`);
  console.log(`Burst proxy stats: ${s.requests} requests, usage answers ${s.usageAnswers}, output tokens ${s.usage.output}.`);
  console.log(loadSummary(load));

  agent.destroy();
  if (bp.lost > 0) process.exitCode = 1;
}

const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
const f = (x) => `${x.toFixed(2)} ms`;
const added = (a, b) => `${b >= a ? '+' : ''}${(b - a).toFixed(2)} ms`;
const fa = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} ms`;

/** The proxy process's CPU time between two of its answers (ms, user + system, worker threads included). */
const cpuMs = (a, b) => (b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system) / 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
/** A percentile of the load's bursts of one kind: the median over rounds. */
const fig = (load, kind, p) => median(load.rounds.map((r) => pct(r[kind], p)));
/** What a kind added to the direct burst of its round, the median over rounds. */
const addedFig = (load, kind, p) => median(load.rounds.map((r) => pct(r[kind], p) - pct(r.d, p)));
const signed = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(0)}`;

/** The load figures as table rows: measure, direct, via proxy, added, target (figures: the median of the rounds). */
function loadRows(load) {
  return [
    [`${load.n} concurrent requests, each a fresh real tool output (100 KB), p50`, f(fig(load, 'd', 50)), f(fig(load, 'p', 50)), fa(addedFig(load, 'p', 50)), '<= +150 ms'],
    [`${load.n} concurrent fresh outputs, p99`, f(fig(load, 'd', 99)), f(fig(load, 'p', 99)), fa(addedFig(load, 'p', 99)), '<= +500 ms'],
    [`the same burst on a path the proxy only relays (no parse), p50 / p99: the floor here`, `${f(fig(load, 'd', 50))} / ${f(fig(load, 'd', 99))}`, `${f(fig(load, 'relay', 50))} / ${f(fig(load, 'relay', 99))}`, `${fa(addedFig(load, 'relay', 50))} / ${fa(addedFig(load, 'relay', 99))}`, ''],
    [`a slow stream (an event every ${SLOW_GAP_MS} ms) during that load: longest pause`, f(median(load.rounds.map((r) => r.gapDirect))), f(median(load.rounds.map((r) => r.gapProxied))), fa(median(load.rounds.map((r) => r.gapProxied - r.gapDirect))), ''],
    [`the slow stream's longest pause through the proxy: during the relay-only burst / during the proxied burst (what admission and compression add)`, '', `${f(median(load.rounds.map((r) => r.gapRelay)))} / ${f(median(load.rounds.map((r) => r.gapProxied)))}`, fa(median(load.rounds.map((r) => r.gapProxied - r.gapRelay))), 'never paused by compression'],
    ['proxy heap (main thread): warmed up + GC / peak / after idle + GC', '', `${mb(load.before.heap)} / ${mb(load.peak.peakHeap)} / ${mb(load.after.heap)}`, '', 'after <= 2 x warmed up'],
    ['proxy RSS (with workers): warmed up + GC / peak / after idle + GC', '', `${mb(load.before.rss)} / ${mb(load.peak.maxRss)} / ${mb(load.after.rss)}`, '', ''],
  ];
}

function loadSummary(load) {
  const ls = load.after.stats;
  const b = load.before.stats;
  return (
    `Load: ${load.compressed.toFixed(0)} of ${load.n} fresh outputs (per burst) compressed within the ${load.budgetMs} ms budget, the rest sent whole; ` +
    `shed under load (predicted wait over the budget), all ${load.rounds.length} bursts together: ${(ls.shedUnread ?? 0) - (b.shedUnread ?? 0)} sent unread, ${(ls.shedLate ?? 0) - (b.shedLate ?? 0)} read to replay earlier decisions; ` +
    `${ls.failOpen} failed open, ${ls.overCap} over the held-bytes cap, drift ${ls.drift} (ours ${ls.driftOurs}); the event loop was busy ${(100 * load.peak.loopBusy).toFixed(0)}% of the burst; idle ${load.idleMs} ms before the last figures; ` +
    `heap after / warmed up: ${(load.after.heap / load.before.heap).toFixed(2)}x.\n` +
    `Each figure is the median of ${load.rounds.length} rounds (direct, relay-only and proxied bursts in turn); per round, added p50 via proxy ` +
    `${load.rounds.map((r) => signed(pct(r.p, 50) - pct(r.d, 50))).join(' / ')} ms, relaying alone ${load.rounds.map((r) => signed(pct(r.relay, 50) - pct(r.d, 50))).join(' / ')} ms; ` +
    `p99 via proxy ${load.rounds.map((r) => signed(pct(r.p, 99) - pct(r.d, 99))).join(' / ')} ms, relaying alone ${load.rounds.map((r) => signed(pct(r.relay, 99) - pct(r.d, 99))).join(' / ')} ms; ` +
    `slow stream's longest pause direct / relaying / proxied ${load.rounds.map((r) => `${r.gapDirect.toFixed(0)}/${r.gapRelay.toFixed(0)}/${r.gapProxied.toFixed(0)}`).join(', ')} ms; ` +
    `the proxy's longest event-loop stall relaying / proxied ${load.rounds.map((r) => `${r.stallRelay.toFixed(0)}/${r.stallProxied.toFixed(0)}`).join(', ')} ms; ` +
    `proxy CPU per burst (user+sys, workers included) relaying / proxied ${load.rounds.map((r) => `${r.cpuRelay.toFixed(0)}/${r.cpuProxied.toFixed(0)}`).join(', ')} ms.\n` +
    `Read "added" against the floor row: what the proxy adds by relaying alone on this machine, before any parsing.`
  );
}

/**
 * Issue 12's load: a fresh proxy warmed up on 50 tool turns, then `--load`
 * concurrent requests each with a fresh real tool output, beside the same
 * burst sent direct; a slow stream runs through the proxy meanwhile.
 */
async function loadRun(passthrough) {
  const L = arg('load', 200);
  const IDLE = arg('idle', 5000);
  const fake = await spawnChild('fake', '20');
  const proxy = await spawnChild('proxy', fake.url);
  const template = JSON.parse(fs.readFileSync(path.join(shared, 'agent-requests', 'claude-toolturn.json'), 'utf8'));
  const names = ['loghub-hdfs', 'loghub-hadoop', 'loghub-zookeeper', 'loghub-bgl', 'loghub-openssh', 'loghub-linux', 'loghub-apache'];
  const logs = names.map((n) => fs.readFileSync(path.join(shared, 'corpus', 'logs', n, 'input.txt'), 'utf8'));
  /** A 100 KB window of one of seven real logs, different for every i. */
  const fresh = (i) => {
    const log = logs[i % logs.length];
    const size = 100 * 1024;
    const start = log.indexOf('\n', (Math.floor(i / logs.length) * 1499) % (log.length - size)) + 1;
    return claudeToolTurn(template, log.slice(start, start + size));
  };
  const opening = Buffer.from(JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: 'Why did the job fail?' }] }));
  const directUrl = `${fake.url}/v1/messages?beta=true`;
  const proxiedUrl = `${proxy.url}/v1/messages?beta=true`;
  const WARM = 50;
  const changedScopes = process.argv.includes('--changed-scopes');
  const session = (id) => ({ 'x-claude-code-session-id': id });
  for (let i = 0; i < WARM; i++) await post(proxiedUrl, fresh(10_000 + i), session(`bench-warm-${i}`)); // warm up: JIT, workers, SQLite
  const agentOf = (i, round) => session(changedScopes ? `bench-warm-${i % WARM}` : `bench-agent-${round}-${i}`);
  const ROUNDS = arg('rounds', 3);
  const before = await proxy.ask('gc');
  const bodies = Array.from({ length: L }, (_, i) => fresh(i));

  /**
   * The longest pause between chunks of a slow stream, while `during` runs.
   * `cut`: the stream is ended as soon as `during` is (its pause measured up to
   * then), so that the step lasts no longer than its burst.
   */
  const slowStream = (base, during, cut = false) =>
    new Promise((resolve, reject) => {
      let last;
      let gap = 0;
      let over = false;
      const req = http.request(`${base}/v1/messages?beta=true&slow=1`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-bench', 'content-length': passthrough.length } }, (res) => {
        res.on('data', () => {
          const now = performance.now();
          if (last !== undefined) gap = Math.max(gap, now - last);
          last = now;
        });
        res.on('error', () => {}); // a cut stream ends in an abort
        res.on('end', async () => resolve({ gap, during: await running }));
      });
      req.on('error', (err) => (over ? undefined : reject(err)));
      req.end(passthrough);
      let running;
      req.on('response', () => {
        running = during();
        if (!cut) return;
        running.then((value) => {
          over = true;
          if (last !== undefined) gap = Math.max(gap, performance.now() - last);
          req.destroy();
          resolve({ gap, during: value });
        }, reject);
      });
    });
  const burst = (url, list, round) => Promise.all(list.map((b, i) => post(url, b, agentOf(i, round)).then((r) => r.ms)));

  // Rounds of three bursts, in a rotating order so that none always comes first:
  // direct, the same bodies on a path the proxy relays without reading (token
  // counting: what relaying alone adds), and through the proxy. Fresh outputs every round.
  const rounds = [];
  let peak;
  let loopBusy = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const list = r === 0 ? bodies : Array.from({ length: L }, (_, i) => fresh(i + r * L));
    const round = {};
    const steps = {
      direct: async () => {
        const x = await slowStream(fake.url, () => burst(directUrl, list, r));
        Object.assign(round, { d: x.during, gapDirect: x.gap });
      },
      relay: async () => {
        // The slow stream runs through the proxy here too, ended with the burst (the step lasts no
        // longer than the burst, as before, so the next burst finds as many connections still open):
        // its pause while the proxy only relays, beside its pause during the proxied burst, shows
        // what admission and compression add.
        const x = await slowStream(
          proxy.url,
          async () => {
            const m0 = await proxy.ask('memory');
            const ms = await burst(`${proxy.url}/v1/messages/count_tokens`, list, r);
            const m1 = await proxy.ask('memory');
            Object.assign(round, { cpuRelay: cpuMs(m0, m1), stallRelay: m1.loopMaxMs });
            return ms;
          },
          true,
        );
        Object.assign(round, { relay: x.during, gapRelay: x.gap });
      },
      proxied: async () => {
        // Each agent opened its conversation before this turn, as every agent does (a user
        // message, no tool output yet): that is how the proxy knows the session went up as it came.
        if (!changedScopes) for (let i = 0; i < list.length; i += 20) await Promise.all(list.slice(i, i + 20).map((_, k) => post(proxiedUrl, opening, agentOf(i + k, r))));
        const x = await slowStream(proxy.url, async () => {
          const m0 = await proxy.ask('memory'); // starts the event-loop and heap measures at the burst
          const ms = await burst(proxiedUrl, list, r);
          const m = await proxy.ask('memory');
          Object.assign(round, { cpuProxied: cpuMs(m0, m), stallProxied: m.loopMaxMs });
          peak = peak ? { ...m, peakHeap: Math.max(peak.peakHeap, m.peakHeap), maxRss: Math.max(peak.maxRss, m.maxRss) } : m;
          loopBusy = Math.max(loopBusy, m.loopBusy);
          return ms;
        });
        Object.assign(round, { p: x.during, gapProxied: x.gap });
      },
    };
    const order = ['direct', 'relay', 'proxied'];
    for (let k = 0; k < 3; k++) await steps[order[(k + r) % 3]]();
    rounds.push(round);
  }
  await new Promise((r) => setTimeout(r, IDLE));
  const after = await proxy.ask('gc');
  proxy.close();
  fake.close();
  return {
    n: L,
    rounds,
    before,
    peak: { ...peak, loopBusy },
    after,
    idleMs: IDLE,
    budgetMs: 50,
    changedScopes,
    compressed: (after.stats.rewritten - before.stats.rewritten) / ROUNDS,
  };
}

if (process.argv[2] !== '--child') await main();
else await fakeChild();
