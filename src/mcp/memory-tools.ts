import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type Fact, type FactStore, GLOBAL, MAX_TEXT, SecretRefused } from '../facts/index.js';

// The memory tools of `headroom mcp`: what one agent learns about a project,
// every other wrapped agent can find. Descriptions tell the model when to
// call them, since it decides on its own. The store opens on first use, so
// an agent that never touches memory never opens it.

export interface MemoryContext {
  readonly open: () => Promise<FactStore>;
  /** The project (git root) the agent works in. */
  readonly project: string;
  /** Who saves: the wrapped agent's name, and its session. */
  readonly agent: string;
  readonly session: string;
}

type ToolResult = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };
const text = (t: string): ToolResult => ({ content: [{ type: 'text', text: t }] });
const failure = (t: string): ToolResult => ({ content: [{ type: 'text', text: t }], isError: true });

const line = (f: Fact) => `- [${f.id}] ${f.text} (${f.scope === GLOBAL ? 'global' : 'project'}; saved by ${[...new Set(f.provenance.map((p) => p.agent))].join(', ')}${f.replacedBy ? `; outdated, see ${f.replacedBy}` : ''})`;

export function registerMemoryTools(server: McpServer, ctx: MemoryContext): void {
  let opened: Promise<FactStore> | undefined;
  const store = () => (opened ??= ctx.open());
  const guarded = async (fn: (s: FactStore) => Promise<ToolResult>): Promise<ToolResult> => {
    try {
      return await fn(await store());
    } catch (err) {
      if (err instanceof SecretRefused) return failure(err.message);
      opened = undefined; // a store that failed to open may open next time (Redis back up)
      return failure(`the memory store could not be used: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  server.registerTool(
    'headroom_memory_save',
    {
      title: 'Save a fact to shared memory',
      description:
        'Save a durable fact about this project (or, with global, about every project) so that you and other coding agents ' +
        'know it in later sessions. Use it when you learn something that will matter again: a command that works or fails, ' +
        'a convention, a constraint ("the staging database is read-only", "use python3, not python", "e2e tests need --runInBand"), ' +
        'or when the user tells you to remember something. One short fact per call, in your own words; saving a fact already ' +
        'there (even reworded) just confirms it. Never save secrets (keys, tokens, passwords): they are refused.',
      inputSchema: {
        fact: z.string().min(1).max(MAX_TEXT).describe('the fact, one or two sentences'),
        global: z.boolean().optional().describe('true if it holds in every project, not only this one'),
      },
    },
    async ({ fact, global }) =>
      guarded(async (s) => {
        const r = await s.save({ text: fact, scope: global ? GLOBAL : ctx.project, agent: ctx.agent, session: ctx.session });
        const said = {
          new: `saved as ${r.fact.id}`,
          same: `already known as ${r.fact.id}; confirmed`,
          merged: `merged into the same fact ${r.fact.id}: "${r.fact.text}"`,
          update: `saved as ${r.fact.id}; it replaces ${r.older?.id} ("${r.older?.text}")`,
        }[r.outcome];
        return text(said);
      }),
  );

  server.registerTool(
    'headroom_memory_search',
    {
      title: 'Search shared memory',
      description:
        'Search the facts that you and other coding agents saved about this project (and global ones): commands, conventions, ' +
        'constraints, gotchas. Use it before running an unfamiliar build, test or deploy command, when something fails in a way ' +
        'that may have happened before, or when the user refers to something agreed earlier. Ranked by relevance, newer first.',
      inputSchema: {
        query: z.string().min(1).max(500).describe('a few words about what you need to know'),
        limit: z.number().int().min(1).max(50).optional().describe('at most this many facts (default 10)'),
      },
    },
    async ({ query, limit }) =>
      guarded(async (s) => {
        const hits = await s.search(query, { project: ctx.project, limit: limit ?? 10 });
        return text(hits.length ? hits.map((h) => line(h.fact)).join('\n') : `no saved fact matches "${query}"`);
      }),
  );

  server.registerTool(
    'headroom_memory_list',
    {
      title: 'List shared memory',
      description: 'List the facts saved for this project and the global ones, newest first. Use it to review what is known at the start of a task.',
      inputSchema: { limit: z.number().int().min(1).max(200).optional().describe('at most this many facts (default 50)') },
    },
    async ({ limit }) =>
      guarded(async (s) => {
        const facts = await s.list({ project: ctx.project, limit: limit ?? 50 });
        return text(facts.length ? facts.map(line).join('\n') : 'no facts saved yet for this project');
      }),
  );
}
