import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { compress } from '../compressors/index.js';
import { RetrieveUsageError, retrieve } from '../memory/retrieve.js';
import type { Store } from '../memory/types.js';
import { type MemoryContext, registerMemoryTools } from './memory-tools.js';

// headroom's MCP server: lets an agent fetch back what a marker left out, and
// compress or measure on demand. Tools answer with text; problems come back as
// tool errors (isError) with a message the model can act on, never as a crash.

type ToolResult = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };

const text = (t: string): ToolResult => ({ content: [{ type: 'text', text: t }] });
const failure = (t: string): ToolResult => ({ content: [{ type: 'text', text: t }], isError: true });

/** The server, with its three tools bound to one store, and the memory tools when given a memory. */
export function createMcpServer(store: Store, version: string, memory?: MemoryContext): McpServer {
  const server = new McpServer({ name: 'headroom', version });

  server.registerTool(
    'headroom_retrieve',
    {
      title: 'Retrieve omitted content',
      description:
        'Get back content that headroom omitted from a tool output. Its first marker, such as ' +
        '"[headroom: 120 lines omitted (...); retrieve id=hr_k3m9x2p7q4ab]", names the id of the whole original. ' +
        'Returns the whole original, or only lines A-B, or only the lines matching a regular expression (with line numbers).',
      inputSchema: {
        id: z.string().describe('the id from the marker, like hr_k3m9x2p7q4ab'),
        lines: z.string().optional().describe('1-based line range "A-B", "A" or "A-"'),
        grep: z.string().max(1000).optional().describe('regular expression; only matching lines are returned'),
      },
    },
    async ({ id, lines, grep }) => {
      try {
        const r = await retrieve(store, id, { lines, grep });
        if (!r.found) return failure(r.message);
        const body = Buffer.from(r.bytes).toString('utf8');
        return text(r.note ? `${body}[${r.note}]` : body);
      } catch (err) {
        if (err instanceof RetrieveUsageError) return failure(err.message);
        return failure(`the store could not be read: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  );

  server.registerTool(
    'headroom_compress',
    {
      title: 'Compress text',
      description:
        'Compress a large tool output (logs, test output, JSON, code, grep hits, diffs, HTML, listings) into far fewer tokens. ' +
        'What is omitted stays retrievable with headroom_retrieve.',
      inputSchema: { content: z.string().describe('the text to compress') },
    },
    async ({ content }) => {
      try {
        const r = await compress(content, { store, tool: 'mcp', tokens: 'estimate' });
        return text(r.text);
      } catch (err) {
        return failure(`compression failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  );

  server.registerTool(
    'headroom_stats',
    {
      title: 'Compression stats',
      description: 'Tokens saved by content type, and how often each compressor\'s omissions were retrieved.',
      inputSchema: {},
    },
    async () => text(JSON.stringify({ store: store.location, ...(await store.stats()) })),
  );

  if (memory) registerMemoryTools(server, memory);
  return server;
}
