#!/usr/bin/env node
// Writes the training (or evaluation) text as the model sees it, one JSON line
// per document: the units of its prose lines with their word ids, features and
// must-keep flags, computed by headroom's own code (dist/compressors/prose-ml),
// so that training and the compressor cannot disagree.
//   node scripts/prose-ml/dump-units.mjs train > units-train.jsonl   (npm READMEs, MIT)
//   node scripts/prose-ml/dump-units.mjs eval  > units-eval.jsonl    (bench/prose-ml and bench/prose-ml/fresh)
import fs from 'node:fs';
import path from 'node:path';
import { sequenceOf } from '../../dist/compressors/prose-ml/index.js';
import { trainingSources } from './sources.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const which = process.argv[2];
const docs =
  which === 'train'
    ? trainingSources(root).map((s) => ({ name: `${s.name}@${s.version}/${path.basename(s.file)}`, file: s.readme }))
    : which === 'eval'
      ? ['', 'fresh/'].flatMap((set) => evalDocs(set))
      : null;
/** The documents of one evaluation set (bench/prose-ml, then its fresh set), named by their folder under bench/prose-ml. */
function evalDocs(set) {
  const dir = path.join(root, 'bench/prose-ml', set);
  return fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'input.txt'))).sort().map((d) => ({ name: `${set}${d}`, file: path.join(dir, d, 'input.txt') }));
}
if (!docs) {
  console.error('usage: dump-units.mjs train|eval');
  process.exit(2);
}
for (const d of docs) {
  const text = fs.readFileSync(d.file, 'utf8');
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const seq = sequenceOf(lines);
  if (seq.ids.length < 50) continue;
  const units = [];
  const lineStart = [];
  for (const l of seq.lines) l.units.forEach((u, k) => { units.push(u.text); lineStart.push(k === 0 ? 1 : 0); });
  process.stdout.write(
    `${JSON.stringify({ name: d.name, units, lineStart, ids: Array.from(seq.ids, Number), feats: Array.from(seq.feats, (x) => Math.round(x * 1000) / 1000), droppable: Array.from(seq.droppable) })}\n`,
  );
}
