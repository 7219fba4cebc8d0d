export { searchCompressor } from './search.js';
