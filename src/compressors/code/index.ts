export { codeCompressor } from './code.js';
export { detectLanguage } from './detect.js';
export { scoreCode } from './score.js';
export { normalizeLanguage } from './languages.js';
