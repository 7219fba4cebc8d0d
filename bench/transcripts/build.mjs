// Rebuilds the wide transcript set from the public repositories that hold it.
//
// Each person listed in people/<person>/meta.json committed Claude Code's
// transcript of their sessions as logs/chat.json (a stop hook copies the
// session's JSONL there as a JSON array, so every commit of the file holds the
// session as it stood then). This script reads every listed commit of that
// file, keeps the longest version of each session, and writes it back as
// Claude Code JSONL, one record a line, to people/<person>/sessions/<id>.jsonl.
// The sessions are not committed (they are other people's, most without a
// licence that would let us copy them); the notes about them are.
//
//   node bench/transcripts/build.mjs [--mirror DIR]
//
// Sources are read from a local mirror (DIR/<owner>+<name>/repo, a bare git
// directory; default ../.mirror beside the repo) when there is one, else from
// raw.githubusercontent.com at the listed commit.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const mirror = path.resolve(arg('--mirror') ?? path.join(here, '..', '..', '..', '.mirror'));

// Secrets must never reach disk, even in a folder git ignores.
const SECRETS = [
  /sk-ant-[A-Za-z0-9_-]{20,}/g,
  /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  // A key or password given in words or on a command line: the value goes, the words stay.
  /(?<=\b(?:api[ _-]?key|token|secret|password)\b["' :=]{0,3})[A-Za-z0-9][A-Za-z0-9_.+/-]{11,}/gi,
  /(?<=\bsshpass -p\s*\\?['"]?)[^\s'"\\]+/g,
];
export function redact(text) {
  return SECRETS.reduce((t, re) => t.replace(re, '[REDACTED]'), text);
}

async function versionOf(repo, file, commit) {
  const dir = path.join(mirror, repo.replace('/', '+'), 'repo');
  if (fs.existsSync(dir)) {
    try {
      return execFileSync('git', ['-C', dir, 'show', `${commit}:${file}`], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
    } catch {
      return undefined; // the file was deleted in that commit
    }
  }
  const res = await fetch(`https://raw.githubusercontent.com/${repo}/${commit}/${file}`);
  return res.ok ? await res.text() : undefined;
}

/** The records of one version: a JSON array (the hook's form) or JSONL. */
function recordsOf(text) {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return text.split('\n').flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    });
  }
}

const peopleDir = path.join(here, 'people');
let total = 0;
for (const person of fs.readdirSync(peopleDir).sort()) {
  const meta = JSON.parse(fs.readFileSync(path.join(peopleDir, person, 'meta.json'), 'utf8'));
  const best = new Map();
  for (const source of meta.sources) {
    for (const commit of source.commits) {
      const text = await versionOf(source.repo, source.path, commit);
      if (!text) continue;
      const bySession = new Map();
      for (const r of recordsOf(text)) {
        if (r && typeof r === 'object' && typeof r.sessionId === 'string') {
          if (!bySession.has(r.sessionId)) bySession.set(r.sessionId, []);
          bySession.get(r.sessionId).push(r);
        }
      }
      for (const [id, records] of bySession) {
        const had = best.get(id);
        // The longest version is the latest state of the session; ties keep the earlier commit.
        if (!had || records.length > had.records.length) best.set(id, { records, source: source.repo, commit });
      }
    }
  }
  const out = path.join(peopleDir, person, 'sessions');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const [id, s] of [...best].sort(([a], [b]) => (a < b ? -1 : 1))) {
    fs.writeFileSync(path.join(out, `${id}.jsonl`), redact(s.records.map((r) => JSON.stringify(r)).join('\n') + '\n'));
  }
  total += best.size;
  console.log(`${person}: ${best.size} session${best.size === 1 ? '' : 's'}`);
}
console.log(`${total} sessions`);
