import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/memory/sqlite-store.js';
import { createProxySession, rewriteRequest } from '../../src/intercept/rewrite.js';
import type { Store } from '../../src/memory/types.js';
import { tempDir } from '../helpers/temp-dir.js';

// Issue 14, lever 2: a new output byte for byte the same as one another call
// returned earlier becomes a reference to that call, and replays as such in
// every later request, across a restart too. Claude Code's real request body,
// with a real file of this repository read twice.

const REQUESTS = path.resolve(import.meta.dirname, '../../../shared/agent-requests');
const FILE = path.resolve(import.meta.dirname, '../../src/intercept/rewrite.ts');
/** The file as Claude Code's Read tool returns it: numbered lines. */
const READ = fs
  .readFileSync(FILE, 'utf8')
  .split('\n')
  .map((l, i) => `${String(i + 1).padStart(6)}\t${l}`)
  .join('\n');

type Json = Record<string, unknown>;
const dir = tempDir('headroom-repeats-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The real body: the file read by call toolu_fake2, then `extra` turns appended. */
function body(extra: Json[], tool = 'Read'): Buffer {
  const j = JSON.parse(fs.readFileSync(path.join(REQUESTS, 'claude-toolturn.json'), 'utf8')) as { messages: Json[] };
  const last = j.messages.at(-1) as { content: Json[] };
  last.content[0]!.content = READ;
  delete last.content[0]!.cache_control;
  ((j.messages.at(-2) as { content: Json[] }).content[0] as Json).name = tool;
  j.messages.push(...extra);
  return Buffer.from(JSON.stringify(j));
}
const readAgain = (id: string, tool = 'Read', text = READ): Json[] => [
  { role: 'assistant', content: [{ type: 'tool_use', id, name: tool, input: { file_path: FILE } }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: text }] },
];
const reply: Json[] = [
  { role: 'assistant', content: [{ type: 'text', text: 'The file is unchanged.' }] },
  { role: 'user', content: [{ type: 'text', text: 'Thanks, go on.' }] },
];

/** The text each tool_result carries in a body as sent. */
const results = (sent: Buffer): string[] =>
  (JSON.parse(sent.toString('utf8')) as { messages: Array<{ content: unknown }> }).messages.flatMap((m) =>
    Array.isArray(m.content) ? (m.content as Json[]).filter((b) => b.type === 'tool_result').map((b) => b.content as string) : [],
  );

async function send(store: Store, raw: Buffer, hint = 'session-1') {
  const session = createProxySession({ store, budgetMs: 10_000 });
  try {
    return await rewriteRequest(raw, 'POST', '/v1/messages', session, hint);
  } finally {
    await session.close();
  }
}

describe('a new copy of an earlier output', () => {
  it('becomes a reference to the earlier call, which stays whole; later requests and a restart replay it byte for byte', async () => {
    const file = path.join(dir, 'store.db');
    const store = openSqliteStore(file, { ttlDays: 7, maxBytes: 1 << 30 });
    const first = await send(store, body(readAgain('toolu_again')));
    const [earlier, copy] = results(first.body);
    expect(earlier).toBe(READ); // a read, left whole by policy
    expect(copy).toMatch(/^\[headroom: \d+ lines omitted \(identical to the result of call toolu_fake2 above \(Read\)\)\]$/);
    expect(first.tokensAfter).toBeLessThan(first.tokensBefore * 0.6);

    // The next turn: the copy is history now, and goes up as it went the first time.
    const next = await send(store, body([...readAgain('toolu_again'), ...reply]));
    expect(results(next.body)).toEqual([earlier, copy]);
    await store.close();

    // A new proxy on the same store file: the same bytes.
    const reopened = openSqliteStore(file, { ttlDays: 7, maxBytes: 1 << 30 });
    const restarted = await send(reopened, body([...readAgain('toolu_again'), ...reply]));
    expect(restarted.body.equals(next.body)).toBe(true);
    await reopened.close();
  });

  it('a copy first seen as history is not rewritten: it may sit in the provider cache as it was', async () => {
    const store = openSqliteStore(path.join(dir, 'history.db'), { ttlDays: 7, maxBytes: 1 << 30 });
    const raw = body([...readAgain('toolu_seen'), ...reply]);
    const out = await send(store, raw);
    expect(out.body.equals(raw)).toBe(true);
    await store.close();
  });

  it('retrieval answers and outputs too small for a reference to pay stay as they are', async () => {
    const store = openSqliteStore(path.join(dir, 'small.db'), { ttlDays: 7, maxBytes: 1 << 30 });
    const retrieval = body(readAgain('toolu_r2', 'headroom_retrieve'), 'headroom_retrieve');
    expect((await send(store, retrieval)).body.equals(retrieval)).toBe(true);
    const short = '     1\tok';
    const j = JSON.parse(body(readAgain('toolu_s2', 'Read', short)).toString('utf8')) as { messages: Array<{ content: Json[] }> };
    (j.messages.at(-3)!.content[0] as Json).content = short;
    const small = Buffer.from(JSON.stringify(j));
    expect((await send(store, small)).body.equals(small)).toBe(true);
    await store.close();
  });
});
