import { describe, expect, it } from 'vitest';
import { jsonCompressor } from '../../../src/compressors/json/json.js';
import { checkJson } from '../../../src/compressors/guard/index.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { corpusCase, corpusCases, FIXTURES_ROOT, missingNeedles, tuningCases } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';

// octokit-paginate-issues is held to its needles below, all but `"total_count":0,`: a member
// with one value in every issue is shown once, and the comma after it only if the next one is.
const PAGINATED = 'json/octokit-paginate-issues';
runCompressorContract(jsonCompressor, { cases: corpusCases('json').filter((k) => k.id !== PAGINATED) });
runCompressorContract(jsonCompressor, {
  cases: corpusCases('json').filter((k) => k.id === PAGINATED),
  skip: { needles: 'checked below without the needle of a nested constant member (see there)' },
});

// The wide corpus's tuning half and copies of its cases: every invariant, and
// needles across them all. A large collection at the default budget keeps its
// ends and evenly spaced blocks of its records, so some needles (evenly spaced
// ids) go by design; the bench reports how many.
runCompressorContract(jsonCompressor, {
  cases: [...tuningCases('json'), ...corpusCases('json', FIXTURES_ROOT)],
  needleShare: 0.8,
});

// Claude Code transcripts of the shared corpus are its checking half: held to
// every invariant here (the contract leaves their needles to the bench).
runCompressorContract(jsonCompressor, { cases: corpusCases('transcripts/claude-code') });

const run = (text: string, budgetTokens?: number) =>
  jsonCompressor.compress(text, budgetTokens ? { budgetGiven: true, budgetTokens, lossy: true, estimateTokens } : contextFor(text, { budgetGiven: true }));

describe('json compressor on recorded HTTP exchanges', () => {
  it('keeps the failed exchange with its status, message and error code, pretty-printed', () => {
    const input = corpusCase('json/octokit-errors').input;
    const out = run(input, 1000);
    expect(out.form).toBe('json');
    expect(out.text).toContain('"status": 422,');
    expect(out.text).toContain('"message": "Validation Failed"');
    expect(out.text).toContain('"code": "invalid"');
    expect(out.text).toContain('"method": "delete"');
    // Members the records leave out are said once, for the whole list.
    expect(out.text).toMatch(/\[headroom: \d+ keys omitted \(from the items below: /);
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(input) / 4);
  });

  it('writes kept pairs with the separators of a minified source', () => {
    const out = run(corpusCase('json/octokit-labels').input);
    expect(out.text).toContain('"status":201,');
    expect(out.text).toContain('"status":204,');
    expect(out.text).not.toContain('"status": 201');
  });

  it('keeps every request path and the names of a paginated listing', () => {
    const k = corpusCase('json/octokit-paginate-issues');
    const out = run(k.input);
    expect(out.text).toContain('"path":"/repositories/515435940/issues?per_page=3&page=5"');
    expect(out.text).toContain('"title":"Test issue 12"');
    // A member every record has with one value is stated once, in the first record.
    expect(out.text).toMatch(/\[headroom: \d+ keys omitted \(from the items below: [^)]*as in the first item/);
    // The nested reactions.total_count (0 in every issue) is such a member: shown at most once, so
    // `"total_count":0,` is not a needle the output can promise any more.
    expect(missingNeedles(out.text, k.needles.filter((n) => !n.startsWith('"total_count"')))).toEqual([]);
  });
});

describe('json compressor, lossless and declined input', () => {
  it('re-prints a small document compactly without eliding anything', () => {
    const text = JSON.stringify({ a: [1, 2, 3], b: { c: 'd' }, e: null }, null, 4);
    const out = jsonCompressor.compress(text, { budgetGiven: true, budgetTokens: 400, lossy: false, estimateTokens });
    expect(out.elisions).toEqual([]);
    expect(out.text).toContain('"a": [1, 2, 3],');
    expect(out.text).toContain('"c": "d"');
  });

  it('drops nothing but constant repeats below the lossy size, whatever the budget', () => {
    const k = corpusCase('json/github-code-scanning-alert-items', FIXTURES_ROOT);
    const out = jsonCompressor.compress(k.input, { budgetGiven: true, budgetTokens: 50, lossy: false, estimateTokens });
    expect(out.text).toContain('"dismissed_at": null');
    expect(out.text).toContain('"description": "Arbitrary file write during zip extraction"');
    expect(checkJson(k.input, out.text, false)).toBeNull();
  });

  it('keeps numbers and escapes exactly as the source writes them', () => {
    const items = Array.from({ length: 300 }, (_, i) => `{"id": 9007199254740993${i}, "ratio": 1.50, "name": "caf\\u00e9 ${i}"}`);
    items[200] = '{"id": 1, "ratio": 1.50, "name": "x", "error": "disk full"}';
    const text = `[\n${items.join(',\n')}\n]`;
    const out = run(text, 500);
    expect(out.text).toContain('"id": 90071992547409930,');
    expect(out.text).toContain('"ratio": 1.50,');
    expect(out.text).toContain('"error": "disk full"');
    expect(checkJson(text, out.text, false)).toBeNull();
  });

  it('passes invalid and too-deep JSON through unchanged', () => {
    for (const text of ['{"a": 1,', '['.repeat(5000) + ']'.repeat(5000), '[INFO] started\n[INFO] done', '{"a": "tab\there"}', '\ufeff{"a": 1}']) {
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

describe('a document printed as a list of one object (npm pack --dry-run --json)', () => {
  // Issue 11: the facts of the one object a root list holds describe the document as a root
  // object's do; they ranked as plain members, so the package's size, unpackedSize and
  // entryCount went while hundreds of file names stayed.
  const k = corpusCase('json/ink-npm-pack-dry-run', FIXTURES_ROOT);
  const facts = Object.entries((JSON.parse(k.input) as Record<string, unknown>[])[0]!).filter(([, v]) => typeof v !== 'object');

  it.each([1000, 2000])('keeps every top-level fact at a budget of %s', (budget) => {
    const out = jsonCompressor.compress(k.input, { budgetGiven: true, budgetTokens: budget, lossy: true, estimateTokens });
    expect(checkJson(k.input, out.text, false)).toBeNull();
    expect(facts.length).toBeGreaterThan(5);
    expect(facts.filter(([key, v]) => !out.text.includes(`${JSON.stringify(key)}: ${JSON.stringify(v)}`))).toEqual([]);
  });
});
