import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { half as halfOf, projectOf as projectFrom } from '../../bench/corpus/split.mjs';
import { needleMatcher } from '../../bench/corpus/needles.mjs';

// Reads cases of the shared needle corpus (../shared/corpus beside the repo)
// and of test/fixtures, both in the <type>/<case>/{input.txt,needles.txt} shape.

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
export const CORPUS_ROOT = process.env.HEADROOM_CORPUS ?? path.resolve(REPO_ROOT, '..', 'shared', 'corpus');
export const FIXTURES_ROOT = path.join(REPO_ROOT, 'test', 'fixtures');

export interface CorpusCase {
  /** '<type>/<case>' */
  readonly id: string;
  /** The corpus folder the case sits in. */
  readonly root: string;
  readonly type: string;
  readonly name: string;
  readonly input: string;
  readonly needles: readonly string[];
}

function readCase(root: string, type: string, name: string): CorpusCase {
  const dir = path.join(root, type, name);
  const input = fs.readFileSync(path.join(dir, 'input.txt'), 'utf8');
  const needlesFile = path.join(dir, 'needles.txt');
  const needles = fs.existsSync(needlesFile)
    ? fs.readFileSync(needlesFile, 'utf8').split('\n').filter((l) => l.length > 0)
    : [];
  return { id: `${type}/${name}`, root, type, name, input, needles };
}

/** All cases of one corpus type ('logs', 'json', 'transcripts/claude-code', ...). */
export function corpusCases(type: string, root = CORPUS_ROOT): CorpusCase[] {
  const dir = path.join(root, type);
  if (!fs.existsSync(dir)) throw new Error(`corpus folder missing: ${dir} (expected ../shared/corpus beside the repo)`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'input.txt')))
    .map((e) => e.name)
    .sort()
    .map((name) => readCase(root, type, name));
}

/** One case by id, e.g. corpusCase('logs/pytest-requests-failures'). */
export function corpusCase(id: string, root = CORPUS_ROOT): CorpusCase {
  const [type, name] = [path.dirname(id), path.basename(id)];
  return readCase(root, type, name);
}

/** Needles of a case that the text lacks. */
export function missingNeedles(text: string, needles: readonly string[]): string[] {
  const keeps = needleMatcher(text);
  return needles.filter((n) => !keeps(n));
}

/** The wide corpus (bench/corpus) beside the shared one. */
export const WIDE_ROOT = path.join(REPO_ROOT, 'bench', 'corpus');

/** Every case under a corpus root, at any depth ('<type>/<case>' ids, or deeper for transcripts). */
export function allCases(root: string): CorpusCase[] {
  const out: CorpusCase[] = [];
  const walk = (dir: string, rel: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === 'input.txt') && fs.existsSync(path.join(dir, 'needles.txt'))) {
      out.push(readCase(root, path.dirname(rel), path.basename(rel)));
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) if (e.isDirectory()) walk(path.join(dir, e.name), rel ? `${rel}/${e.name}` : e.name);
  };
  if (fs.existsSync(root)) walk(root, '');
  return out;
}

/** The project a case comes from, for the split (bench/corpus/split.mjs). */
export function projectOf(k: CorpusCase): string {
  let meta: { project?: string; source?: string } = {};
  try {
    meta = JSON.parse(fs.readFileSync(path.join(k.root, k.id, 'meta.json'), 'utf8')) as typeof meta;
  } catch {
    // no meta: the case's own id stands for its project
  }
  return projectFrom(meta, k.id);
}

/** The tuning-half cases of the wide corpus of one type (`log`, `test`, ...): samples compressors may be shaped on. */
export function tuningCases(type: string): CorpusCase[] {
  return allCases(WIDE_ROOT).filter((k) => k.type === type && halfOf(projectOf(k)) === 'tuning');
}
