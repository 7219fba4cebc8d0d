// `headroom learn`, measured two ways. First what it finds: the rules mined
// with default settings from each person's sessions of the wide set
// (bench/transcripts, rebuilt by its build.mjs when a mirror is at hand), for
// the tuning and the checking half, and from ../shared/corpus: the share of
// annotated failures the rules cover, and the share of rules that cover none
// (listed, with the checking half's rules). Then its speed: 1,000 real Claude
// Code sessions (the shared corpus transcripts, copied round-robin under a
// temporary HOME), read as `--all` reads them, mined and turned into proposals.
// Runs on the compiled dist/ (`npm run bench:learn` builds first).
//
//   node scripts/bench-learn.mjs [--n 1000] [--skip-speed]

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
const { claudeTranscripts } = await import(path.join(repo, 'dist/learn/transcripts/claude.js'));
const { mine: mineFor } = await import(path.join(repo, 'dist/learn/mine.js'));
const wide = await import(path.join(repo, 'bench/transcripts/score.mjs'));

const pct = (x) => `${(100 * x).toFixed(0)}%`;
const readAll = async (files) => (await Promise.all(files.map((f) => claudeTranscripts.read(f)))).flat();
// Every lesson keeps all its evidence here, so coverage can check the session it came from.
const mineAll = (sessions) => mineFor(sessions, { maxEvidence: 10_000 });

let list = wide.people();
if (list.every((p) => p.files.length === 0)) {
  const { execFileSync } = await import('node:child_process');
  try {
    execFileSync(process.execPath, [path.join(repo, 'bench/transcripts/build.mjs')], { stdio: 'ignore' });
  } catch {
    // No mirror and no network: reported below.
  }
  list = wide.people();
}
const report = [];
for (const half of ['tuning', 'checking']) {
  const members = list.filter((p) => p.half === half);
  if (members.every((p) => p.files.length === 0)) {
    report.push(`${half}: not built (run node bench/transcripts/build.mjs)`);
    continue;
  }
  // Each person mines their own sessions, as `headroom learn` would on their machine.
  const lessons = [];
  for (const p of members) lessons.push(...(await mineAll(await readAll(p.files))));
  const r = wide.score(lessons, wide.annotations(members));
  const sessions = members.reduce((n, p) => n + p.files.length, 0);
  console.log(`## ${half} half: ${members.length} people, ${sessions} sessions\n`);
  console.log(`coverage ${pct(r.coverage)} (${r.covered} of ${r.annotated} annotated failures), noise ${pct(r.noiseShare)} (${r.noise} of ${r.rules} rules)\n`);
  if (half === 'checking') {
    console.log('rules:');
    for (const l of lessons) console.log(`- ${l.rule}${r.noisy.includes(l) ? '   [covers no annotation]' : ''}`);
  } else if (r.noisy.length > 0) {
    console.log('rules that cover no annotation:');
    for (const l of r.noisy) console.log(`- ${l.rule}`);
  }
  console.log('\nnot covered:');
  for (const a of r.missed) console.log(`- ${a.person} ${a.session.slice(0, 8)} [${a.kind}] ${a.rule}`);
  console.log('');
}
for (const line of report) console.log(line);

{
  const notes = JSON.parse(fs.readFileSync(path.join(repo, 'bench/transcripts/shared-notes.json'), 'utf8'));
  const root = path.resolve(repo, '..', 'shared', 'corpus', 'transcripts');
  const all = [];
  const anns = [];
  for (const [id, list] of Object.entries(notes)) {
    if (id === '_') continue;
    const sessions = await claudeTranscripts.read(path.join(root, id, 'input.txt'));
    all.push(...sessions);
    for (const n of list) anns.push({ person: 'shared', session: sessions[0].id, note: n.note, res: n.match.map((m) => new RegExp(m, 'i')), rule: `${id} note ${n.note}` });
  }
  // The sample is one person's (marot/spotter): mined together.
  const lessons = await mineAll(all);
  const r = wide.score(lessons, anns);
  console.log(`## ../shared/corpus: ${all.length} sessions\n`);
  console.log(`coverage ${pct(r.coverage)} (${r.covered} of ${r.annotated} noted failures), noise ${pct(r.noiseShare)} (${r.noise} of ${r.rules} rules)`);
  for (const l of r.noisy) console.log(`- covers no note: ${l.rule}`);
  for (const a of r.missed) console.log(`- not covered: ${a.rule}`);
  console.log('');
}
if (process.argv.includes('--skip-speed')) process.exit(0);
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
