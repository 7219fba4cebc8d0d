import { describe, expect, it } from 'vitest';
import { compress } from '../../../src/compressors/engine.js';
import { CUT_FROM, CUT_KEEP, cutPoint } from '../../../src/compressors/logs/long-lines.js';
import { loadTokenizer } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, WIDE_ROOT, corpusCase } from '../../helpers/corpus.js';

const CUT = /\[headroom: (\d+) chars omitted\]$/;

/** The input line an output line was cut from, checked to be its head. */
function cutSource(outLine: string, inputLines: readonly string[]): string | undefined {
  const m = CUT.exec(outLine);
  if (!m) return undefined;
  const head = outLine.slice(0, m.index);
  return inputLines.find((l) => l.length === head.length + Number(m[1]) && l.startsWith(head));
}

describe('long log lines under budget', () => {
  // apt's history has Install: lines of 5,000 to 7,000 characters: whole, two of them took half the budget.
  it("keeps the heads of apt's long Install lines, so more of its one-off events fit", async () => {
    await loadTokenizer();
    const k = corpusCase('log/apt-history-log', WIDE_ROOT);
    const input = k.input.split('\n');
    const out = await compress(k.input, {});
    expect(out.refused ?? []).toEqual([]);
    const lines = out.text.split('\n');
    const cut = lines.filter((l) => CUT.test(l));
    expect(cut.length).toBeGreaterThan(3);
    for (const l of cut) {
      expect(cutSource(l, input)).toBeDefined();
      expect(l.length).toBeLessThan(CUT_KEEP + 80);
    }
    // Whole, 3 of its 20 Install lines and 4 of its 20 commands fitted.
    expect(lines.filter((l) => l.startsWith('Install: ')).length).toBeGreaterThanOrEqual(10);
    expect(lines.filter((l) => l.startsWith('Commandline: ')).length).toBeGreaterThanOrEqual(15);
  });

  // winston writes an error's stack into its JSON record, after the message.
  it('cuts a JSON record after its message, and keeps its error records', async () => {
    await loadTokenizer();
    const k = corpusCase('logs/winston-json-error-stacks', FIXTURES_ROOT);
    const input = k.input.split('\n');
    const out = await compress(k.input, {});
    expect(out.refused ?? []).toEqual([]);
    const cut = out.text.split('\n').filter((l) => CUT.test(l));
    expect(cut.length).toBeGreaterThan(0);
    for (const l of cut) {
      const source = cutSource(l, input)!;
      const message = /"message":"(?:[^"\\]|\\.)*"/.exec(source)![0];
      expect(l).toContain(message);
    }
    for (const n of k.needles.filter((x) => x.includes('ENOENT') || x.includes('could not parse'))) expect(out.text).toContain(n);
  });

  it('cuts only lines long enough to pay for the marker, at a word end or a JSON message end', () => {
    const words = `${'word '.repeat(200)}`;
    expect(words.length).toBeGreaterThan(CUT_FROM);
    const at = cutPoint(words);
    expect(at).toBeGreaterThanOrEqual(CUT_KEEP);
    expect(/\w/.test(words[at]!)).toBe(false);
    const record = `{"ts":"${'x'.repeat(300)}","msg":"${'m'.repeat(390)}","stack":"${'s'.repeat(500)}"}`;
    const cutRecord = record.slice(0, cutPoint(record));
    expect(cutRecord).toContain(`"msg":"${'m'.repeat(390)}"`);
    // A surrogate pair is never split.
    const emoji = `${'a'.repeat(CUT_KEEP - 1)}😀${'b'.repeat(300)}`;
    const e = cutPoint(emoji);
    expect(emoji.charCodeAt(e - 1) >= 0xd800 && emoji.charCodeAt(e - 1) <= 0xdbff).toBe(false);
  });
});
