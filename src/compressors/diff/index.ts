export { diffCompressor } from './diff.js';
// For the segmenter: a diff is one part, whatever it holds.
export { startsAsDiff } from './score.js';
// Shared with the code outline, which drops runs of lines the same way.
export { keepAlignable } from './alignable.js';
