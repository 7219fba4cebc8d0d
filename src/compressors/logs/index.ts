export { logsCompressor } from './logs.js';
export { LineSelection, dropOrder } from './select.js';
export { fineKey, frameDepths, httpStatusOf, labelOf } from './log-lines.js';
