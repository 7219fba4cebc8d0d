// headroom learn's interactive side: the screen where a person approves each
// proposed change, and the progress shown while transcripts are scanned.

export { ApprovalScreen, type ApprovalScreenProps } from './approval-screen.js';
export type { ApprovalResult, Rebuild } from './approval-state.js';
export { runApproval, type RunApprovalOptions } from './run-approval.js';
export { MIN_PROGRESS_TOTAL, Progress, type ProgressHandle, type ProgressOptions, type ProgressProps, startProgress } from './progress.js';
