// `headroom init`: shell aliases for the agents headroom wraps.
export { type AgentAlias, SHELLS, type Shell, isShell, shellCode } from './shell-code.js';
export { headroomCommand } from './headroom-command.js';
