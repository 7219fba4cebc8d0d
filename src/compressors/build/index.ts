export { buildOutputCompressor } from './build-output.js';
export { anyOf } from './rules.js';
