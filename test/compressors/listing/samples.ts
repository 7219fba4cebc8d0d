import { half } from '../../../bench/corpus/split.mjs';
import { type CorpusCase, FIXTURES_ROOT, corpusCase, corpusCases, projectOf } from '../../helpers/corpus.js';

// The real listings the listing tests run on: the tuning half of
// ../shared/corpus/listings (the checking half is for reporting only) and
// test/fixtures/listing (real commands run here, and tuning-half cases of
// bench/corpus copied in).

/** A fixture by name. */
export const fixture = (name: string): CorpusCase => corpusCase(`listing/${name}`, FIXTURES_ROOT);

/**
 * Cases whose needles the compressor keeps at the engine's budget.
 * npm-ls-all-headroom is left out of the needle check: its needles (picked by
 * bench/corpus/tools/dl-needles.mjs) take every package of an `npm ls --all`
 * tree as first level, evenly spaced, which only keeping the whole tree
 * satisfies; formats.test.ts checks that tree's own first level instead.
 */
export function listingSamples(): CorpusCase[] {
  const shared = corpusCases('listings').filter((k) => half(projectOf(k)) === 'tuning');
  const fixtures = corpusCases('listing', FIXTURES_ROOT).filter((k) => k.name !== 'npm-ls-all-headroom');
  return [...shared, ...fixtures];
}
