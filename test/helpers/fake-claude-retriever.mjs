#!/usr/bin/env node
// Stands in for Claude Code on PATH in the wrap summary test: it takes the MCP
// server the session registered (--mcp-config), asks it for originals as a
// model would, and has another process of the same user retrieve one too,
// through the same store, while the session runs.
import { execFileSync } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const args = process.argv.slice(2);
const config = JSON.parse(args[args.indexOf('--mcp-config') + 1]);
const server = config.mcpServers.headroom;
const id = process.env.HR_TEST_ID;

// Someone else on the same store: not this session's retrieval.
execFileSync(process.execPath, [process.env.HR_TEST_BIN, 'retrieve', id], { stdio: 'ignore' });

const client = new Client({ name: 'fake-claude', version: '0' });
await client.connect(new StdioClientTransport({ command: server.command, args: server.args, env: process.env }));
for (const wanted of [id, id, 'hr_aaaaaaaaaaaa']) await client.callTool({ name: 'headroom_retrieve', arguments: { id: wanted } });
await client.close();
process.stdout.write('retrieved\n');
