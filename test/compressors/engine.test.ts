import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/memory/memory-store.js';
import { openSqliteStore } from '../../src/memory/sqlite-store.js';
import { compress } from '../../src/compressors/engine.js';
import { loadTokenizer } from '../../src/compressors/tokens.js';
import { CORPUS_ROOT, type CorpusCase, WIDE_ROOT, allCases, corpusCase, corpusCases, missingNeedles, projectOf } from '../helpers/corpus.js';
import { half } from '../../bench/corpus/split.mjs';
import { tempDir } from '../helpers/temp-dir.js';

/** Share of the tuning half's needles every build must keep (the bench reports the exact figures). */
const NEEDLES_KEPT = 0.95;

// End-to-end over the real corpus: the guarantees the proxy will rely on.

const GROUPS = ['logs', 'json', 'grep', 'code', 'html', 'diffs', 'listings', 'transcripts/claude-code'];
const all: CorpusCase[] = GROUPS.flatMap((g) => corpusCases(g));

beforeAll(async () => {
  await loadTokenizer();
});

describe('compress on every corpus case', () => {
  for (const k of all) {
    it(`${k.id}: deterministic, idempotent, never larger`, async () => {
      const a = await compress(k.input);
      const b = await compress(k.input);
      expect(b.text).toBe(a.text);
      const again = await compress(a.text);
      expect(again.text).toBe(a.text);
      expect(a.tokensAfter).toBeLessThanOrEqual(a.tokensBefore);
    });
  }

  // Needles are asserted on the tuning half only: the checking half is kept
  // for the bench's report, so that no test pushes tuning onto it.
  it('keeps the needles of the tuning half of both corpora', async () => {
    const tuning = [...allCases(CORPUS_ROOT), ...allCases(WIDE_ROOT)].filter((k) => half(projectOf(k)) === 'tuning');
    expect(tuning.length).toBeGreaterThan(100);
    let needles = 0;
    let kept = 0;
    for (const k of tuning) {
      const r = await compress(k.input, { tokens: 'estimate' });
      needles += k.needles.length;
      kept += k.needles.length - missingNeedles(r.text, k.needles).length;
    }
    expect(kept / needles).toBeGreaterThanOrEqual(NEEDLES_KEPT);
  }, 120_000);

  it('saves at least 70% overall on the shared corpus', async () => {
    let before = 0;
    let after = 0;
    for (const k of all) {
      const r = await compress(k.input);
      before += r.tokensBefore;
      after += r.tokensAfter;
    }
    expect((before - after) / before).toBeGreaterThanOrEqual(0.7);
  }, 120_000);
});

describe('guards', () => {
  it('passes small payloads through untouched', async () => {
    const r = await compress('error: one line\n');
    expect(r).toMatchObject({ text: 'error: one line\n', passthrough: 'small' });
  });

  it('passes already-compressed text through untouched', async () => {
    const first = await compress(corpusCase('logs/loghub-hdfs').input);
    expect(first.elisions.length).toBeGreaterThan(0);
    const second = await compress(first.text);
    expect(second.passthrough).toBe('already-compressed');
    expect(second.text).toBe(first.text);
  });

  it('fails open: a forced type that does not fit leaves the input as it was', async () => {
    const log = corpusCase('logs/loghub-openssh').input;
    const r = await compress(log, { type: 'json' });
    expect(r.text).toBe(log);
    expect(r.passthrough).toBeDefined();
  });

  it('routes the parts of a mixed payload separately', async () => {
    const log = corpusCase('logs/gotest-verbose-failures').input;
    const json = corpusCase('json/octokit-errors').input;
    const r = await compress(`${log}\n${json}`);
    expect(r.parts.map((p) => p.type)).toEqual(expect.arrayContaining(['test', 'json']));
    expect(missingNeedles(r.text, corpusCase('logs/gotest-verbose-failures').needles)).toEqual([]);
  });

  it('reports estimated counts without loading numbers from the tokenizer when asked', async () => {
    const r = await compress(corpusCase('logs/loghub-hdfs').input, { tokens: 'estimate' });
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore);
  });
});

