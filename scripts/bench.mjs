#!/usr/bin/env node
// `npm run bench`: compression figures on every case of the shared corpus, and
// the speed targets. Prints markdown tables; writes .bench/results.json.
//
//   node scripts/bench.mjs [--corpus DIR] [--quick]
//
// Speed targets are measured here, never in unit tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compress, countTokens, loadTokenizer, makeProbe, route, COMPRESSORS } from '../dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const corpusRoot = path.resolve(flag('--corpus') ?? process.env.HEADROOM_CORPUS ?? path.join(root, '..', 'shared', 'corpus'));
const REPS = quick ? 5 : 25;

function* caseDirs(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === 'input.txt')) {
    yield dir;
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) if (e.isDirectory()) yield* caseDirs(path.join(dir, e.name));
}

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function timeIt(fn, reps = REPS) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

async function timeAsync(fn, reps = REPS) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

/** Plain head+tail truncation to about `tokens` tokens: the baseline to beat. */
async function headTail(text, tokens) {
  let chars = Math.floor((text.length * tokens) / Math.max(1, await countTokens(text)));
  for (let i = 0; i < 8; i++) {
    const half = Math.floor(chars / 2);
    const cut = `${text.slice(0, half)}\n...\n${text.slice(text.length - half)}`;
    const n = await countTokens(cut);
    if (n <= tokens * 1.02 || chars < 16) return cut;
    chars = Math.floor(chars * (tokens / n));
  }
  return text.slice(0, chars);
}

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (before, after) => (before ? (100 * (before - after)) / before : 0);

await loadTokenizer();
const cases = [];
for (const dir of caseDirs(corpusRoot)) {
  const rel = path.relative(corpusRoot, dir);
  const group = rel.split(path.sep)[0];
  const input = fs.readFileSync(path.join(dir, 'input.txt'), 'utf8');
  const needles = fs.readFileSync(path.join(dir, 'needles.txt'), 'utf8').split('\n').filter(Boolean);
  const result = await compress(input);
  const kept = needles.filter((n) => result.text.includes(n)).length;
  const baseline = await headTail(input, result.tokensAfter);
  const keptByTruncation = needles.filter((n) => baseline.includes(n)).length;
  const routeTimes = timeIt(() => route(makeProbe(input), COMPRESSORS, COMPRESSORS[COMPRESSORS.length - 1]));
  const compressTimes = await timeAsync(() => compress(input, { tokens: 'estimate' }));
  cases.push({
    case: rel,
    group,
    detected: result.type,
    bytes: Buffer.byteLength(input),
    tokensBefore: result.tokensBefore,
    tokensAfter: result.tokensAfter,
    needles: needles.length,
    kept,
    keptByTruncation,
    missing: needles.filter((n) => !result.text.includes(n)),
    routeP50: percentile(routeTimes, 50),
    routeP99: percentile(routeTimes, 99),
    compressP50: percentile(compressTimes, 50),
    compressP99: percentile(compressTimes, 99),
  });
  process.stderr.write('.');
}
process.stderr.write('\n');

// Per case
console.log('## Every case\n');
console.log('| case | routed as | tokens before | after | saved | needles kept | head+tail kept | compress p50 ms |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const c of cases) {
  console.log(
    `| ${c.case} | ${c.detected} | ${fmt(c.tokensBefore)} | ${fmt(c.tokensAfter)} | ${fmt(pct(c.tokensBefore, c.tokensAfter), 1)}% | ${c.kept}/${c.needles} | ${c.keptByTruncation}/${c.needles} | ${fmt(c.compressP50, 2)} |`,
  );
}

// Per type
const groups = [...new Set(cases.map((c) => c.group))];
const rows = groups.map((g) => {
  const cs = cases.filter((c) => c.group === g);
  const sum = (k) => cs.reduce((a, c) => a + c[k], 0);
  const bytes = sum('bytes');
  const ms = sum('compressP50');
  return {
    type: g,
    cases: cs.length,
    tokensBefore: sum('tokensBefore'),
    tokensAfter: sum('tokensAfter'),
    needles: sum('needles'),
    kept: sum('kept'),
    keptByTruncation: sum('keptByTruncation'),
    routeP50: percentile(cs.map((c) => c.routeP50), 50),
    routeP99: Math.max(...cs.map((c) => c.routeP99)),
    compressP50: percentile(cs.map((c) => c.compressP50), 50),
    compressP99: Math.max(...cs.map((c) => c.compressP99)),
    mbPerSec: bytes / 1048576 / (ms / 1000),
  };
});
const total = rows.reduce(
  (a, r) => ({
    tokensBefore: a.tokensBefore + r.tokensBefore,
    tokensAfter: a.tokensAfter + r.tokensAfter,
    needles: a.needles + r.needles,
    kept: a.kept + r.kept,
    keptByTruncation: a.keptByTruncation + r.keptByTruncation,
  }),
  { tokensBefore: 0, tokensAfter: 0, needles: 0, kept: 0, keptByTruncation: 0 },
);
console.log('\n## By type (tokens: gpt-tokenizer o200k_base)\n');
console.log('| type | cases | tokens before | after | saved | needles kept | head+tail kept | route p50/p99 ms | compress p50/p99 ms | MB/s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.type} | ${r.cases} | ${fmt(r.tokensBefore)} | ${fmt(r.tokensAfter)} | ${fmt(pct(r.tokensBefore, r.tokensAfter), 1)}% | ${r.kept}/${r.needles} | ${r.keptByTruncation}/${r.needles} | ${fmt(r.routeP50, 3)}/${fmt(r.routeP99, 3)} | ${fmt(r.compressP50, 2)}/${fmt(r.compressP99, 2)} | ${fmt(r.mbPerSec, 1)} |`,
  );
}
console.log(
  `| **all** | ${cases.length} | ${fmt(total.tokensBefore)} | ${fmt(total.tokensAfter)} | **${fmt(pct(total.tokensBefore, total.tokensAfter), 1)}%** | ${total.kept}/${total.needles} | ${total.keptByTruncation}/${total.needles} | | | |`,
);
const missing = cases.filter((c) => c.missing.length);
if (missing.length) {
  console.log('\nNeedles lost:');
  for (const c of missing) for (const n of c.missing) console.log(`- ${c.case}: ${JSON.stringify(n.slice(0, 100))}`);
}

