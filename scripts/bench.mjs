#!/usr/bin/env node
// `npm run bench`: compression figures on every case of the shared corpus, and
// the speed targets. Prints markdown tables; writes .bench/results.json.
//
//   node scripts/bench.mjs [--half tuning|checking|tuning,checking] [--only STR]
//                          [--budget N] [--cases] [--no-speed] [--quick] [--corpus DIR]
//
// Both corpora: ../shared/corpus (the sample the compressors were first shaped
// on) and bench/corpus (the wide one), each split by project into a tuning half
// and a checking half (bench/corpus/split.mjs). Lost needles are listed for the
// tuning half only.
//
// Speed targets are measured here, never in unit tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compress, countTokens, loadTokenizer, makeProbe, route, COMPRESSORS } from '../dist/index.js';
import { readCorpus } from './bench/cases.mjs';
import { percentile, sized, timeAsync } from './bench/timing.mjs';
import { needleMatcher } from '../bench/corpus/needles.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const sharedRoot = path.resolve(flag('--corpus') ?? process.env.HEADROOM_CORPUS ?? path.join(root, '..', 'shared', 'corpus'));
const wideRoot = path.join(root, 'bench', 'corpus');
// Which halves to report: tuning work looks at the tuning half only.
const halves = (flag('--half') ?? 'tuning,checking').split(',');
const only = flag('--only'); // a substring of case ids
const budget = flag('--budget') ? Number(flag('--budget')) : undefined;
const showCases = args.includes('--cases');
const noSpeed = args.includes('--no-speed');

