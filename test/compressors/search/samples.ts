import { half } from '../../../bench/corpus/split.mjs';
import { type CorpusCase, FIXTURES_ROOT, corpusCase, corpusCases, projectOf } from '../../helpers/corpus.js';

// The real search outputs the search tests run on: the tuning half of
// ../shared/corpus/grep (the checking half is for reporting only) and
// test/fixtures/search (real searches run here, and tuning-half cases of
// bench/corpus copied in).

export const fixture = (name: string): CorpusCase => corpusCase(`search/${name}`, FIXTURES_ROOT);

export const sharedTuning = (): CorpusCase[] => corpusCases('grep').filter((k) => half(projectOf(k)) === 'tuning');

export const searchSamples = (): CorpusCase[] => [...sharedTuning(), ...corpusCases('search', FIXTURES_ROOT)];