describe('bad input never crashes or hangs', () => {
  const cases: Array<[string, () => string]> = [
    ['a 50 MB single line', () => 'x'.repeat(50 * 1024 * 1024)],
    ['100k-deep nesting', () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['100k-deep objects', () => `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
    ['invalid UTF-8', () => Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)).toString('utf8')],
    ['NUL bytes', () => `log line\0\0\0${'\0'.repeat(10_000)}`],
    ['backtracking bait: spaces', () => `${' '.repeat(100_000)}x\n`.repeat(20)],
    ['backtracking bait: paths', () => `${'/a'.repeat(100_000)}!\n`],
    ['backtracking bait: quotes', () => `${'"\\'.repeat(100_000)}\n`],
    ['backtracking bait: fences', () => '```\n'.repeat(50_000)],
    ['backtracking bait: digits', () => `${'1.'.repeat(100_000)}a\n`.repeat(5)],
    ['many short lines', () => 'a\n'.repeat(2_000_000)],
  ];
  for (const [name, make] of cases) {
    it(name, { timeout: 120_000 }, async () => {
      const text = make();
      const r = await compress(text, { tokens: 'estimate' });
      expect(typeof r.text).toBe('string');
      expect(r.text.length).toBeLessThanOrEqual(text.length);
    });
  }
});

describe('keeping originals', () => {
  it('stores the original and names its id once, in the first marker', async () => {
    const store = createMemoryStore({ ttlDays: 30, maxBytes: 1 << 30 });
    const k = corpusCase('logs/loghub-hdfs');
    const r = await compress(k.input, { store, tool: 'Bash' });
    expect(r.ids).toHaveLength(1);
    const id = r.ids[0]!;
    const markers = r.text.split('\n').filter((l) => l.includes('[headroom: '));
    expect(markers.length).toBeGreaterThan(0);
    expect(markers[0]).toContain(`; retrieve id=${id}]`);
    expect(r.text.split('retrieve id=')).toHaveLength(2);
    expect(Buffer.from((await store.get(id))!).toString('utf8')).toBe(k.input);
    const stats = await store.stats();
    expect(stats.rows).toEqual([expect.objectContaining({ type: 'log', compressions: 1, stored: 1 })]);
  });

  it('passes through when the store cannot write: a full disk, for real', async () => {
    const dir = tempDir('headroom-full-');
    const store = openSqliteStore(path.join(dir, 'store.db'), { ttlDays: 30, maxBytes: 1 << 30, maxPageCount: 12 }); // the empty schema takes 10 pages
    const k = corpusCase('logs/loghub-bgl');
    const r = await compress(k.input, { store });
    expect(r.passthrough).toBe('store-unavailable');
    expect(r.text).toBe(k.input);
    expect(r.ids).toEqual([]);
    await store.close();
  });

  it('without a store, markers carry no id', async () => {
    const r = await compress(corpusCase('logs/loghub-hdfs').input);
    expect(r.ids).toEqual([]);
    expect(r.text).not.toContain('retrieve id=');
  });
});

// A compressor may hand the engine its own estimate of its output (the JSON
// compressor sizes its rendering with it); the engine uses it only for exactly
// that text, so the count it reports is the estimate of what it returns.
describe('estimates handed over by a compressor', () => {
  it.each(['json', 'transcripts/claude-code'])('%s: tokensAfter is the estimate of the text returned', async (group) => {
    const { estimateTokens } = await import('../../src/compressors/tokens.js');
    const cases = corpusCases(group);
    expect(cases.length).toBeGreaterThan(0);
    for (const k of cases) {
      for (const budgetTokens of [undefined, 300]) {
        const r = await compress(k.input, { tokens: 'estimate', ...(budgetTokens ? { budgetTokens } : {}) });
        expect(r.tokensAfter, k.id).toBe(estimateTokens(r.text));
      }
    }
  });
});
