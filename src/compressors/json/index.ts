export { jsonCompressor } from './json.js';
