export { binaryCompressor } from './binary.js';
