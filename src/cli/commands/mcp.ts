import fs from 'node:fs';
import { createRequire } from 'node:module';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../../mcp/server.js';
import type { Store } from '../../memory/types.js';
import { openConfiguredStore } from '../open-store.js';

export interface McpFlags {
  /** Set by `headroom wrap`: a line is added to this file per original handed back, for the session's summary. */
  readonly countRetrievals?: string;
}

/** The store, also noting each original found in `file` (0600): the session that started this server counts them. */
function countingTo(store: Store, file: string): Store {
  return {
    ...store,
    async recordRetrieval(event) {
      if (event.found) {
        try {
          fs.appendFileSync(file, `${event.id}\n`, { mode: 0o600 });
        } catch {
          // the session's folder is gone: nobody is left to count for
        }
      }
      return store.recordRetrieval(event);
    },
  };
}

/** `headroom mcp`: serves until the client closes stdin. */
export async function runMcp(flags: McpFlags = {}): Promise<void> {
  const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };
  const opened = await openConfiguredStore();
  const store = flags.countRetrievals ? countingTo(opened, flags.countRetrievals) : opened;
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
