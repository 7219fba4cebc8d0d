import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, headroom as runCli, isolatedEnv } from '../helpers/cli.js';
import { CORPUS_ROOT, REPO_ROOT, corpusCase, missingNeedles } from '../helpers/corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

// The CLI as a user runs it: the built bin/headroom in a real process, with
// its own HOME so the store is a fresh one.
const run = promisify(execFile);
const ENV = isolatedEnv();
const headroom = (args: string[], input?: string | Buffer) => runCli(args, { ...(input !== undefined ? { input } : {}), env: ENV });

describe('headroom CLI', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await run(process.execPath, [BIN, '--version']);
    expect(stdout.trim()).toBe(pkg.version);
    const help = await run(process.execPath, [BIN, 'compress', '--help']);
    expect(help.stdout).toContain('--json');
    expect(help.stdout).toContain('o200k_base');
  });

  it('compresses a FILE and keeps its needles', async () => {
    // A case of the tuning half: the checking half's needles are for the bench's report only.
    const k = corpusCase('logs/gotest-verbose-failures');
    const r = await headroom(['compress', path.join(CORPUS_ROOT, k.id, 'input.txt')]);
    expect(r.code).toBe(0);
    const text = r.stdout.toString('utf8');
    expect(text.length).toBeLessThan(k.input.length / 2);
    expect(missingNeedles(text, k.needles)).toEqual([]);
  });

  it('reads standard input and reports JSON', async () => {
    const k = corpusCase('grep/rg-cobra-completion');
    const r = await headroom(['compress', '--json'], k.input);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.toString('utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ type: 'search' });
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['text', 'type', 'tokensBefore', 'tokensAfter', 'ms']));
    expect(report.tokensAfter as number).toBeLessThan(report.tokensBefore as number);
  });

  it('gives the same bytes in separate processes', async () => {
    const k = corpusCase('json/octokit-search-issues');
    const [a, b] = await Promise.all([headroom(['compress'], k.input), headroom(['compress'], k.input)]);
    expect(a.stdout.equals(b.stdout)).toBe(true);
  });

  it('honours --type', async () => {
    const k = corpusCase('logs/loghub-apache');
    const r = await headroom(['compress', '--json', '--type', 'prose'], k.input);
    expect(JSON.parse(r.stdout.toString('utf8'))).toMatchObject({ type: 'prose' });
  });

  it('passes small and non-UTF-8 input through byte for byte', async () => {
    const small = Buffer.from('ok\n');
    expect((await headroom(['compress'], small)).stdout.equals(small)).toBe(true);
    const bad = Buffer.from([0x68, 0x69, 0xff, 0xfe, 0x0a]);
    const r = await headroom(['compress'], bad);
    expect(r.code).toBe(0);
    expect(r.stdout.equals(bad)).toBe(true);
  });

  it('summarises a binary file instead of printing it', async () => {
    const bytes = fs.readFileSync(process.execPath).subarray(0, 200_000);
    const tmp = path.join(tempDir('headroom-'), 'blob.bin');
    fs.writeFileSync(tmp, bytes);
    const r = await headroom(['compress', tmp]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString('utf8')).toMatch(/^\[headroom: \d+ bytes omitted \(ELF executable\); retrieve id=hr_\w{12}\]$/);
    const id = /id=(hr_\w{12})/.exec(r.stdout.toString('utf8'))![1]!;
    expect((await headroom(['retrieve', id])).stdout.equals(bytes)).toBe(true);
  });

  it('says what went wrong, with meaningful exit codes', async () => {
    const missing = await headroom(['compress', '/nonexistent/file.log']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read /nonexistent/file.log: no such file');
    const badType = await headroom(['compress', '--type', 'nope'], 'x');
    expect(badType.code).toBe(2);
    expect(badType.stderr).toContain('unknown --type "nope"');
    const badBudget = await headroom(['compress', '--budget', '-3'], 'x');
    expect(badBudget.code).toBe(2);
    const unknown = await headroom(['frobnicate']);
    expect(unknown.code).toBe(2);
  });
});

describe('start-up stays lean', () => {
  const HEAVY = ['linkedom', '@mozilla/readability', 'turndown', 'tree-sitter', 'gpt-tokenizer', 'ink', 'onnxruntime', 'http-mitm-proxy', 'ioredis', '@modelcontextprotocol', 'zod'];

  async function loaded(args: string[], input: string): Promise<string[]> {
    const trace = path.join(tempDir('headroom-trace-'), 'imports.txt');
    fs.writeFileSync(trace, '');
    const child = execFile(process.execPath, ['--import', path.join(REPO_ROOT, 'test/helpers/trace-imports.mjs'), BIN, ...args], {
      env: { ...process.env, ...ENV, HEADROOM_TRACE_IMPORTS: trace },
    });
    child.stdin!.end(input);
    await new Promise((resolve) => child.on('close', resolve));
    return fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  }

  it('compressing a log loads no HTML, parser, tokenizer or UI module', async () => {
    const urls = await loaded(['compress'], corpusCase('logs/loghub-hdfs').input);
    expect(urls.some((u) => u.includes('/dist/compressors/logs/logs.js'))).toBe(true);
    expect(urls.filter((u) => HEAVY.some((h) => u.includes(`/node_modules/${h}`)))).toEqual([]);
  });

  it('an HTML page loads the HTML libraries only then', async () => {
    const urls = await loaded(['compress'], corpusCase('html/readability-ars-1').input);
    expect(urls.some((u) => u.includes('/node_modules/linkedom/'))).toBe(true);
  });
});
