import { describe, expect, it } from 'vitest';
import { diffCompressor } from '../../../src/compressors/diff/diff.js';
import { startsAsDiff } from '../../../src/compressors/diff/index.js';
import { parseDiff } from '../../../src/compressors/diff/parse.js';
import { Role, isChange } from '../../../src/compressors/diff/roles.js';
import { isTrivial, keepRanks } from '../../../src/compressors/diff/rank.js';
import { COMPRESSORS, FALLBACK } from '../../../src/compressors/registry.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { route } from '../../../src/compressors/router.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { FIXTURES_ROOT, corpusCase, corpusCases, missingNeedles } from '../../helpers/corpus.js';
import { contextFor, guardProblem, runCompressorContract } from '../contract.js';

// Diffs and history on real output: git's formats (log -p, show, word diff,
// stat, range-diff) and diff's (normal, context, side by side), from
// headroom's own history and sources.

const fixtures = corpusCases('diff', FIXTURES_ROOT);
const fixture = (name: string) => corpusCase(`diff/${name}`, FIXTURES_ROOT);

runCompressorContract(diffCompressor, { cases: [...corpusCases('diffs'), ...fixtures] });

const run = (text: string, over: Parameters<typeof contextFor>[1] = {}) => diffCompressor.compress(text, contextFor(text, over));

/** Changed lines of a unified diff: `+`/`-` lines that are not file headers. */
const changed = (text: string) => text.split('\n').filter((l) => /^[+-]/.test(l) && !/^(?:\+\+\+|---) /.test(l));

