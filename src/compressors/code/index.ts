export { codeCompressor } from './code.js';
export { detectLanguage, scoreCode } from './detect.js';
export { normalizeLanguage } from './languages.js';
