import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, isolatedEnv } from '../helpers/cli.js';

// `headroom mcp`'s memory tools in a real server process (as wrap starts it,
// with --agent and --session), driven by the SDK's client over stdio, on a real SQLite file.

type TextResult = { content: Array<{ type: string; text?: string }>; isError?: boolean };
const textOf = (r: unknown) => ((r as TextResult).content[0]?.text ?? '') as string;

describe('headroom mcp memory tools', () => {
  const env = isolatedEnv();
  const project = path.join(env.HOME!, 'project');
  const client = new Client({ name: 'memory-test', version: '0.0.0' });

  beforeAll(async () => {
    fs.mkdirSync(project);
    execFileSync('git', ['init', '-q'], { cwd: project });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--agent', 'gemini', '--session', 'sess1'], cwd: project, env: { ...(process.env as Record<string, string>), ...env }, stderr: 'pipe' }),
    );
  });
  afterAll(async () => {
    await client.close();
    fs.rmSync(env.HOME!, { recursive: true, force: true });
  });

  it('describes when to use each tool', async () => {
    const { tools } = await client.listTools();
    const save = tools.find((t) => t.name === 'headroom_memory_save')!;
    expect(save.description).toMatch(/Use it when/);
    expect(save.description).toMatch(/[Nn]ever save secrets/);
    expect(tools.find((t) => t.name === 'headroom_memory_search')!.description).toMatch(/Use it before/);
  });

  it('saves, confirms a reworded save, finds, lists, and refuses a secret', async () => {
    const saved = textOf(await client.callTool({ name: 'headroom_memory_save', arguments: { fact: 'Use python3, not python: python is Python 2 here.' } }));
    const id = /saved as (mem_[a-z2-7]{10})/.exec(saved)?.[1];
    expect(id, saved).toBeDefined();
    const again = textOf(await client.callTool({ name: 'headroom_memory_save', arguments: { fact: 'use python3 not python - python is Python 2 here' } }));
    expect(again).toContain(id);
    const found = textOf(await client.callTool({ name: 'headroom_memory_search', arguments: { query: 'which python' } }));
    expect(found).toContain(`[${id}] Use python3, not python`);
    expect(found).toContain('saved by gemini');
    expect(textOf(await client.callTool({ name: 'headroom_memory_list', arguments: {} }))).toContain(id);

    const secret = (await client.callTool({ name: 'headroom_memory_save', arguments: { fact: 'the deploy token is ghp_abcdefghijklmnopqrstuvwxyz0123456789' } })) as TextResult;
    expect(secret.isError).toBe(true);
    expect(textOf(secret)).toMatch(/GitHub token.*never stored/);
    const db = path.join(env.XDG_DATA_HOME!, 'headroom', 'facts.db');
    expect(fs.statSync(db).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(db).includes('ghp_abcdefghij')).toBe(false);
  });
});
