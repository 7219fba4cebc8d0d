// Memory benchmark. Part 1: precision and recall of merging near-duplicate
// facts on the labelled set of real notes (bench/facts-dedup/pairs.jsonl:
// pairs of lines from the edit history of public CLAUDE.md / AGENTS.md /
// GEMINI.md files, each labelled same / update / different by hand). Part 2:
// save and search latency of the SQLite memory store with 10,000 facts.
// Runs on the compiled dist/ (`npm run bench:facts` builds first).
//
//   node scripts/bench-facts.mjs [--facts 10000] [--searches 500] [--sweep]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { compare, relate, MERGE_THRESHOLD, UPDATE_THRESHOLD } = await import(path.join(repo, 'dist', 'facts', 'similarity.js'));
const { openFactStore } = await import(path.join(repo, 'dist', 'facts', 'index.js'));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const pairs = fs
  .readFileSync(path.join(repo, 'bench', 'facts-dedup', 'pairs.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

// Halves by source repository, so the threshold is chosen on notes of other projects than it is checked on.
const repos = [...new Set(pairs.map((p) => p.source.repo))].sort();
const tuningRepos = new Set(repos.filter((_, i) => i % 2 === 0));
const halves = { tuning: pairs.filter((p) => tuningRepos.has(p.source.repo)), checking: pairs.filter((p) => !tuningRepos.has(p.source.repo)), all: pairs };

function score(set, mergeAt) {
  let tp = 0, fp = 0, fn = 0, updatesKept = 0, updates = 0, updatesLinked = 0, differentLinked = 0;
  for (const p of set) {
    const r = relate(p.a, p.b, mergeAt, UPDATE_THRESHOLD);
    const merged = r === 'same';
    if (merged && p.label === 'same') tp++;
    else if (merged) fp++;
    else if (p.label === 'same') fn++;
    if (p.label === 'different' && r === 'update') differentLinked++;
    if (p.label === 'update') {
      updates++;
      if (!merged) updatesKept++;
      if (r === 'update') updatesLinked++;
    }
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { n: set.length, same: tp + fn, tp, fp, fn, precision, recall, updates, updatesKept, updatesLinked, differentLinked, different: set.filter((p) => p.label === 'different').length };
}
const pct = (x) => `${(100 * x).toFixed(1)}%`;

console.log(`Dedup: ${pairs.length} labelled pairs from ${repos.length} repositories (${pairs.filter((p) => p.label === 'same').length} same, ${pairs.filter((p) => p.label === 'update').length} update, ${pairs.filter((p) => p.label === 'different').length} different)`);
console.log(`tuning half: ${[...tuningRepos].join(', ')}`);
if (process.argv.includes("--sweep")) {
  console.log('threshold  tuning P / R        checking P / R');
  for (let t = 0.3; t <= 0.951; t += 0.05) {
    const a = score(halves.tuning, t), b = score(halves.checking, t);
    console.log(`${t.toFixed(2)}       ${pct(a.precision)} / ${pct(a.recall)}    ${pct(b.precision)} / ${pct(b.recall)}`);
  }
}
for (const [name, set] of Object.entries(halves)) {
  const s = score(set, MERGE_THRESHOLD);
  console.log(
    `${name.padEnd(8)} merge >= ${MERGE_THRESHOLD}: precision ${pct(s.precision)} (${s.tp}/${s.tp + s.fp}), recall ${pct(s.recall)} (${s.tp}/${s.same}); ` +
      `updates kept apart ${s.updatesKept}/${s.updates}, linked as updates ${s.updatesLinked}/${s.updates}; different facts linked as updates ${s.differentLinked}/${s.different}`,
  );
}
if (process.argv.includes('--misses')) {
  for (const p of pairs) {
    const r = relate(p.a, p.b);
    if ((r === 'same') !== (p.label === 'same')) console.log(`${p.label} -> ${r} ${compare(p.a, p.b).similarity.toFixed(2)}\n  A: ${p.a.slice(0, 160)}\n  B: ${p.b.slice(0, 160)}`);
  }
}

// Part 2: latency with 10,000 facts in a real SQLite file.
const FACTS = arg('facts', 10_000);
const SEARCHES = arg('searches', 500);
const notes = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
const words = notes.join(' ').split(/\s+/).filter((w) => /^[A-Za-z]{3,}$/.test(w));
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (a) => a[Math.floor(rand() * a.length)];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-facts-'));
try {
  const store = await openFactStore({ store: 'sqlite', dataDir: dir }, { now: Date.now });
  const quantile = (xs, q) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  const saves = [];
  for (let i = 0; i < FACTS; i++) {
    // Real notes with a distinct tail, so most are new facts and some merge.
    const text = `${pick(notes)} ${Array.from({ length: 4 }, () => pick(words)).join(' ')} ${i % 7 === 0 ? '' : `#${i}`}`;
    const t = performance.now();
    await store.save({ text, scope: i % 5 === 0 ? 'global' : '/work/project', agent: 'bench', session: 's' });
    saves.push(performance.now() - t);
  }
  const searches = [];
  for (let i = 0; i < SEARCHES; i++) {
    const q = Array.from({ length: 2 }, () => pick(words)).join(' ');
    const t = performance.now();
    await store.search(q, { project: '/work/project', limit: 10 });
    searches.push(performance.now() - t);
  }
  const { total } = await store.count();
  console.log(`Store: ${total} facts after ${FACTS} saves (SQLite, FTS5)`);
  console.log(`save   p50 ${quantile(saves, 0.5).toFixed(2)} ms  p95 ${quantile(saves, 0.95).toFixed(2)} ms`);
  console.log(`search p50 ${quantile(searches, 0.5).toFixed(2)} ms  p95 ${quantile(searches, 0.95).toFixed(2)} ms  (${SEARCHES} two-word queries, top 10)`);
  await store.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