/** Plain head+tail truncation to about `tokens` tokens: the baseline to beat. */
async function headTail(text, tokens) {
  if (tokens >= (await countTokens(text))) return text;
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
const corpora = [
  ['shared', readCorpus('shared', sharedRoot)],
  ['wide', readCorpus('wide', wideRoot)],
];
const cases = [];
for (const [, list] of corpora) {
  for (const k of list) {
    if (!halves.includes(k.half) || (only && !k.id.includes(only))) continue;
    const input = k.inputBytes.toString('utf8');
    const opts = budget ? { budgetTokens: budget } : {};
    const result = await compress(input, opts);
    const keeps = needleMatcher(result.text);
    const kept = k.needles.filter(keeps).length;
    const baseline = await headTail(input, result.tokensAfter);
    const keptByTruncation = k.needles.filter(needleMatcher(baseline)).length;
    const routed = route(makeProbe(input), COMPRESSORS, COMPRESSORS[COMPRESSORS.length - 1]).compressor.type;
    const compressTimes = noSpeed ? [0] : await timeAsync(() => compress(input, { tokens: 'estimate', ...opts }), quick ? 1 : 3);
    cases.push({
      corpus: k.corpus,
      case: k.id,
      kind: k.kind,
      label: k.label,
      project: k.project,
      half: k.half,
      routed,
      detected: result.type,
      bytes: k.inputBytes.length,
      tokensBefore: result.tokensBefore,
      tokensAfter: result.tokensAfter,
      needles: k.needles.length,
      kept,
      keptByTruncation,
      missing: k.needles.filter((n) => !keeps(n)),
      refused: (result.refused ?? []).length,
      refusals: (result.refused ?? []).map((r) => `${r.compressor} ${r.rule}: ${r.detail}`),
      compressP50: percentile(compressTimes, 50),
    });
    process.stderr.write('.');
  }
}
process.stderr.write('\n');

function summary(cs) {
  const sum = (k) => cs.reduce((a, c) => a + c[k], 0);
  return {
    cases: cs.length,
    tokensBefore: sum('tokensBefore'),
    tokensAfter: sum('tokensAfter'),
    needles: sum('needles'),
    kept: sum('kept'),
    keptByTruncation: sum('keptByTruncation'),
    refused: cs.filter((c) => c.refused > 0).length,
    bytes: sum('bytes'),
    ms: sum('compressP50'),
  };
}
const row = (name, s) =>
  `| ${name} | ${s.cases} | ${fmt(s.tokensBefore)} | ${fmt(s.tokensAfter)} | ${fmt(pct(s.tokensBefore, s.tokensAfter), 1)}% | ${s.kept}/${s.needles} (${fmt((100 * s.kept) / Math.max(1, s.needles), 1)}%) | ${s.keptByTruncation}/${s.needles} (${fmt((100 * s.keptByTruncation) / Math.max(1, s.needles), 1)}%) | ${s.refused} |`;

console.log('# Compression on the needle corpora (tokens: gpt-tokenizer o200k_base)\n');
console.log('Head+tail: plain truncation of the input to the same token count as headroom\'s output. Refused: cases where the engine\'s guard refused a compressor output (an invariant broken; the case then went gentler or through whole).\n');
const report = [];
for (const [corpus] of corpora) {
  for (const h of halves) {
    const cs = cases.filter((c) => c.corpus === corpus && c.half === h);
    if (!cs.length) continue;
    console.log(`## ${corpus} corpus, ${h} half\n`);
    console.log('| kind | cases | tokens before | after | saved | needles kept | head+tail kept | refused |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const kind of [...new Set(cs.map((c) => c.kind))].sort()) console.log(row(kind, summary(cs.filter((c) => c.kind === kind))));
    const all = summary(cs);
    console.log(row('**all**', all));
    report.push({ corpus, half: h, ...all });
    console.log('');
  }
}

if (showCases) {
  console.log('## Every case\n');
  console.log('| case | half | routed | tokens before | after | saved | needles | head+tail | refused |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|');
  for (const c of cases) {
    console.log(
      `| ${c.corpus}/${c.case} | ${c.half} | ${c.detected} | ${fmt(c.tokensBefore)} | ${fmt(c.tokensAfter)} | ${fmt(pct(c.tokensBefore, c.tokensAfter), 1)}% | ${c.kept}/${c.needles} | ${c.keptByTruncation}/${c.needles} | ${c.refused} |`,
    );
  }
  console.log('');
}

// Only the tuning half's losses are listed: the checking half is for reporting, not for tuning.
const lost = cases.filter((c) => c.half === 'tuning' && (c.missing.length || c.refused));
if (lost.length) {
  console.log('## Tuning half: needles lost and outputs refused\n');
  for (const c of lost) {
    for (const n of c.missing) console.log(`- ${c.corpus}/${c.case}: lost ${JSON.stringify(n.slice(0, 100))}`);
    for (const r of c.refusals) console.log(`- ${c.corpus}/${c.case}: refused ${r.slice(0, 160)}`);
  }
  console.log('');
}

// Router accuracy on the cases that carry a label.
const labelled = cases.filter((c) => c.label);
if (labelled.length) {
  console.log('## Router accuracy (labelled cases)\n');
  console.log('| label | cases | routed right | routed instead |');
  console.log('|---|---:|---:|---|');
  for (const label of [...new Set(labelled.map((c) => c.label))].sort()) {
    const cs = labelled.filter((c) => c.label === label);
    const wrong = new Map();
    for (const c of cs) if (c.routed !== label) wrong.set(c.routed, (wrong.get(c.routed) ?? 0) + 1);
    const right = cs.length - [...wrong.values()].reduce((a, b) => a + b, 0);
    console.log(`| ${label} | ${cs.length} | ${right} (${fmt((100 * right) / cs.length, 0)}%) | ${[...wrong].map(([t, n]) => `${t} ${n}`).join(', ')} |`);
  }
  const right = labelled.filter((c) => c.routed === c.label).length;
  console.log(`| **all** | ${labelled.length} | ${right} (${fmt((100 * right) / labelled.length, 1)}%) | |\n`);
}

// Speed targets
if (noSpeed) {
  saveResults();
  process.exit(0);
}
const read = (rel) => fs.readFileSync(path.join(sharedRoot, rel, 'input.txt'), 'utf8');
const speed = JSON.parse(
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bench', 'speed.mjs'), sharedRoot, wideRoot, ...(quick ? ['--quick'] : [])], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }),
);
console.log('\n## Speed (one core)\n');
console.log('| measure | p50 | p99 | target |');
console.log('|---|---:|---:|---|');
console.log(`| route a 10 KB payload (${speed.routeKinds} kinds) | ${fmt(percentile(speed.route, 50), 3)} ms | ${fmt(percentile(speed.route, 99), 3)} ms | p50 <= 0.2 ms |`);
console.log(`| compress 100 KB log | ${fmt(percentile(speed.log, 50), 2)} ms | ${fmt(percentile(speed.log, 99), 2)} ms | p50 <= 5 ms |`);
console.log(`| compress ${fmt(speed.jsonKb)} KB JSON | ${fmt(percentile(speed.json, 50), 2)} ms | ${fmt(percentile(speed.json, 99), 2)} ms | p50 <= 5 ms |`);
console.log(`| first call in a fresh process: 100 KB log / ${fmt(speed.jsonKb)} KB JSON | ${fmt(speed.cold.log, 1)} / ${fmt(speed.cold.json, 1)} ms | | (JIT not warm yet) |`);
console.log(
  `\nMeasured in a process of their own (scripts/bench/speed.mjs), as compression runs in the proxy's worker threads: each after ${speed.warmup} untimed calls. The last row is each input's first call in a fresh process (scripts/bench/cold.mjs).`,
);

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

saveResults();

// prose-ml: its own documents, speed per 256 words and memory with the model loaded (bench:prose-ml).
execFileSync(process.execPath, [path.join(root, 'scripts', 'bench-prose-ml.mjs')], { stdio: 'inherit' });

function saveResults() {
  fs.mkdirSync(path.join(root, '.bench'), { recursive: true });
  fs.writeFileSync(path.join(root, '.bench', 'results.json'), JSON.stringify({ cases, report }, null, 2));
}
