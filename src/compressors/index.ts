// Public surface of the compression engine.
export { compress, defaultBudget, DEFAULTS } from './engine.js';
export type { CompressOptions, CompressResult, PassReason, Refusal } from './engine.js';
export { LOSSY_FROM } from './engine.js';
export { COMPRESSORS, compressorFor } from './registry.js';
export { route } from './router.js';
export { makeProbe } from './probe.js';
export { segment } from './segment.js';
export { countTokens, estimateTokens, loadTokenizer } from './tokens.js';
export { formatMarker, hasMarker, MARKER_PREFIX } from './marker.js';
export { CONTENT_TYPES, isContentType } from './types.js';
export type { Compressed, CompressContext, Compressor, ContentType, Elision, Probe } from './types.js';
export { languageFromPath } from './file-hints.js';
