export { binaryCompressor } from './binary.js';
export { ANNOUNCED_BLOB_CHARS, cutBlob } from './dumps.js';
