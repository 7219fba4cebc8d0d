export { Admission, type Ticket } from './load.js';
export { ChangedScopes } from './changed-scopes.js';
