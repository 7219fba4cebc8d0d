import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { McpCommand } from './types.js';

/**
 * `headroom mcp` as the agent should start it: this same installation, under
 * this same node. `countFile`: the server adds a line there per original it
 * hands back, so the session counts its own retrievals, not those of other
 * processes sharing the store. `who` credits memory saves to the agent and
 * session (a hash of the session marker, as `headroom memory add` run under
 * wrap computes it).
 */
export function mcpCommand(countFile?: string, who?: { readonly agent: string; readonly marker: string }): McpCommand {
  // dist/wrap/mcp-command.js -> bin/headroom
  const bin = fileURLToPath(new URL('../../bin/headroom', import.meta.url));
  const count = countFile ? ['--count-retrievals', countFile] : [];
  const credit = who ? ['--agent', who.agent, '--session', createHash('sha256').update(who.marker).digest('hex').slice(0, 12)] : [];
  return { command: process.execPath, args: [bin, 'mcp', ...count, ...credit] };
}
