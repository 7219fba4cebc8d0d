export { binaryCompressor } from './binary.js';
export { cutBlob } from './dumps.js';
