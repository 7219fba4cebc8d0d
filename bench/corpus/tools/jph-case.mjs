#!/usr/bin/env node
// Writes one corpus case of the `jph` helper: copies the input byte for byte, picks its needles by
// README's rule (jph-needles.mjs) and writes meta.json.
//   node jph-case.mjs <type> <slug> <input-file> project=... format=... source=... license=... \
//        [command=...] [notes=...] [--lang=py] [--map=path] [--array=path] [--markdown=false]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { needlesFor } from './jph-needles.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [type, slug, input, ...rest] = process.argv.slice(2);
const meta = { type };
const opts = {};
for (const r of rest) {
  let m = /^--(\w+)=(.*)$/s.exec(r);
  if (m) {
    opts[m[1]] = m[2] === 'true' ? true : m[2] === 'false' ? false : m[2];
    continue;
  }
  m = /^(\w+)=(.*)$/s.exec(r);
  if (!m) throw new Error(`bad argument ${r}`);
  meta[m[1]] = m[2];
}
for (const k of ['project', 'format', 'source', 'license']) if (!meta[k]) throw new Error(`missing ${k}`);
const raw = fs.readFileSync(input);
if (raw.length > 300 * 1024) throw new Error(`${input} is ${raw.length} bytes`);
if (raw.length === 0) throw new Error(`${input} is empty`);
const { needles, notes } = needlesFor(type, raw.toString('utf8'), opts);
if (needles.length < 3) throw new Error(`${slug}: only ${needles.length} needles (${notes.join('; ')})`);
const text = raw.toString('utf8');
for (const n of needles) if (!text.includes(n) || n.includes('\n')) throw new Error(`bad needle ${n}`);
const dir = path.join(here, '..', type, slug);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'input.txt'), raw);
fs.writeFileSync(path.join(dir, 'needles.txt'), needles.map((n) => `${n}\n`).join(''));
const out = {
  type: meta.type,
  project: meta.project,
  format: meta.format,
  source: meta.source,
  ...(meta.command ? { command: meta.command } : {}),
  license: meta.license,
  notes: [meta.notes, `needles by tools/jph-needles.mjs (${type} rule${Object.keys(opts).length ? `, ${JSON.stringify(opts)}` : ''}): ${notes.join('; ')}`].filter(Boolean).join(' | '),
};
fs.writeFileSync(path.join(dir, 'meta.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`${type}/${slug}: ${raw.length} bytes, ${needles.length} needles`);
