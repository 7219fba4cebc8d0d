import fs from 'node:fs';
import { createRequire } from 'node:module';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../../mcp/server.js';
import type { Store } from '../../memory/types.js';
import { configuredOrExplain, openConfiguredStore } from '../open-store.js';
import { checkAgentName, cliSession } from './memory.js';

export interface McpFlags {
  /** Set by `headroom wrap`: a line is added to this file per original handed back, for the session's summary. */
  readonly countRetrievals?: string;
  /** Set by `headroom wrap`: the agent and session that memory saves are credited to. */
  readonly agent?: string;
  readonly session?: string;
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
  const config = configuredOrExplain();
  const { openFactStore, projectScope } = await import('../../facts/index.js');
  let facts: Promise<import('../../facts/index.js').FactStore> | undefined;
  const server = createMcpServer(store, version, {
    open: () => (facts = openFactStore({ store: config.store, dataDir: config.dataDir })),
    project: projectScope(process.cwd()),
    agent: checkAgentName(flags.agent ?? 'mcp'),
    session: flags.session && /^[\w-]{1,64}$/.test(flags.session) ? flags.session : cliSession(),
  });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await server.connect(transport);
  await closed;
  await server.close();
  await store.close();
  await (await facts?.catch(() => undefined))?.close();
}
