// The HTTPS man-in-the-middle proxy `headroom wrap` uses for agents that have
// no base-URL setting (Cursor). Other folders import it through this file only.

export { type CaFiles, type CaOptions, ensureCa } from './ca.js';
export { type MitmOptions, type RunningMitm, startMitm } from './mitm-proxy.js';
export type { MitmHostStats, MitmStats } from './stats.js';
export type { Address, Resolve } from './upstream.js';
