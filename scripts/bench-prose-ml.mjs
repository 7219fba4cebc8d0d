#!/usr/bin/env node
// prose-ml against the deterministic prose compressor and against its own
// teacher, on documents that are not training text (bench/prose-ml, built by
// scripts/prose-ml/make-eval.sh from Debian packages' documentation; no npm
// README, so none is training text). Then its speed per 256 words and the
// resident memory of a process with the model loaded. `npm run bench:prose-ml`;
// `npm run bench` runs it at its end.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countTokens, loadTokenizer, estimateTokens, defaultBudget, LOSSY_FROM } from '../dist/index.js';
import { guardOutput } from '../dist/compressors/guard/index.js';
import { proseCompressor } from '../dist/compressors/prose/index.js';
import { loadModel, proseMlCompressor, prune, sequenceOf } from '../dist/compressors/prose-ml/index.js';
import { needleMatcher } from '../bench/corpus/needles.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'bench/prose-ml');
await loadTokenizer();
const state = await loadModel();
if (!state.ok) {
  console.log(`\n## prose-ml\n\nmodel not loaded: ${state.reason}`);
  process.exit(0);
}

const MARKERS = /\[headroom: [^\]\n]*\]/g;
const CODE = /``[^`\n]+``|`[^`\n]+`/g;
const NUMBER = /(?<![\w.])\d+(?:[.,:]\d+)*(?![\w])/g;
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const split = (t) => (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');

/** What a system gives, checked by the guard as the engine checks it (a refused output counts as the input). */
function run(system, text, ctx) {
  const out = system(text, ctx);
  const g = guardOutput(text, out, ctx, 'prose');
  return g.violations.length ? { text, refused: g.violations[0].rule } : { text: g.text };
}

const systems = {
  deterministic: (text, ctx) => proseCompressor.compress(text, ctx),
  'prose-ml': (text, ctx) => proseMlCompressor.compress(text, ctx),
  teacher: (text, ctx, caseDir) => {
    const seq = sequenceOf(split(text));
    const labels = fs.readFileSync(path.join(caseDir, 'teacher.txt'), 'utf8').trim();
    const logits = Float32Array.from(labels, (c) => (c === '1' ? 1 : -1));
    return prune(text, { seq, logits, threshold: 0 }, ctx);
  },
};

/** The two sets: the first, tuned on since it was built, and the fresh one, frozen before prose-ml ever ran on it. */
const sets = [
  { dir, label: 'bench/prose-ml: the first set, tuned on' },
  { dir: path.join(dir, 'fresh'), label: 'bench/prose-ml/fresh: built and frozen after the tuning, never tuned on' },
];
const casesOf = (d) => fs.readdirSync(d).filter((c) => fs.existsSync(path.join(d, c, 'input.txt'))).sort();
const cases = casesOf(dir);
for (const set of sets) await evaluate(set.dir, set.label);

async function evaluate(dir, label) {
  const cases = casesOf(dir);
  const totals = {};
  const rows = [];
  for (const name of cases) {
    const text = fs.readFileSync(path.join(dir, name, 'input.txt'), 'utf8');
    const needles = fs.readFileSync(path.join(dir, name, 'needles.txt'), 'utf8').split('\n').filter(Boolean);
    const est = estimateTokens(text);
    const before = await countTokens(text);
    const codes = [...new Set(text.match(CODE) ?? [])];
    const numbers = [...new Set(text.match(NUMBER) ?? [])];
    await proseMlCompressor.prepare(text, {});
    const contexts = {
      words: { budgetTokens: Number.MAX_SAFE_INTEGER, lossy: false, estimateTokens },
      budget: { budgetTokens: defaultBudget(est), lossy: est > LOSSY_FROM, estimateTokens },
    };
    for (const [cname, ctx] of Object.entries(contexts)) {
      for (const [sname, system] of Object.entries(systems)) {
        // The teacher's labels exist for the first set only (its bigram table is not shipped).
        if (sname === 'teacher' && !fs.existsSync(path.join(dir, name, 'teacher.txt'))) continue;
        const r = run((t, c) => system(t, c, path.join(dir, name)), text, ctx);
        const body = r.text.replace(MARKERS, ' ');
        const has = needleMatcher(r.text);
        const t = (totals[`${cname}/${sname}`] ??= { before: 0, after: 0, needles: 0, of: 0, codes: 0, codesOf: 0, numbers: 0, numbersOf: 0, refused: 0 });
        const after = await countTokens(r.text);
        t.before += before;
        t.after += after;
        t.needles += needles.filter(has).length;
        t.of += needles.length;
        t.codes += codes.filter((c) => body.includes(c)).length;
        t.codesOf += codes.length;
        t.numbers += numbers.filter((n) => new RegExp(`(?<![\\w.])${n.replace(/\./g, '\\.')}(?![\\w])`).test(body)).length;
        t.numbersOf += numbers.length;
        if (r.refused) t.refused++;
        if (cname === 'budget') rows.push(`| ${name} | ${sname} | ${before} | ${after} | ${pct(1 - after / before)} | ${needles.filter(has).length}/${needles.length} |`);
      }
    }
  }
  console.log(`\n## prose-ml on ${label} (${cases.length} documents, none of them training text)\n`);
  console.log("words: word removal alone (no budget, no line dropped); budget: the engine's default budget, lines condensed past it.\n");
  console.log('| setting / system | tokens saved | needles kept | inline code kept | numbers kept | refused |');
  console.log('|---|---|---|---|---|---|');
  for (const [k, t] of Object.entries(totals)) {
    console.log(`| ${k} | ${pct(1 - t.after / t.before)} | ${t.needles}/${t.of} | ${t.codes}/${t.codesOf} | ${t.numbers}/${t.numbersOf} | ${t.refused} |`);
  }
  console.log('\n| case (budget) | system | tokens before | after | saved | needles |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

// Speed: the model and the pruning on windows of 256 words of these documents (warm, one intra-op thread).
const windows = [];
for (const name of cases) {
  let cur = [];
  let words = 0;
  for (const line of split(fs.readFileSync(path.join(dir, name, 'input.txt'), 'utf8'))) {
    cur.push(line);
    words += line.split(/\s+/).filter(Boolean).length;
    if (words >= 256) {
      windows.push({ text: `${cur.join('\n')}\n`, words });
      cur = [];
      words = 0;
    }
  }
}
const ctx = { budgetTokens: Number.MAX_SAFE_INTEGER, lossy: false, estimateTokens };
const times = [];
for (let rep = 0; rep < 3; rep++) {
  for (const w of windows) {
    const t0 = performance.now();
    const seq = sequenceOf(split(w.text));
    const logits = await state.model.logits(seq.ids, seq.feats);
    prune(w.text, { seq, logits, threshold: state.model.manifest.threshold }, ctx);
    if (rep > 0) times.push(((performance.now() - t0) * 256) / w.words);
  }
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(2);
console.log(`\nLatency per 256 words (units, model, pruning; ${times.length} windows): p50 ${q(50)} ms, p90 ${q(90)} ms, p99 ${q(99)} ms (target p50 <= 5 ms)`);

// Memory: a fresh process that loads headroom and the model and compresses every document once.
const probe = `
  const { compress } = await import(${JSON.stringify(path.join(root, 'dist/index.js'))});
  const fs = await import('node:fs');
  const before = process.memoryUsage().rss;
  const docs = ${JSON.stringify(cases.map((c) => path.join(dir, c, 'input.txt')))};
  let parts = new Set();
  const first = fs.readFileSync(docs[0], 'utf8');
  let t0 = performance.now();
  await compress(first, { tokens: 'estimate' });
  const cold = performance.now() - t0;
  t0 = performance.now();
  await compress(first, { tokens: 'estimate' });
  const warm = performance.now() - t0;
  for (const f of docs) (await compress(fs.readFileSync(f, 'utf8'), { tokens: 'estimate' })).parts.forEach((p) => parts.add(p.compressor));
  console.log(JSON.stringify({ before, after: process.memoryUsage().rss, parts: [...parts], cold, warm }));
`;
const mem = (env) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { env: { ...process.env, HEADROOM_PROSE_ML: '1', ...env } }).toString());
const withModel = mem({});
const without = mem({ HEADROOM_PROSE_ML_MODEL: path.join(root, 'bench/prose-ml/no-model-here') });
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
console.log(
  `Resident memory after compressing the ${cases.length} documents: ${mb(withModel.after)} with the model (${withModel.parts.join(', ')}), ` +
    `${mb(without.after)} without it (${without.parts.join(', ')}) (target <= 150 MB)`,
);
console.log(
  `First document in a fresh process (loads onnxruntime and the model): ${withModel.cold.toFixed(0)} ms; the same again: ${withModel.warm.toFixed(0)} ms ` +
    `(without the model: ${without.cold.toFixed(0)} ms, ${without.warm.toFixed(0)} ms)`,
);
