// Back off where compression hurts (issue 14, lever 5): the signals read from
// a request, and the ledger in the store that turns them into back-offs.

export { type CallKind, type CallShape, callShape, commandPattern, isRetrievalTool } from './call-shape.js';
export { type Signal, type SignalReason, type SentOutput, WINDOW, findSignals } from './signals.js';
export { type BackoffEntry, BackoffLedger, listBackoffs, resetBackoffs } from './ledger.js';
export { type LiveRetrievals, liveRetrievals, recordSignals, shapesOf } from './request.js';
