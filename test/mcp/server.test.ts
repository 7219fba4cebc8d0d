import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_AVAILABLE } from '../../src/memory/types.js';
import { BIN, isolatedEnv } from '../helpers/cli.js';
import { corpusCase } from '../helpers/corpus.js';

// The real server (`headroom mcp`) in a child process, driven by the SDK's own client over stdio.

type TextResult = { content: Array<{ type: string; text?: string }>; isError?: boolean };
const textOf = (r: unknown) => ((r as TextResult).content[0]?.text ?? '') as string;

describe('headroom mcp', () => {
  const client = new Client({ name: 'headroom-test', version: '0.0.0' });
  const env = isolatedEnv();

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp'],
      env: { ...(process.env as Record<string, string>), ...env },
      stderr: 'pipe',
    });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client.close();
  });

  it('lists its tools with schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['headroom_compress', 'headroom_memory_list', 'headroom_memory_save', 'headroom_memory_search', 'headroom_retrieve', 'headroom_stats']);
    const retrieveTool = tools.find((t) => t.name === 'headroom_retrieve')!;
    expect(Object.keys(retrieveTool.inputSchema.properties ?? {}).sort()).toEqual(['grep', 'id', 'lines']);
  });

  it('compresses, then gives the original back whole, by lines and by grep', async () => {
    const k = corpusCase('logs/loghub-zookeeper');
    const compressed = textOf(await client.callTool({ name: 'headroom_compress', arguments: { content: k.input } }));
    const id = /retrieve id=(hr_[a-z0-9]{12})\]/.exec(compressed)?.[1];
    expect(id).toBeDefined();
    expect(compressed.length).toBeLessThan(k.input.length / 5);

    expect(textOf(await client.callTool({ name: 'headroom_retrieve', arguments: { id } }))).toBe(k.input);
    // As pasted from the marker, bracket and all: the same original.
    expect(textOf(await client.callTool({ name: 'headroom_retrieve', arguments: { id: `retrieve id=${id}]` } }))).toBe(k.input);
    const lines = textOf(await client.callTool({ name: 'headroom_retrieve', arguments: { id, lines: '1-2' } }));
    expect(lines).toBe(`${k.input.split('\n').slice(0, 2).join('\n')}\n`);
    const grep = textOf(await client.callTool({ name: 'headroom_retrieve', arguments: { id, grep: 'GOODBYE' } }));
    expect(grep).toMatch(/^\d+:.*GOODBYE/);
  });

  it('answers an unknown id with a final error, not a crash', async () => {
    const r = (await client.callTool({ name: 'headroom_retrieve', arguments: { id: 'hr_aaaaaaaaaaaa' } })) as TextResult;
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain(NOT_AVAILABLE);
    const bad = (await client.callTool({ name: 'headroom_retrieve', arguments: { id: 'hr_aaaaaaaaaaaa', grep: '(a+)+' } })) as TextResult;
    expect(bad.isError).toBe(true);
  });

  it('reports stats', async () => {
    const stats = JSON.parse(textOf(await client.callTool({ name: 'headroom_stats', arguments: {} }))) as {
      rows: Array<{ compressor: string; retrievals: number }>;
      misses: number;
    };
    expect(stats.rows.find((r) => r.compressor === 'log-template-dedup')?.retrievals).toBe(4); // the four retrieve calls above, one as pasted from the marker
    expect(stats.misses).toBeGreaterThanOrEqual(1);
  });
});
