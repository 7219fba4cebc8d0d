export { MIN_CHARS, proseMlCompressor, proseMlEnabled, prune, type Scored } from './prose-ml.js';
export { keptLines } from './keep.js';
export { BUCKETS, FEATURES, type Sequence, sequenceOf, wordId } from './features.js';
export { type Manifest, type ModelState, load as loadModelFrom, loadModel, modelDir } from './model.js';
