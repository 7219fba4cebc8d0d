import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../../src/compressors/engine.js';
import { guardLines } from '../../src/compressors/guard/index.js';
import { estimateTokens } from '../../src/compressors/tokens.js';
import { tidy } from '../../src/compressors/tidy.js';
import { corpusCase } from '../helpers/corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

// Issue 14, lever 3: lossless clean-up of every output, with no size floor.
// The inputs are real: programs run here on a repository made for the test.

let dir: string;
const git = (args: string[], cwd = dir) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });

beforeAll(() => {
  dir = tempDir('headroom-tidy-');
  git(['init', '-q', 'src']);
  const src = path.join(dir, 'src');
  for (let i = 1; i <= 30; i++) {
    fs.writeFileSync(path.join(src, `f${i}.txt`), `line ${i}\n\nend of file ${i}\n`);
    git(['add', '.'], src);
    git(['commit', '-qm', `commit ${i}`], src);
  }
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('small outputs get the lossless clean-up', () => {
  it('colour escapes of a real grep go, the text stays exactly', async () => {
    const src = path.join(dir, 'src');
    const files = ['f1.txt', 'f2.txt'];
    const colored = execFileSync('grep', ['-n', '--color=always', 'file', ...files], { cwd: src, encoding: 'utf8' });
    const plain = execFileSync('grep', ['-n', '--color=never', 'file', ...files], { cwd: src, encoding: 'utf8' });
    expect(colored).toContain('\x1b[');
    expect(estimateTokens(colored)).toBeLessThan(200); // below the size where compressors run
    const r = await compress(colored, { tokens: 'estimate' });
    expect(r.passthrough).toBeUndefined();
    expect(r.text).toBe(plain);
    expect(r.elisions).toEqual([]);
  });

  it('a progress meter redrawn with carriage returns keeps only its last state', async () => {
    const run = spawnSync('git', ['clone', '--progress', '--no-local', 'src', 'dst'], { cwd: dir, encoding: 'utf8' });
    const progress = run.stderr;
    expect(progress).toMatch(/Counting objects: +\d+% \([^)]*\) *\r/);
    const r = await compress(progress, { tokens: 'estimate' });
    expect(r.text).not.toMatch(/\r[^\n]/);
    expect(r.text).toMatch(/Counting objects: 100% \(\d+\/\d+\), done\./);
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore / 3);
    // Each line is what a terminal left on screen: the text after the line's last carriage return.
    const screen = progress.split('\n').map((l) => l.slice(l.lastIndexOf('\r', l.length - 2) + 1).trimEnd());
    for (const line of r.text.split('\n')) if (!line.startsWith('[headroom: ')) expect(screen).toContain(line.trimEnd());
  });

  it('a run of one repeated log line is the line and a count', async () => {
    const lines = corpusCase('logs/loghub-apache').input.split('\n').slice(1514, 1519);
    const text = `${lines.join('\n')}\n`;
    expect(new Set(lines).size).toBe(1);
    expect(estimateTokens(text)).toBeLessThan(200);
    const r = await compress(text, { tokens: 'estimate' });
    expect(r.text).toBe(`${lines[0]}\n[headroom: 4 lines omitted (identical to the line above)]\n`);
    expect(guardLines(text, r.text, { type: 'log', budgetTokens: 1e9, lossy: false, estimateTokens }).violations).toEqual([]);
  });

  it("a diff's blank context lines (a single space) stay as they are", async () => {
    const src = path.join(dir, 'src');
    fs.writeFileSync(path.join(src, 'f1.txt'), 'line one\n\nend of file 1\n');
    const diff = git(['diff'], src);
    git(['checkout', '--', 'f1.txt'], src);
    expect(diff.split('\n')).toContain(' ');
    const r = await compress(diff, { tokens: 'estimate' });
    expect(r.text).toBe(diff);
  });
});

describe('coloured output is text', () => {
  it('a coloured grep over 30 files is a search with its escapes gone, not "binary data"', async () => {
    const src = path.join(dir, 'src');
    const files = fs.readdirSync(src).filter((f) => f.endsWith('.txt')).sort();
    const colored = execFileSync('grep', ['-n', '--color=always', 'file', ...files], { cwd: src, encoding: 'utf8' });
    const plain = execFileSync('grep', ['-n', '--color=never', 'file', ...files], { cwd: src, encoding: 'utf8' });
    expect(estimateTokens(colored)).toBeGreaterThan(200);
    const r = await compress(colored, { tokens: 'estimate' });
    expect(r.type).toBe('search');
    expect(r.text).not.toContain('bytes omitted');
    expect(r.text).not.toContain('\x1b');
    for (const line of r.text.split('\n')) if (!line.startsWith('[headroom: ') && line) expect(plain.split('\n')).toContain(line);
  });
});

describe('tidy, as a property', () => {
  const piece = fc.constantFrom('\x1b[31m', '\x1b[0m', '\x1b[2K', '\r', '  ', '\t', 'error', 'done', '50%', '100%', ' ', 'x', '\n', '\n', 'same line\n');
  const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
  const type = fc.constantFrom('log', 'build', 'test', 'prose', 'code', 'search', 'diff' as const);

  it('is idempotent and keeps the guard’s line rules', () => {
    fc.assert(
      fc.property(text, type, (t, ty) => {
        const once = tidy(t, ty, estimateTokens);
        expect(tidy(once.text, ty, estimateTokens).text).toBe(once.text);
        if (once.text !== t) expect(guardLines(t, once.text, { type: ty, budgetTokens: 1e9, lossy: false, estimateTokens }).violations).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });
});
