import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/memory/memory-store.js';
import { openSqliteStore } from '../../src/memory/sqlite-store.js';
import { createProxySession, rewriteRequest } from '../../src/intercept/rewrite.js';
import { adapterFor } from '../../src/intercept/providers/index.js';
import { corpusCase, missingNeedles } from '../helpers/corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

// The rewriter on the agents' real request bodies, with a real log put where
// their tool output was: only that string literal may change.

const REQUESTS = path.resolve(import.meta.dirname, '../../../shared/agent-requests');
const read = (name: string) => fs.readFileSync(path.join(REQUESTS, name), 'utf8');
const LOG = corpusCase('logs/loghub-zookeeper');
const memory = () => createMemoryStore({ ttlDays: 30, maxBytes: 1 << 30 });

type Json = Record<string, unknown>;
/** The real body with its (only) tool output replaced by `text`, as the client would send it. */
function withOutput(name: string, text: string, tool?: string): { raw: Buffer; pathname: string } {
  const j = JSON.parse(read(name)) as Json;
  if (name.startsWith('claude')) {
    const msgs = j.messages as Array<{ content: Array<Json> | string }>;
    const block = (msgs.at(-1)!.content as Array<Json>).find((b) => b.type === 'tool_result')!;
    block.content = text;
    if (tool) ((msgs.at(-2)!.content as Array<Json>).find((b) => b.type === 'tool_use')!).name = tool;
    return { raw: Buffer.from(JSON.stringify(j)), pathname: '/v1/messages' };
  }
  if (name.startsWith('codex')) {
    const out = (j.input as Array<Json>).find((x) => x.type === 'custom_tool_call_output')!;
    out.output = [{ type: 'input_text', text }];
    return { raw: Buffer.from(JSON.stringify(j)), pathname: '/v1/responses' };
  }
  const contents = j.contents as Array<{ parts: Array<Json> }>;
  const part = contents.at(-1)!.parts.find((p) => p.functionResponse)!;
  (part.functionResponse as { response: Json }).response = { output: text };
  return { raw: Buffer.from(JSON.stringify(j)), pathname: '/v1beta/models/gemini-2.5-pro:streamGenerateContent' };
}

/** Checks that raw and sent differ only inside the one literal, and returns the new text there. */
function onlyLiteralChanged(raw: string, sent: string, original: string): string {
  const literal = JSON.stringify(original);
  const at = raw.indexOf(literal);
  expect(at).toBeGreaterThan(0);
  expect(sent.slice(0, at)).toBe(raw.slice(0, at));
  const tail = raw.slice(at + literal.length);
  expect(sent.endsWith(tail)).toBe(true);
  return JSON.parse(sent.slice(at, sent.length - tail.length)) as string;
}

