import { fileURLToPath } from 'node:url';
import type { McpCommand } from './types.js';

/**
 * `headroom mcp` as the agent should start it: this same installation, under
 * this same node. `countFile`: the server adds a line there per original it
 * hands back, so the session counts its own retrievals, not those of other
 * processes sharing the store.
 */
export function mcpCommand(countFile?: string): McpCommand {
  // dist/wrap/mcp-command.js -> bin/headroom
  const bin = fileURLToPath(new URL('../../bin/headroom', import.meta.url));
  return { command: process.execPath, args: [bin, 'mcp', ...(countFile ? ['--count-retrievals', countFile] : [])] };
}
