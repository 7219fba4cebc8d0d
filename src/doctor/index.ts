// `headroom doctor`: is everything headroom needs in place, and if not, what to run.
export { renderDoctor } from './render.js';
export { type DoctorInput, type DoctorReport, runDoctor } from './run.js';
export type { Area, Finding, Status } from './types.js';
