#!/usr/bin/env node
// Evidence for the proxy's policy on file reads (issue 14, lever 4), from
// real sessions: for every read of a file, its size, whether the agent edits
// that file later in the session, whether it reads it again, and how many
// calls later. A read that is edited later is one whose exact text the agent
// may build an edit from; a read that is read again was superseded.
//
//   npm run build && node scripts/reads-evidence.mjs PATH... [--json]
//
// PATH: transcript files or folders (any agent `headroom savings` reads).
import process from 'node:process';
import { findSources, readSources } from '../dist/learn/discover.js';
import { withOutputLimit } from '../dist/learn/transcripts/transcript-io.js';
import { estimateTokens } from '../dist/compressors/tokens.js';

const READS = new Set(['Read', 'read', 'read_file', 'read_many_files', 'view', 'NotebookRead']);
const EDITS = new Set(['Edit', 'MultiEdit', 'Write', 'edit', 'write', 'write_file', 'replace', 'edit_file', 'create', 'str_replace', 'NotebookEdit']);
const BUCKETS = [
  ['under 1K', 1_000],
  ['1K-5K', 5_000],
  ['5K-20K', 20_000],
  ['20K-40K', 40_000],
  ['40K and over', Infinity],
];

const args = process.argv.slice(2);
const json = args.includes('--json');
const paths = args.filter((a) => a !== '--json');
if (paths.length === 0) {
  process.stderr.write('usage: node scripts/reads-evidence.mjs PATH... [--json]\n');
  process.exitCode = 2;
} else {
  const sessions = [];
  for (const from of paths) {
    const sources = findSources({ agent: 'auto', all: true, from, cwd: process.cwd(), home: process.env.HOME ?? '', env: process.env });
    const scan = await withOutputLimit(Number.MAX_SAFE_INTEGER, () => readSources(sources, { cwd: process.cwd(), all: true }));
    sessions.push(...scan.sessions);
  }

  const reads = [];
  for (const s of sessions) {
    const calls = s.steps.filter((x) => x.kind === 'call');
    const results = new Map(s.steps.filter((x) => x.kind === 'result').map((r) => [r.id, r]));
    calls.forEach((c, i) => {
      if (!READS.has(c.tool) || !c.path) return;
      const r = results.get(c.id);
      if (!r || r.isError) return;
      let editedAfter = -1;
      let readAgainAfter = -1;
      for (let j = i + 1; j < calls.length; j++) {
        const d = calls[j];
        if (d.path !== c.path) continue;
        if (editedAfter < 0 && EDITS.has(d.tool)) editedAfter = j - i;
        if (readAgainAfter < 0 && READS.has(d.tool)) readAgainAfter = j - i;
      }
      reads.push({ session: s.id, agent: s.agent, tokens: estimateTokens(r.output), editedAfter, readAgainAfter, editedBeforeReadAgain: editedAfter > 0 && (readAgainAfter < 0 || editedAfter < readAgainAfter) });
    });
  }

  const rows = BUCKETS.map(([name, max], k) => {
    const min = k === 0 ? 0 : BUCKETS[k - 1][1];
    const inBucket = reads.filter((r) => r.tokens >= min && r.tokens < max);
    const tokens = inBucket.reduce((a, r) => a + r.tokens, 0);
    const edited = inBucket.filter((r) => r.editedAfter > 0);
    const editedFirst = inBucket.filter((r) => r.editedBeforeReadAgain);
    const again = inBucket.filter((r) => r.readAgainAfter > 0);
    return {
      size: name,
      reads: inBucket.length,
      tokens,
      editedLater: edited.length,
      editedBeforeReadAgain: editedFirst.length,
      tokensEditedBeforeReadAgain: editedFirst.reduce((a, r) => a + r.tokens, 0),
      readAgain: again.length,
    };
  });
  const total = reads.reduce((a, r) => a + r.tokens, 0);
  const summary = { sessions: sessions.length, agents: [...new Set(sessions.map((s) => s.agent))], reads: reads.length, tokens: total, rows };
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');
    console.log(`${summary.sessions} sessions (${summary.agents.join(', ')}), ${reads.length} reads of ${total.toLocaleString('en-US')} estimated tokens\n`);
    console.log('| read size (tokens) | reads | share of read tokens | edited later | edited before any re-read | read again later |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(`| ${r.size} | ${r.reads} | ${pct(r.tokens, total)} | ${pct(r.editedLater, r.reads)} | ${pct(r.editedBeforeReadAgain, r.reads)} | ${pct(r.readAgain, r.reads)} |`);
    }
  }
}