describe('rewriteRequest', () => {
  for (const name of ['claude-toolturn.json', 'codex-toolturn.json', 'gemini-toolturn.json']) {
    it(`${name}: compresses a large tool output in place, with its needles and a retrievable id`, async () => {
      const store = memory();
      const { raw, pathname } = withOutput(name, LOG.input, 'Bash');
      const out = await rewriteRequest(raw, 'POST', pathname, createProxySession({ store, budgetMs: 10_000 }));
      expect(out).toMatchObject({ changed: true, outputs: 1, compressed: 1 });
      expect(out.tokensAfter).toBeLessThan(out.tokensBefore / 5);
      const text = onlyLiteralChanged(raw.toString('utf8'), out.body.toString('utf8'), LOG.input);
      expect(missingNeedles(text, LOG.needles)).toEqual([]);
      const id = /retrieve id=(hr_\w{12})/.exec(text)![1]!;
      expect(Buffer.from((await store.get(id))!).toString('utf8')).toBe(LOG.input);
    });
  }

  it('leaves a file read alone unless it is very large', async () => {
    // A 13 KB output (about 3.5k tokens) read with Read: the agent edits from it.
    const small = corpusCase('logs/pytest-requests-failures').input;
    const { raw } = withOutput('claude-toolturn.json', small, 'Read');
    const out = await rewriteRequest(raw, 'POST', '/v1/messages', createProxySession({ store: memory(), budgetMs: 10_000 }));
    expect(out.changed).toBe(false);
    expect(out.body.equals(raw)).toBe(true);
    // The 280 KB log (about 98k tokens) is past LARGE_READ_TOKENS: compressed even as a Read.
    const big = withOutput('claude-toolturn.json', LOG.input, 'Read');
    expect((await rewriteRequest(big.raw, 'POST', '/v1/messages', createProxySession({ store: memory(), budgetMs: 10_000 }))).changed).toBe(true);
    // The same output from Bash is compressed.
    const bash = withOutput('claude-toolturn.json', small, 'Bash');
    expect((await rewriteRequest(bash.raw, 'POST', '/v1/messages', createProxySession({ store: memory(), budgetMs: 10_000 }))).changed).toBe(true);
  });

  it('passes the original bytes when the body is not what it claims, or the path is not rewritten', async () => {
    const session = createProxySession({ store: memory() });
    const bad = Buffer.from('{"messages": [ {"role": "user", "content": [{"type": "tool_result", "content": "x" ');
    expect(await rewriteRequest(bad, 'POST', '/v1/messages', session)).toMatchObject({ changed: false, failOpen: 'unparsed' });
    const invalid = Buffer.from('{"type":"tool_result","x":"\xff"}', 'latin1');
    expect(await rewriteRequest(invalid, 'POST', '/v1/messages', session)).toMatchObject({ body: invalid, failOpen: 'unparsed' });
    // Without any tool output in it, a body is not even decoded.
    const plain = Buffer.from('{"messages": [ {"role": "user", "content": "x" ');
    expect(await rewriteRequest(plain, 'POST', '/v1/messages', session)).toEqual(expect.objectContaining({ body: plain, changed: false, outputs: 0 }));
    expect((await rewriteRequest(plain, 'POST', '/v1/messages', session)).failOpen).toBeUndefined();
    const other = Buffer.from(read('claude-toolturn.json'));
    const r = await rewriteRequest(other, 'POST', '/v1/messages/count_tokens', session);
    expect(r.body).toBe(other);
    expect(r.failOpen).toBeUndefined();
  });

  it('keeps its first decision: an output first sent untouched stays untouched', async () => {
    const session = createProxySession({ store: memory(), budgetMs: 0 });
    const { raw, pathname } = withOutput('claude-toolturn.json', LOG.input, 'Bash');
    expect((await rewriteRequest(raw, 'POST', pathname, session)).changed).toBe(false);
    (session.options as { budgetMs: number }).budgetMs = 10_000;
    expect((await rewriteRequest(raw, 'POST', pathname, session)).changed).toBe(false);
  });

  it('sends the output untouched when the store cannot keep the original', async () => {
    // A real SQLite file that runs out of pages: SQLITE_FULL on the put.
    const dir = tempDir('headroom-full-');
    const full = openSqliteStore(path.join(dir, 'store.db'), { ttlDays: 30, maxBytes: 1 << 30, maxPageCount: 12 }); // the empty schema takes 10 pages
    try {
      const { raw, pathname } = withOutput('claude-toolturn.json', LOG.input, 'Bash');
      const out = await rewriteRequest(raw, 'POST', pathname, createProxySession({ store: full, budgetMs: 10_000 }));
      expect(out.changed).toBe(false);
      expect(out.body.equals(raw)).toBe(true);
    } finally {
      await full.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('only measures with measureOnly', async () => {
    const { raw, pathname } = withOutput('claude-toolturn.json', LOG.input, 'Bash');
    const out = await rewriteRequest(raw, 'POST', pathname, createProxySession({ store: memory(), measureOnly: true }));
    expect(out).toMatchObject({ changed: false, outputs: 1, compressed: 0 });
    expect(adapterFor('POST', pathname)).toBeDefined();
  });
});
