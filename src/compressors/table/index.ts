export { tableCompressor } from './table.js';
