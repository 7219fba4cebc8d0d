import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonCompressor } from '../../../src/compressors/json/json.js';
import { checkJson } from '../../../src/compressors/guard/index.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { corpusCase, FIXTURES_ROOT, missingNeedles } from '../../helpers/corpus.js';
import { contextFor } from '../contract.js';

const run = (text: string, budgetTokens?: number) =>
  jsonCompressor.compress(text, budgetTokens ? { budgetGiven: true, budgetTokens, lossy: true, estimateTokens } : contextFor(text, { budgetGiven: true }));

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

  it('keeps the failed command of a Codex session whole, with its exit code and error', () => {
    const dir = path.join(FIXTURES_ROOT, 'learn', 'codex', 'ls-fails');
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const out = run(text);
    expect(out.form).toBe('jsonl');
    expect(checkJson(text, out.text, true)).toBeNull();
    const failed = out.text.split('\n').find((l) => l.includes('"exit_code":2'));
    expect(failed).toContain("ls: cannot access '/no/such/dir': No such file or directory");
    // A line is shown whole or with what names nothing left out, never as a shell of one member.
    expect(out.text).not.toMatch(/^\{"type":"[a-z_]+"\}$/m);
  });

  it('shows a log line once per template, failures and the last line first, and counts the repeats', () => {
    const k = corpusCase('json/fastify-pino-json-request-log', FIXTURES_ROOT);
    const out = run(k.input);
    expect(checkJson(k.input, out.text, true)).toBeNull();
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
    expect(out.text.split('"msg":"incoming request"').length - 1).toBe(1);
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \(records: \d+ request completed, \d+ incoming request/);
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(k.input) / 10);
  });

  it('drops repeats of a log template even below the lossy size: they are noise', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `{"level":30,"msg":"request served","n":${i}}`);
    lines[40] = '{"level":50,"msg":"upstream timed out","n":40}';
    const text = `${lines.join('\n')}\n`;
    const out = jsonCompressor.compress(text, { budgetGiven: true, budgetTokens: 4000, lossy: false, estimateTokens });
    expect(out.text).toContain('{"level":30,"msg":"request served","n":0}');
    expect(out.text).toContain('{"level":50,"msg":"upstream timed out","n":40}');
    expect(out.text).toContain('{"level":30,"msg":"request served","n":59}');
    expect(out.text).toMatch(/\[headroom: 39 lines omitted \(records: 39 request served\)\]/);
    expect(out.text.endsWith('\n')).toBe(true);
  });

  it('collapses plain records without errors', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `{"level":"info","msg":"request served","n":${i}}`);
    lines[123] = '{"level":"error","msg":"upstream timed out","n":123}';
    const text = `${lines.join('\n')}\n`;
    const out = run(text, 300);
    expect(out.text).toContain('"msg":"upstream timed out"');
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \(records: /);
    expect(checkJson(text, out.text, true)).toBeNull();
  });

  it('keeps or drops whole lines when some lines are not JSON', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `{"level":"info","msg":"tick ${i % 7 === 0 ? 'slow' : 'ok'}","n":${i},"pad":"${'x'.repeat(200)}"}`);
    lines[10] = 'panic: runtime error: index out of range';
    const text = lines.join('\n');
    const out = run(text, 400);
    expect(out.form).toBe('lines');
    const inputLines = new Set(lines);
    for (const l of out.text.split('\n')) if (!l.startsWith('[headroom: ')) expect(inputLines.has(l)).toBe(true);
    expect(out.text).toContain('panic: runtime error');
  });
});

describe('json compressor on a stream of pretty-printed values', () => {
  const k = corpusCase('json/go-list-json-deps-encoding-json', FIXTURES_ROOT);

  it('projects each value as a record of a list: every package keeps the member that names it', () => {
    const out = run(k.input);
    // The guard reads a stream as its values: each is projected like a document's record.
    expect(out.form).toBe('jsonl');
    expect(checkJson(k.input, out.text, true)).toBeNull();
    // No listed naming member: "Dir" tells the packages apart. Whole values were kept or dropped
    // before, and 20 of the 47 packages went.
    const dirs = k.input.split('\n').filter((l) => l.startsWith('\t"Dir": '));
    expect(dirs).toHaveLength(47);
    for (const d of dirs) expect(out.text).toContain(d.trim().replace(/,$/, ''));
    // Members every package has with one value are said once (a marker names them).
    expect(out.text.match(/"Goroot": true/g)).toHaveLength(1);
    expect(out.text).toMatch(/\[headroom: \d+ keys omitted \(from the records below: [^)]*Goroot/);
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(k.input) / 5);
  });
});

describe("JSON lines that are a table's rows (npm query piped to jq -c)", () => {
  // Issue 11: lines with no message are not a log's events but a list's records. Read as log
  // lines, each package's line of a few hundred tokens was kept whole or not at all: 2 to 6
  // of 27 packages were named at these budgets. As records, every line keeps its name first.
  const k = corpusCase('json/ink-deps-npm-query-jq-lines', FIXTURES_ROOT);
  const names = k.input
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { name: string }).name);

  it.each([1500, 3000])('names every package, one line each, at a budget of %s', (budget) => {
    const out = run(k.input, budget);
    expect(out.form).toBe('jsonl');
    expect(checkJson(k.input, out.text, true)).toBeNull();
    expect(estimateTokens(out.text)).toBeLessThan(budget * 1.1);
    expect(names.filter((name) => !out.text.includes(`"name":${JSON.stringify(name)}`))).toEqual([]);
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
  });
});
