import { describe, expect, it } from 'vitest';
import { jsonCompressor } from '../../../src/compressors/json/json.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { corpusCase, corpusCases, missingNeedles } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

runCompressorContract(jsonCompressor, {
  cases: [...corpusCases('json'), ...corpusCases('transcripts/claude-code')],
});

const run = (text: string, budgetTokens?: number) =>
  jsonCompressor.compress(text, budgetTokens ? { budgetTokens, estimateTokens } : contextFor(text));

describe('json compressor on recorded HTTP exchanges', () => {
  it('keeps the failed exchange with its status, message and error code, pretty-printed', () => {
    const out = run(corpusCase('json/octokit-errors').input);
    expect(out.text).toContain('"status": 422,');
    expect(out.text).toContain('"message": "Validation Failed"');
    expect(out.text).toContain('"code": "invalid"');
    expect(out.text).toContain('"method": "delete"');
    expect(out.text).toMatch(/\[headroom: \d+ keys omitted \(/);
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(corpusCase('json/octokit-errors').input) / 4);
  });

  it('writes kept pairs with the separators of a minified source', () => {
    const out = run(corpusCase('json/octokit-labels').input);
    expect(out.text).toContain('"status":201,');
    expect(out.text).toContain('"status":204,');
    expect(out.text).not.toContain('"status": 201');
  });

  it('keeps every request path and distinct values of a paginated listing', () => {
    const k = corpusCase('json/octokit-paginate-issues');
    const out = run(k.input);
    expect(out.text).toContain('"path":"/repositories/515435940/issues?per_page=3&page=5"');
    expect(out.text).toContain('"title":"Test issue 12"');
    expect(out.text).toMatch(/\[headroom: \d+ keys omitted \([^)]*; 2 same as in the first item\)\]/);
    // Counts summarise a collection, so a nested total_count outranks plain fields.
    expect(out.text).toContain('"total_count":0,');
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
  });
});

describe('json compressor on JSON lines', () => {
  it('keeps the failing tool call and its error, collapsing ordinary records with counts', () => {
    const out = run(corpusCase('transcripts/claude-code/spotter-subagent-a7be2f0').input);
    expect(out.text).toContain('EISDIR: illegal operation on a directory, read');
    expect(out.text).toContain('"is_error":true');
    expect(out.text).toContain('find /home/USER/projects/spotter-worktrees/spotter-fum/test/support -type f');
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \(records: \d+ progress/);
  });

  it('keeps error lines of a long tool result and shows a repeated failure once', () => {
    const out = run(corpusCase('transcripts/claude-code/spotter-session-ae4a77f8').input);
    expect(out.text).toContain('Total errors: 2, Skipped: 0, Unnecessary Skips: 0');
    expect(out.text.split('Total errors: 2, Skipped: 0').length - 1).toBe(1);
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted\]/);
  });

  it('collapses plain records without errors', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `{"level":"info","msg":"request served","n":${i}}`);
    lines[123] = '{"level":"error","msg":"upstream timed out","n":123}';
    const out = run(`${lines.join('\n')}\n`, 300);
    expect(out.text).toContain('"msg":"upstream timed out"');
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \(records: /);
    expect(out.text.endsWith('\n')).toBe(true);
  });
});

describe('json compressor, lossless and declined input', () => {
  it('re-prints a small document compactly without eliding anything', () => {
    const text = JSON.stringify({ a: [1, 2, 3], b: { c: 'd' }, e: null }, null, 4);
    const out = run(text, 400);
    expect(out.elisions).toEqual([]);
    expect(out.text).toContain('"a": [1, 2, 3],');
    expect(out.text).toContain('"c": "d"');
  });

  it('keeps numbers and escapes exactly as the source writes them', () => {
    const items = Array.from({ length: 300 }, (_, i) => `{"id": 9007199254740993${i}, "ratio": 1.50, "name": "caf\\u00e9 ${i}"}`);
    items[200] = '{"id": 1, "ratio": 1.50, "name": "x", "error": "disk full"}';
    const out = run(`[\n${items.join(',\n')}\n]`, 500);
    expect(out.text).toContain('"id": 90071992547409930,');
    expect(out.text).toContain('"ratio": 1.50,');
    expect(out.text).toContain('"error": "disk full"');
  });

  it('passes invalid and too-deep JSON through unchanged', () => {
    for (const text of ['{"a": 1,', '['.repeat(5000) + ']'.repeat(5000), '[INFO] started\n[INFO] done']) {
      const out = run(text, 400);
      expect(out.text).toBe(text);
      expect(out.elisions).toEqual([]);
    }
  });

  it('scores JSON high and bracketed log lines as not its own', () => {
    expect(jsonCompressor.score(makeProbe('{"a": 1}'))).toBeGreaterThanOrEqual(0.9);
    expect(jsonCompressor.score(makeProbe('{"a":1}\n{"a":2}\n'))).toBeGreaterThanOrEqual(0.9);
    expect(jsonCompressor.score(makeProbe('[2024-01-01 10:00:00] INFO start\n'))).toBeLessThan(0);
    expect(jsonCompressor.score(makeProbe('[INFO] building\n'))).toBeLessThan(0);
    expect(jsonCompressor.score(makeProbe('plain words here'))).toBeLessThan(0);
  });
});
