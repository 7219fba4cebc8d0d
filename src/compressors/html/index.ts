export { htmlCompressor } from './html.js';
