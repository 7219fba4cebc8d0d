export { proseCompressor } from './prose.js';
export { condenseItems, condenseLines, itemsCost, readsAsDocument } from './condense.js';
export { type Item, itemsOf, markerFor, renderItems } from './items.js';
export { type Describer, type Selection, fit } from './select.js';
export { spread } from './plan.js';
export { DOCUMENT_SHARE, documentShare, proseScore } from './score.js';
