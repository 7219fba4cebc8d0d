export { logsCompressor } from './logs.js';
export { LineSelection, dropOrder } from './select.js';
export { fineKey, frameDepths, labelOf } from './log-lines.js';
