#!/usr/bin/env node
// tb helper: writes the tb cases (test and build types) into bench/corpus/<type>/<slug>/ from the raw
// tool outputs that tb-gen-*.sh left in /tmp/tb/out/, picking needles with tb-needles.mjs.
//   node tb-build.mjs [--only slug,...] [--dry]
// input.txt is copied byte for byte; needles.txt and meta.json are written from the case tables.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testNeedles, buildNeedles } from './tb-needles.mjs';
import { cases as testCases } from './tb-cases-test.mjs';
import { cases as buildCases } from './tb-cases-build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '..');
const OUT = process.env.TB_OUT ?? '/tmp/tb/out';
const args = process.argv.slice(2);
const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1].split(',')) : null;
const dry = args.includes('--dry');

/** go test -json: needles are picked on the decoded Output text, then written JSON-escaped. */
function jsonLinesText(raw) {
  return raw
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      try {
        return JSON.parse(l).Output ?? '';
      } catch {
        return '';
      }
    })
    .join('');
}

let problems = 0;
for (const c of [...testCases, ...buildCases]) {
  if (only && !only.has(c.slug)) continue;
  const src = path.join(OUT, c.out);
  if (!fs.existsSync(src)) {
    console.log(`MISSING ${c.slug}: ${src}`);
    problems++;
    continue;
  }
  const raw = fs.readFileSync(src);
  const text = raw.toString('utf8');
  const pick = c.type === 'test' ? testNeedles : buildNeedles;
  let needles;
  if (c.jsonLines) {
    needles = pick(jsonLinesText(text), c.rule).map((n) => JSON.stringify(n).slice(1, -1));
  } else needles = pick(text, c.rule);
  needles = needles.filter((n) => text.includes(n) && n.length >= 8);
  const dir = path.join(corpus, c.type, c.slug);
  const meta = { type: c.type, project: c.project, format: c.format, source: c.source, command: c.command, license: c.license };
  if (c.notes) meta.notes = c.notes;
  console.log(`\n== ${c.type}/${c.slug} (${raw.length} bytes, ${needles.length} needles)`);
  for (const n of needles) console.log(`   ${n.length > 150 ? n.slice(0, 150) + '…' : n}`);
  if (needles.length < 3) {
    console.log('   !! fewer than 3 needles');
    problems++;
  }
  if (dry) continue;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'input.txt'), raw);
  fs.writeFileSync(path.join(dir, 'needles.txt'), needles.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
}
process.exit(problems ? 1 : 0);