describe('diff compressor', () => {
  it('git log -p -5 keeps changed lines of every file, not hunk headers alone (issue 11)', () => {
    // The old compressor kept each hunk header and replaced every changed line
    // by "[headroom: 8 lines omitted (+1 -1, 6 context)]".
    const k = fixture('gitlog-p-5-headroom');
    const out = run(k.input);
    expect(out.elisions.length).toBeGreaterThan(0);
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
    const sections = (text: string) => new Map(text.split(/^(?=diff --git )/m).slice(1).map((s) => [s.split('\n')[0]!, s]));
    const before = sections(k.input);
    const after = sections(out.text);
    expect(after.size).toBe(before.size);
    for (const [header, s] of after) {
      // Lock, generated and minified files are summarised instead.
      if (changed(before.get(header)!).length && !/\((?:lock file|generated file|minified lines)/.test(s)) expect(changed(s).length, header).toBeGreaterThan(0);
    }
    expect(guardProblem(diffCompressor, k.input, out, contextFor(k.input))).toBeNull();
  });

  it('drops context before any changed line, and a bigger budget keeps more', () => {
    const k = fixture('gitlog-p-5-headroom');
    const lines = k.input.split('\n');
    const parsed = parseDiff(lines);
    const { rank } = keepRanks(parsed, lines, false);
    // Every changed line of a file someone wrote is kept before any line of context.
    let lastChange = -1;
    let firstContext = Infinity;
    for (let i = 0; i < lines.length; i++) {
      const r = parsed.role[i]!;
      if (isChange(r) && parsed.files[parsed.file[i]!]?.kind === '') lastChange = Math.max(lastChange, rank[i]!);
      if (r === Role.context) firstContext = Math.min(firstContext, rank[i]!);
    }
    expect(lastChange).toBeLessThan(firstContext);
    const sizes: number[] = [];
    for (const budgetTokens of [500, 2000, 8000, 14_000]) {
      const ctx = contextFor(k.input, { budgetTokens });
      const out = diffCompressor.compress(k.input, ctx);
      expect(guardProblem(diffCompressor, k.input, out, ctx), `budget ${budgetTokens}`).toBeNull();
      sizes.push(estimateTokens(out.text));
    }
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1]!);
  });

  it('names commits and keeps their subjects; message bodies go behind an indented marker', () => {
    const out = run(fixture('gitlog-p-5-headroom').input).text;
    expect(out).toContain('commit e9b35feb474108f7c79f4512a451defba3681782\n');
    expect(out).toContain("    wrap: the session folder is private all the way up (XDG_RUNTIME_DIR, else headroom's state folder, never /tmp)\n");
    expect(out).toMatch(/^ {4}\[headroom: \d+ lines omitted \(message body\)\]$/m);
  });

  it('shows a diff below the lossy size whole: every line of it is content', () => {
    const k = corpusCase('diffs/gitshow-ky-retry-after');
    expect(run(k.input, { lossy: false, budgetTokens: 400 })).toEqual({ text: k.input, elisions: [] });
  });

  it('leaves input under budget untouched', () => {
    const k = fixture('gitlog-p-5-headroom');
    expect(run(k.input, { budgetTokens: 100_000 })).toEqual({ text: k.input, elisions: [] });
  });

  it('summarises a lock file before it drops changed lines of the files around it', () => {
    const k = fixture('gitshow-lockfile-headroom');
    const out = run(k.input).text;
    expect(out).toMatch(/diff --git a\/package-lock\.json b\/package-lock\.json\nnew file mode 100644\n\[headroom: \d+ lines omitted \(lock file, \+1543 -0\)\]/);
    expect(missingNeedles(out, k.needles)).toEqual([]);
    expect(out).not.toContain('"node_modules/');
  });

  it('reads word diffs by shape: their changed lines stay', () => {
    const k = fixture('word-diff-gitshow-headroom');
    const ctx = contextFor(k.input);
    const out = diffCompressor.compress(k.input, ctx);
    expect(out.elisions.length).toBeGreaterThan(0);
    expect(guardProblem(diffCompressor, k.input, out, ctx)).toBeNull();
    expect(out.text).toContain('{+');
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
  });

  it('keeps changes of normal, context and side-by-side diffs', () => {
    for (const name of ['normal-diff-r-headroom', 'context-diff-rc-headroom', 'side-by-side-headroom']) {
      const k = fixture(name);
      const ctx = contextFor(k.input);
      const out = diffCompressor.compress(k.input, ctx);
      expect(out.elisions.length, name).toBeGreaterThan(0);
      expect(guardProblem(diffCompressor, k.input, out, ctx), name).toBeNull();
      expect(missingNeedles(out.text, k.needles), name).toEqual([]);
    }
  });

  it('routes every format here as a diff (normal, context, side by side, stat and range-diff went to prose or code)', () => {
    for (const k of fixtures) {
      const probe = makeProbe(k.input);
      expect(route(probe, COMPRESSORS, FALLBACK).compressor.type, k.name).toBe('diff');
      expect(diffCompressor.score(probe), k.name).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('scores other kinds low', () => {
    for (const id of ['grep/grep-requests-raise', 'listings/ls-laR-cobra', 'listings/tree-requests', 'code/ky-Ky-ts']) {
      expect(diffCompressor.score(makeProbe(corpusCase(id).input)), id).toBeLessThan(0.3);
    }
  });

  it('tells the segmenter where a diff starts, so fences and second files inside it stay in one part', () => {
    for (const k of fixtures) if (k.name !== 'side-by-side-headroom' && !k.name.startsWith('diff-stat')) expect(startsAsDiff(k.input.split('\n')), k.name).toBe(true);
    for (const name of ['python-stdlib-string-py', 'strace-ls-not-code']) {
      expect(startsAsDiff(corpusCase(`code/${name}`, FIXTURES_ROOT).input.split('\n')), name).toBe(false);
    }
  });

  it('ranks changed lines written without ASCII letters as any other (Japanese man pages lost 39 of 44)', () => {
    // A line was "trivial" (`+}`) when it had no two ASCII word characters:
    // a Japanese sentence was ranked with closing braces and cut first.
    const k = fixture('man-ja-en-revision-diff-ru');
    const out = run(k.input);
    const kept = (lang: string) => k.needles.filter((n) => out.text.includes(n) && /[^\x00-\x7f]/.test(n) === (lang === 'ja')).length;
    const total = (lang: string) => k.needles.filter((n) => /[^\x00-\x7f]/.test(n) === (lang === 'ja')).length;
    expect(out.elisions.length).toBeGreaterThan(0);
    expect(kept('ja')).toBe(total('ja'));
    expect(kept('en')).toBe(total('en'));
  });

  it('shows a replaced line with what replaced it, at any budget', () => {
    // A block that removes and adds lines is one edit: when its first removed
    // line is kept, its first added line is kept too (and the other way round).
    const substantive = (l: string) => !isTrivial(l.slice(1));
    const broken: string[] = [];
    for (const k of [...corpusCases('diffs'), ...fixtures]) {
      const lines = k.input.split('\n');
      for (const budgetTokens of [300, 600, 1200, 2400]) {
        // A long line may be cut, with a marker at the cut: its head says it was kept.
        const out = run(k.input, { budgetTokens }).text.split('\n');
        const heads = new Set(out.map((l) => l.slice(0, 80)));
        const kept = { has: (l: string) => heads.has(l.slice(0, 80)) };
        for (let i = 0; i < lines.length; ) {
          if (!/^[+-](?![+-]{2} )/.test(lines[i]!)) {
            i++;
            continue;
          }
          let add: string | undefined;
          let del: string | undefined;
          for (; i < lines.length && /^[+-](?![+-]{2} )/.test(lines[i]!); i++) {
            const l = lines[i]!;
            if (!substantive(l)) continue;
            if (l[0] === '+') add ??= l;
            else del ??= l;
          }
          if (add && del && kept.has(add) !== kept.has(del) && lines.filter((l) => l === add || l === del).length === 2) broken.push(`${k.name} @${budgetTokens}: ${del} / ${add}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('leaves its own output alone', () => {
    const k = fixture('gitlog-p-5-headroom');
    const once = run(k.input).text;
    expect(run(once, { budgetTokens: 100 })).toEqual({ text: once, elisions: [] });
  });
});
