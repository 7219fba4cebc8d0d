export { diffCompressor } from './diff.js';
