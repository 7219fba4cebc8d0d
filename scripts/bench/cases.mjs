// Reads the two needle corpora the bench reports on, each case with its kind,
// its project and the half of the split it belongs to.
import fs from 'node:fs';
import path from 'node:path';
import { half, projectOf } from '../../bench/corpus/split.mjs';

function* caseDirs(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === 'input.txt')) {
    yield dir;
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) if (e.isDirectory()) yield* caseDirs(path.join(dir, e.name));
}

// The shared corpus groups cases by folder; its logs folder mixes logs, builds
// and test runs, so only the other folders name a router label.
const SHARED_LABELS = { code: 'code', diffs: 'diff', grep: 'search', html: 'html', json: 'json', listings: 'listing', transcripts: 'json' };


/** Every case of a corpus: {corpus, id, kind, label, project, half, input, needles, meta}. */
export function readCorpus(name, root) {
  if (!fs.existsSync(root)) return [];
  const cases = [];
  for (const dir of caseDirs(root)) {
    const rel = path.relative(root, dir);
    if (!fs.existsSync(path.join(dir, 'needles.txt'))) continue; // a case still being made
    const top = rel.split(path.sep)[0];
    let meta = {};
    try {
      meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    } catch {
      // a case without meta still counts, under its folder's name
    }
    const wide = name === 'wide';
    const project = projectOf(meta, rel);
    const label = wide ? meta.type : SHARED_LABELS[top];
    cases.push({
      corpus: name,
      id: rel,
      kind: wide ? meta.type ?? top : top,
      label,
      project,
      half: half(project),
      format: meta.format,
      inputBytes: fs.readFileSync(path.join(dir, 'input.txt')),
      needles: fs.readFileSync(path.join(dir, 'needles.txt'), 'utf8').split('\n').filter(Boolean),
    });
  }
  return cases;
}