// Speed targets
function sized(text, bytes) {
  let s = text;
  while (s.length < bytes) s += `\n${text}`;
  const cut = s.lastIndexOf('\n', bytes);
  return s.slice(0, cut > 0 ? cut : bytes);
}
const read = (rel) => fs.readFileSync(path.join(corpusRoot, rel, 'input.txt'), 'utf8');
const samples = cases.map((c) => read(c.case));
const tenKb = samples.map((s) => sized(s, 10 * 1024));
const routeTimes10k = tenKb.flatMap((s) => timeIt(() => route(makeProbe(s), COMPRESSORS, COMPRESSORS[COMPRESSORS.length - 1]), 20));
const log100 = sized(read('logs/loghub-hdfs'), 100 * 1024);
// The largest JSON case (~115 KB): a whole document, since a cut one is not JSON.
const jsonText = read('json/octokit-paginate-issues');
const logTimes = await timeAsync(() => compress(log100, { tokens: 'estimate' }), 40);
const jsonTimes = await timeAsync(() => compress(jsonText, { tokens: 'estimate' }), 40);
console.log('\n## Speed (one core)\n');
console.log('| measure | p50 | p99 | target |');
console.log('|---|---:|---:|---|');
console.log(`| route a 10 KB payload (${tenKb.length} kinds) | ${fmt(percentile(routeTimes10k, 50), 3)} ms | ${fmt(percentile(routeTimes10k, 99), 3)} ms | p50 <= 0.2 ms |`);
console.log(`| compress 100 KB log | ${fmt(percentile(logTimes, 50), 2)} ms | ${fmt(percentile(logTimes, 99), 2)} ms | p50 <= 5 ms |`);
console.log(`| compress ${fmt(jsonText.length / 1024)} KB JSON | ${fmt(percentile(jsonTimes, 50), 2)} ms | ${fmt(percentile(jsonTimes, 99), 2)} ms | p50 <= 5 ms |`);

console.log('\n## Linear growth (real inputs repeated to size)\n');
console.log('| input | 100 KB | 1 MB | 10 MB | ms per MB, 10 MB vs 1 MB |');
console.log('|---|---:|---:|---:|---:|');
const jsonl = read('transcripts/claude-code/spotter-subagent-a7be2f0');
for (const [name, base] of [
  ['log', read('logs/loghub-openssh')],
  ['jsonl', jsonl],
  ['code', read('code/cobra-command-go')],
  ['grep', read('grep/rg-cobra-completion')],
  ['diff', read('diffs/gitshow-ky-retry-after')],
  ['html', read('html/readability-wikipedia')],
]) {
  const times = [];
  for (const size of [100 * 1024, 1024 * 1024, 10 * 1024 * 1024]) {
    const text = sized(base, size);
    const reps = size > 1024 * 1024 ? 3 : 7;
    times.push(percentile(await timeAsync(() => compress(text, { tokens: 'estimate' }), reps), 50));
  }
  const perMb = (t, mb) => t / mb;
  console.log(
    `| ${name} | ${fmt(times[0], 1)} ms | ${fmt(times[1], 1)} ms | ${fmt(times[2], 1)} ms | ${fmt(perMb(times[2], 10) / perMb(times[1], 1), 2)}x |`,
  );
}

// Start-up
const bin = path.join(root, 'bin', 'headroom');
const startTimes = [];
for (let i = 0; i < (quick ? 5 : 15); i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [bin, '--version']);
  startTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
// Node's own start-up is the floor: measured the same way, for reference.
const nodeTimes = [];
for (let i = 0; i < (quick ? 5 : 15); i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, ['-e', '0']);
  nodeTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
console.log(
  `\n\`headroom --version\`: p50 ${fmt(percentile(startTimes, 50), 1)} ms, p99 ${fmt(percentile(startTimes, 99), 1)} ms (target <= 100 ms); ` +
    `\`node -e 0\` on this machine: p50 ${fmt(percentile(nodeTimes, 50), 1)} ms`,
);

fs.mkdirSync(path.join(root, '.bench'), { recursive: true });
fs.writeFileSync(path.join(root, '.bench', 'results.json'), JSON.stringify({ cases, rows, total }, null, 2));
