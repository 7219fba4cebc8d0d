export { proseCompressor } from './prose.js';
export { condenseItems, condenseLines, itemsCost } from './condense.js';
export { type Item, itemsOf, markerFor } from './items.js';
