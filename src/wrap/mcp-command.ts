import { fileURLToPath } from 'node:url';
import type { McpCommand } from './types.js';

/** `headroom mcp` as the agent should start it: this same installation, under this same node. */
export function mcpCommand(): McpCommand {
  // dist/wrap/mcp-command.js -> bin/headroom
  const bin = fileURLToPath(new URL('../../bin/headroom', import.meta.url));
  return { command: process.execPath, args: [bin, 'mcp'] };
}
