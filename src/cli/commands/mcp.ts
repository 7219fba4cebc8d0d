import { createRequire } from 'node:module';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../../mcp/server.js';
import { openConfiguredStore } from '../open-store.js';

/** `headroom mcp`: serves until the client closes stdin. */
export async function runMcp(): Promise<void> {
  const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };
  const store = await openConfiguredStore();
  const server = createMcpServer(store, version);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await server.connect(transport);
  await closed;
  await server.close();
  await store.close();
}
