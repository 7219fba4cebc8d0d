import { describe, expect, it } from 'vitest';
import { contentId } from '../../src/memory/id.js';
import { createMemoryStore } from '../../src/memory/memory-store.js';
import { RetrieveUsageError, parseLineRange, retrieve } from '../../src/memory/retrieve.js';
import { NOT_AVAILABLE } from '../../src/memory/types.js';
import { corpusCase } from '../helpers/corpus.js';

const meta = { type: 'log', compressor: 'log-template-dedup', tool: 'cli', tokensBefore: 100, tokensAfter: 10 };

async function storeWith(text: string) {
  const store = createMemoryStore({ ttlDays: 30, maxBytes: 64 * 1024 * 1024 });
  const bytes = Buffer.from(text);
  const id = contentId(bytes);
  await store.put(id, bytes, meta);
  return { store, id };
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('retrieve', () => {
  const log = corpusCase('logs/loghub-openssh').input;

  it('gives the original back byte for byte', async () => {
    const { store, id } = await storeWith(log);
    const r = await retrieve(store, id);
    expect(r.found && text(r.bytes)).toBe(log);
  });

  it('gives a line range', async () => {
    const { store, id } = await storeWith(log);
    const r = await retrieve(store, id, { lines: '3-5' });
    expect(r.found && text(r.bytes)).toBe(`${log.split('\n').slice(2, 5).join('\n')}\n`);
    const one = await retrieve(store, id, { lines: '2' });
    expect(one.found && text(one.bytes)).toBe(`${log.split('\n')[1]}\n`);
    const past = await retrieve(store, id, { lines: '99999-' });
    const count = log.endsWith('\n') ? log.split('\n').length - 1 : log.split('\n').length;
    expect(past.found && past.note).toBe(`the original has ${count} lines`);
  });

  it('greps with line numbers, and treats an invalid pattern as literal text', async () => {
    const { store, id } = await storeWith(log);
    const r = await retrieve(store, id, { grep: 'fatal: Write failed' });
    expect(r.found && text(r.bytes)).toMatch(/^\d+:Dec 10 11:03:53 LabSZ sshd\[25457\]: fatal: Write failed/);
    const lit = await retrieve(store, id, { grep: 'sshd[24224' });
    expect(lit.found && text(lit.bytes)).toContain('sshd[24224]');
    const none = await retrieve(store, id, { grep: 'no such thing here' });
    expect(none.found && none.note).toContain('no line of the original matches');
  });

  it('refuses patterns that could backtrack forever, and bad ranges', async () => {
    const { store, id } = await storeWith(log);
    await expect(retrieve(store, id, { grep: '(a+)+$' })).rejects.toBeInstanceOf(RetrieveUsageError);
    expect(() => parseLineRange('5-2')).toThrow(RetrieveUsageError);
    expect(() => parseLineRange('x')).toThrow(RetrieveUsageError);
    expect(parseLineRange('4-')).toEqual({ from: 4, to: Number.MAX_SAFE_INTEGER });
  });

  it('answers an unknown id once and for all, and counts the miss', async () => {
    const { store } = await storeWith(log);
    const r = await retrieve(store, 'hr_aaaaaaaaaaaa');
    expect(r).toEqual({ found: false, id: 'hr_aaaaaaaaaaaa', message: `hr_aaaaaaaaaaaa is ${NOT_AVAILABLE}` });
    expect((await store.stats()).misses).toBe(1);
    await expect(retrieve(store, 'not-an-id')).rejects.toThrow(/is not a headroom id/);
  });
});
