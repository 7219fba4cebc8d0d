// What `headroom wrap` uses to make sure nothing of a session outlives it:
// the guardian process, the session record, and the ending of a session's
// processes (by the guardian when wrap dies, by wrap at its end, and by the
// next wrap for a session whose guardian died too).

export { type EndOptions, type SessionProcesses, endSessionProcesses, findSessionProcesses } from './end-session.js';
export { type Guardian, type GuardianOptions, startGuardian } from './start.js';
export { listeningFd } from './listening-fd.js';
export { type ProcId, isRunning, procInfo, selfId } from './proc.js';
export { SESSION_VAR, type SessionRecord, readRecord, writeRecord } from './record.js';
