#!/usr/bin/env node
// Checks the wide corpus against README's rules and prints its counts.
//   node bench/corpus/check.mjs [DIR]
// Exit status: 0 when every case passes, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { half } from './split.mjs';

const root = path.resolve(process.argv[2] ?? path.dirname(fileURLToPath(import.meta.url)));
const TYPES = new Set(['test', 'build', 'log', 'search', 'json', 'code', 'html', 'diff', 'listing', 'table', 'prose', 'binary']);
const MAX_BYTES = 300 * 1024;
const MAX_TOTAL = 30 * 1024 * 1024;

function* cases(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === 'input.txt')) {
    yield dir;
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) if (e.isDirectory()) yield* cases(path.join(dir, e.name));
}

const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
let bad = 0;
let total = 0;
let bytes = 0;
let needleCount = 0;
const byType = new Map();
const byProject = new Map();
const byFormat = new Map();
const byHalf = new Map();
const typeHalf = new Map();
for (const dir of cases(root)) {
  total++;
  const rel = path.relative(root, dir);
  const problems = [];
  const raw = fs.readFileSync(path.join(dir, 'input.txt'));
  const input = raw.toString('utf8');
  bytes += raw.length;
  if (raw.length > MAX_BYTES) problems.push(`input.txt is ${raw.length} bytes (limit ${MAX_BYTES})`);
  let needles = [];
  try {
    needles = fs.readFileSync(path.join(dir, 'needles.txt'), 'utf8').split('\n').filter((l) => l.length > 0);
  } catch {
    problems.push('needles.txt missing');
  }
  needleCount += needles.length;
  if (needles.length < 3 || needles.length > 15) problems.push(`${needles.length} needles (want 3-15)`);
  for (const n of needles) {
    if (!input.includes(n)) problems.push(`needle not in input: ${JSON.stringify(n.slice(0, 120))}`);
    else if (n.length < 8) problems.push(`needle under 8 characters: ${JSON.stringify(n)}`);
  }
  let meta = {};
  try {
    meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
  } catch (e) {
    problems.push(`meta.json: ${e.message}`);
  }
  for (const k of ['type', 'project', 'format', 'source', 'license']) if (!meta[k]) problems.push(`meta.json lacks "${k}"`);
  if (meta.type && !TYPES.has(meta.type)) problems.push(`meta.json type ${JSON.stringify(meta.type)} is not a content type`);
  if (meta.type && rel.split(path.sep)[0] !== meta.type) problems.push(`case sits under ${rel.split(path.sep)[0]}/ but its type is ${meta.type}`);
  if (meta.project) {
    count(byProject, meta.project);
    const h = half(meta.project);
    count(byHalf, h);
    count(typeHalf, `${meta.type} ${h}`);
  }
  if (meta.format) count(byFormat, meta.format);
  if (meta.type) count(byType, meta.type);
  if (problems.length) {
    bad++;
    console.log(`FAIL ${rel}`);
    for (const p of problems) console.log(`  - ${p}`);
  }
}
if (bytes > MAX_TOTAL) {
  bad++;
  console.log(`FAIL corpus is ${(bytes / 1048576).toFixed(1)} MB (limit 30 MB)`);
}
const show = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
console.log(`by type: ${show(byType)}`);
console.log(`by type and half: ${[...typeHalf].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`by half: ${show(byHalf)}`);
console.log(`${byProject.size} projects, ${byFormat.size} formats`);
console.log(`${total} cases, ${needleCount} needles, ${(bytes / 1048576).toFixed(2)} MB of input`);
console.log(`${total - bad} passed, ${bad} failed`);
process.exit(bad || total === 0 ? 1 : 0);
