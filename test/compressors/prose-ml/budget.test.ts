import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compress } from '../../../src/compressors/engine.js';
import { proseCompressor } from '../../../src/compressors/prose/index.js';
import { keptLines, proseMlCompressor } from '../../../src/compressors/prose-ml/index.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, REPO_ROOT, missingNeedles } from '../../helpers/corpus.js';
import { contextFor, guardProblem } from '../contract.js';

// prose-ml past the budget: only plain lines are condensed; a line with a
// heading, a section's first sentence, inline code, a number or an identifier
// stays (its words pruned). On documents of bench/prose-ml's first set (the
// one tuned on; Debian packages' documentation, licences in each meta.json).


const read = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'bench/prose-ml', name, 'input.txt'), 'utf8');
const CODE = /`[^`\n]+`/g;
const NUMBER = /(?<![\w.])\d+(?:[.,:]\d+)*(?![\w])/g;
const body = (t: string) => t.replace(/\[headroom: [^\]\n]*\]/g, ' ');

describe('keptLines', () => {
  it('keeps headings, opening sentences and lines with code, numbers or paths, and lets plain lines go', () => {
    const lines = [
      '# Setup', // heading
      'The server reads its settings from the file named below at start.', // the section's opening sentence
      '',
      'Then it listens and waits for the clients that connect to it later on.', // plain
      'It listens on port 2379 unless told otherwise by the flags given.', // number
      'Pass `--listen-client-urls` to change where the server listens for them.', // code span
      'The settings are read from /etc/default/etcd when the unit starts up.', // path
      '```sh',
      'etcd --name infra0', // code, nothing to keep
      'etcd --data-dir /var/lib/etcd --snapshot-count 10000', // a number in code
      '```',
    ];
    expect([...keptLines(lines)]).toEqual([1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0]);
  });
});

describe('the budget mode', () => {
  it('keeps every inline code span, number and needle of a document past its default budget', async () => {
    // etcd's security guide: version numbers, ports and flags on most lines; the deterministic compressor drops some.
    const doc = read('etcd-security');
    const ctx = contextFor(doc);
    await proseMlCompressor.prepare!(doc, ctx);
    const out = proseMlCompressor.compress(doc, ctx);
    expect(out.form).toBe('words');
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted/);
    expect(guardProblem(proseMlCompressor, doc, out, ctx)).toBeNull();
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(doc) * 0.9);
    const kept = body(out.text);
    for (const span of new Set(doc.match(CODE))) expect(kept).toContain(span);
    for (const n of new Set(doc.match(NUMBER))) expect(kept).toMatch(new RegExp(`(?<![\\w.])${n.replace(/\./g, '\\.')}(?![\\w])`));
    // Its needles (headings, code spans, opening sentences: the wide corpus's prose rule).
    const needles = fs.readFileSync(path.join(REPO_ROOT, 'bench/prose-ml/etcd-security/needles.txt'), 'utf8').split('\n').filter(Boolean);
    expect(missingNeedles(out.text, needles)).toEqual([]);
  });

  it("keeps a man page's headings but not every option and its first sentence: its plan chooses among them, as prose-structure's does", async () => {
    // find(1) (test/fixtures/prose/man-find, GFDL-1.3-or-later): nearly every line an option or its first sentence.
    const man = fs.readFileSync(path.join(FIXTURES_ROOT, 'prose/man-find/input.txt'), 'utf8');
    const ls = man.split('\n');
    const kept = keptLines(ls);
    expect(kept[ls.indexOf('DESCRIPTION')]).toBe(1);
    const option = ls.indexOf('       -ignore_readdir_race');
    expect([kept[option], kept[option + 1]]).toEqual([0, 0]); // the option, and its first sentence
    expect(kept[ls.indexOf('       -noleaf') + 1]).toBe(1); // a number: directories contain 2 fewer links
    const ctx = contextFor(man);
    await proseMlCompressor.prepare!(man, ctx);
    const out = proseMlCompressor.compress(man, ctx);
    expect(out.form).toBe('words');
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(proseCompressor.compress(man, ctx).text) * 1.1);
    const needles = fs.readFileSync(path.join(FIXTURES_ROOT, 'prose/man-find/needles.txt'), 'utf8').split('\n').filter(Boolean);
    expect(missingNeedles(out.text, needles)).toEqual([]);
  });

  it('gives way to the deterministic compressor when what it must keep does not fit a budget the caller set', async () => {
    // memcached's changelog (test/fixtures/prose): a version or a date on most lines.
    const log = fs.readFileSync(path.join(FIXTURES_ROOT, 'prose/memcached-changelog/input.txt'), 'utf8');
    const ctx = contextFor(log, { budgetTokens: 500, budgetGiven: true });
    await proseMlCompressor.prepare!(log, ctx);
    expect(proseMlCompressor.compress(log, ctx)).toEqual(proseCompressor.compress(log, ctx));
  });

  it('takes a Markdown manual that opens with code (etcd API guide) as the document it is', async () => {
    const doc = read('etcd-learning-api');
    const ctx = contextFor(doc);
    await proseMlCompressor.prepare!(doc, ctx);
    expect(proseMlCompressor.compress(doc, ctx).form).toBe('words');
  });
});

describe('off', () => {
  it('is off for a type given by name too (--type prose) when HEADROOM_PROSE_ML=0', async () => {
    process.env.HEADROOM_PROSE_ML = '0';
    try {
      const r = await compress(read('redis-readme'), { tokens: 'estimate', type: 'prose' });
      expect(r.parts.map((p) => p.form)).toEqual(['lines']);
      expect(r.text).not.toMatch(/words omitted/);
    } finally {
      delete process.env.HEADROOM_PROSE_ML;
    }
  });
});

describe('routing', () => {
  it('scores a document as prose, and declines without reading it whole when an earlier scorer already beats that', async () => {
    const { makeProbe } = await import('../../../src/compressors/probe.js');
    const probe = makeProbe(read('etcd-security'));
    const score = proseMlCompressor.score(probe);
    expect(score).toBeGreaterThan(0);
    expect(proseMlCompressor.score(probe, score - 0.01)).toBe(score);
    expect(proseMlCompressor.score(probe, score)).toBe(-1);
  });
});
