import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { McpCommand } from './types.js';

/**
 * `headroom mcp` as the agent should start it: this same installation, under
 * this same node. `who` credits memory saves to the agent and session (a hash
 * of the session marker, as `headroom memory add` run under wrap computes it).
 */
export function mcpCommand(who?: { readonly agent: string; readonly marker: string }): McpCommand {
  // dist/wrap/mcp-command.js -> bin/headroom
  const bin = fileURLToPath(new URL('../../bin/headroom', import.meta.url));
  const credit = who ? ['--agent', who.agent, '--session', createHash('sha256').update(who.marker).digest('hex').slice(0, 12)] : [];
  return { command: process.execPath, args: [bin, 'mcp', ...credit] };
}
