// `headroom learn` scan speed: 1,000 real Claude Code sessions (the corpus
// transcripts, copied round-robin under a temporary HOME as one project's
// sessions), read as `--all` reads them,, mined and turned into proposals, as `headroom learn --all`
// does. Runs on the compiled dist/ (`npm run bench:learn` builds first).
//
//   node scripts/bench-learn.mjs [--n 1000]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repo, '..', 'shared', 'corpus', 'transcripts', 'claude-code');
const n = (() => {
  const i = process.argv.indexOf('--n');
  return i > 0 ? Number(process.argv[i + 1]) : 1000;
})();

const { findSources, readSources } = await import(path.join(repo, 'dist/learn/discover.js'));
const { mine } = await import(path.join(repo, 'dist/learn/mine.js'));
const { propose } = await import(path.join(repo, 'dist/learn/propose.js'));

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-bench-learn-'));
const cwd = path.join(home, 'project');
fs.mkdirSync(cwd);
const projects = path.join(home, '.claude', 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'));
fs.mkdirSync(projects, { recursive: true });
const cases = fs.readdirSync(corpus).sort().map((d) => fs.readFileSync(path.join(corpus, d, 'input.txt')));
let bytes = 0;
for (let i = 0; i < n; i++) {
  const data = cases[i % cases.length];
  bytes += data.length;
  fs.writeFileSync(path.join(projects, `${String(i).padStart(8, '0')}-bench.jsonl`), data);
}

const runs = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  // The corpus sessions ran in another folder: read them as `--all` would.
  const sources = findSources({ agent: 'auto', all: true, cwd, home, env: {} });
  const scan = await readSources(sources, { cwd, all: true });
  const t1 = performance.now();
  const lessons = await mine(scan.sessions, { minCount: 2 });
  const t2 = performance.now();
  const proposals = propose(lessons, { cwd });
  const t3 = performance.now();
  runs.push({ read: t1 - t0, mine: t2 - t1, propose: t3 - t2, total: t3 - t0, sessions: scan.sessions.length, lessons: lessons.length, proposals: proposals.length });
}
fs.rmSync(home, { recursive: true, force: true });
runs.sort((a, b) => a.total - b.total);
const med = runs[1];
const mb = bytes / 1048576;
console.log(`${med.sessions} sessions (${mb.toFixed(0)} MB of real Claude Code transcripts), median of 3 runs\n`);
console.log('| step | ms |\n|---|---:|');
console.log(`| find and read | ${med.read.toFixed(0)} |\n| mine | ${med.mine.toFixed(0)} |\n| propose | ${med.propose.toFixed(0)} |\n| **total** | **${med.total.toFixed(0)}** |`);
console.log(`\n${(med.total / (med.sessions / 1000)).toFixed(0)} ms per 1,000 sessions, ${(mb / (med.total / 1000)).toFixed(1)} MB/s; ${med.lessons} lessons, ${med.proposals} proposals`);
