// The training text: Markdown files (READMEs and docs, not changelogs) of the
// npm packages installed in node_modules (nested ones too) whose package.json says "license": "MIT" (a licence that lets
// us learn from and ship what is learnt), minus every package the benchmark
// corpora hold (bench/corpus, ../shared/corpus), so that no benchmark
// document is training text. The list is written next to the model.
import fs from 'node:fs';
import path from 'node:path';

const MIN_BYTES = 2000;
const MAX_BYTES = 200_000;
/** No one package's docs outweigh the rest. */
const MAX_PER_PACKAGE = 400_000;

/** Packages named by a corpus case's meta.json ("project": "npm:name"). */
function corpusPackages(root) {
  const names = new Set();
  for (const base of [path.join(root, 'bench/corpus'), path.join(root, '../shared/corpus')]) {
    if (!fs.existsSync(base)) continue;
    for (const type of fs.readdirSync(base)) {
      const dir = path.join(base, type);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const c of fs.readdirSync(dir)) {
        const meta = path.join(dir, c, 'meta.json');
        if (!fs.existsSync(meta)) continue;
        const text = fs.readFileSync(meta, 'utf8');
        for (const m of text.matchAll(/npm:(@?[\w.-]+(?:\/[\w.-]+)?)/g)) names.add(m[1]);
        for (const m of text.matchAll(/"source":\s*"(@?[\w.-]+(?:\/[\w.-]+)?)@/g)) names.add(m[1]);
      }
    }
  }
  return names;
}

/** Every package folder under node_modules, nested ones included, in a fixed order. */
function packageDirs(nm, out = []) {
  if (!fs.existsSync(nm)) return out;
  for (const e of fs.readdirSync(nm).sort()) {
    if (e.startsWith('.')) continue;
    const scoped = e.startsWith('@') ? fs.readdirSync(path.join(nm, e)).sort().map((s) => path.join(nm, e, s)) : [path.join(nm, e)];
    for (const dir of scoped) {
      out.push(dir);
      packageDirs(path.join(dir, 'node_modules'), out);
    }
  }
  return out;
}

/** Markdown files of a package (README and docs, not changelogs), outside its own node_modules. */
function markdownOf(dir, depth = 0, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth < 3) markdownOf(p, depth + 1, out);
    else if (e.isFile() && /\.md$/i.test(e.name) && !/^(?:changelog|history|changes|license|licence|releases?)\b/i.test(e.name)) out.push(p);
  }
  return out;
}

/** One entry per package name (the first found), with its Markdown files. */
export function trainingSources(root) {
  const skip = corpusPackages(root);
  const seen = new Set();
  const out = [];
  for (const dir of packageDirs(path.join(root, 'node_modules'))) {
    let pkg;
    try {
      pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (pkg.license !== 'MIT' || skip.has(pkg.name) || seen.has(pkg.name)) continue;
    seen.add(pkg.name);
    let total = 0;
    for (const file of markdownOf(dir)) {
      const size = fs.statSync(file).size;
      if (size < MIN_BYTES || size > MAX_BYTES || total + size > MAX_PER_PACKAGE) continue;
      total += size;
      out.push({ name: pkg.name, version: pkg.version, file: path.relative(root, file), readme: file });
    }
  }
  return out;
}
