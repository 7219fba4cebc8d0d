import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { proseCompressor } from '../../../src/compressors/prose/index.js';
import { loadModelFrom, modelDir, proseMlCompressor } from '../../../src/compressors/prose-ml/index.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { checkProseMl } from '../../../src/doctor/checks/prose-ml.js';
import { createCompressRunner, createInlineRunner } from '../../../src/intercept/pool/index.js';
import { headroom, isolatedEnv } from '../../helpers/cli.js';
import { REPO_ROOT, tuningCases } from '../../helpers/corpus.js';
import { contextFor, runCompressorContract } from '../contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

// prose-ml with the model shipped in the repo: the shared contract on the wide
// corpus's prose (none of it training text), loading with no network, the same
// bytes in two processes, and the deterministic compressor whenever the model
// is missing or damaged.

// prose-ml is on unless HEADROOM_PROSE_ML=0: these tests run in whatever environment vitest was given, without it.
delete process.env.HEADROOM_PROSE_ML;

runCompressorContract(proseMlCompressor, {
  cases: tuningCases('prose'),
  needleShare: 0.9,
  // What is not a document of 4,000 characters or more (--help output, short pages) goes to prose-structure.
  declinesTo: proseCompressor,
});

const doc = fs.readFileSync(path.join(REPO_ROOT, 'bench/prose-ml/etcd-faq/input.txt'), 'utf8');

describe('the shipped model', () => {
  it('loads from the repository folder, under 20 MB, with nothing fetched', async () => {
    const dir = modelDir({});
    expect(dir).toBe(path.join(REPO_ROOT, 'models/prose-ml/'));
    const state = await loadModelFrom(dir);
    expect(state.ok ? 'loaded' : state.reason).toBe('loaded');
    const total = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    expect(total).toBeLessThan(20 * 1024 * 1024);
  });

  it('removes filler words and keeps every inline code span and number of a document', async () => {
    const ctx = { budgetTokens: Number.MAX_SAFE_INTEGER, lossy: false, estimateTokens };
    await proseMlCompressor.prepare!(doc, ctx);
    const out = proseMlCompressor.compress(doc, ctx);
    expect(out.form).toBe('words');
    expect(out.text.split('\n')[0]).toMatch(/^\[headroom: \d+ words omitted/);
    expect(estimateTokens(out.text)).toBeLessThan(estimateTokens(doc) * 0.95);
    for (const span of new Set(doc.match(/`[^`\n]+`/g))) expect(out.text).toContain(span);
    for (const n of new Set(doc.match(/\b\d+(?:\.\d+)*\b/g))) expect(out.text).toContain(n);
  });

  it('gives the deterministic compressor\'s output for text below its size', async () => {
    const small = doc.slice(0, 3000);
    const ctx = contextFor(small);
    await proseMlCompressor.prepare!(small, ctx);
    expect(proseMlCompressor.compress(small, ctx)).toEqual(proseCompressor.compress(small, ctx));
  });
});

/** `headroom compress --json` on the document in a fresh process. */
async function compressIn(env: Record<string, string>) {
  const r = await headroom(['compress', '--no-store', '--json', '-'], { input: doc, env: { ...isolatedEnv(), ...env } });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout.toString()) as { text: string; parts: { compressor: string }[] };
}

const spoilt: string[] = [];
afterAll(() => {
  for (const dir of spoilt) fs.rmSync(dir, { recursive: true, force: true });
});

/** A model folder copied from the repo, changed by `spoil` (removed after the tests). */
function spoiltModel(spoil: (dir: string) => void): string {
  const dir = tempDir('headroom-prose-ml-');
  spoilt.push(dir);
  for (const f of fs.readdirSync(modelDir({}))) fs.copyFileSync(path.join(modelDir({}), f), path.join(dir, f));
  spoil(dir);
  return dir;
}

describe('across processes', () => {
  it("gives in the proxy's worker threads the bytes it gives inline", { timeout: 60_000 }, async () => {
    const worker = path.join(REPO_ROOT, 'dist', 'intercept', 'pool', 'worker.js');
    const pool = createCompressRunner({ workerFile: worker, threads: 1 });
    try {
      const task = { text: doc, tool: 'Read', tokens: estimateTokens(doc) };
      const later = performance.now() + 50_000;
      const [a, b] = await Promise.all([pool.run(task, later), createInlineRunner().run(task, later)]);
      if (!a.ok || !b.ok || a.result.kind !== 'compressed' || b.result.kind !== 'compressed') throw new Error('not compressed');
      expect(a.result.event.compressor).toBe('prose-ml');
      expect(a.result.text).toBe(b.result.text);
    } finally {
      await pool.close();
    }
  });

  it('is on by default, and off when HEADROOM_PROSE_ML=0 says so: documents then get the deterministic compressor', { timeout: 60_000 }, async () => {
    const on = await compressIn({});
    expect(on.parts.map((p) => p.compressor)).toEqual(['prose-ml']);
    const off = await compressIn({ HEADROOM_PROSE_ML: '0' });
    expect(off.parts.map((p) => p.compressor)).toEqual(['prose-structure']);
    expect(off.text).not.toMatch(/words omitted/);
  });

  it('gives the same bytes in two processes', { timeout: 60_000 }, async () => {
    const [a, b] = await Promise.all([compressIn({}), compressIn({})]);
    expect(a.parts.map((p) => p.compressor)).toEqual(['prose-ml']);
    expect(a.text).toMatch(/words omitted/);
    expect(b.text).toBe(a.text);
  });

  it('falls back to the deterministic compressor when the model is missing or damaged, and doctor says why', { timeout: 180_000 }, async () => {
    const missing = spoiltModel((dir) => fs.rmSync(path.join(dir, 'model.onnx')));
    const damaged = spoiltModel((dir) => {
      const f = path.join(dir, 'model.onnx');
      const bytes = fs.readFileSync(f);
      const mid = bytes.length >> 1;
      bytes[mid] = bytes[mid]! ^ 0xff;
      fs.writeFileSync(f, bytes);
    });
    const truncated = spoiltModel((dir) => {
      const f = path.join(dir, 'model.onnx');
      fs.writeFileSync(f, fs.readFileSync(f).subarray(0, 1000));
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      // A manifest that agrees with the cut file: onnxruntime itself must refuse it.
      manifest.sha256 = crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(manifest));
    });
    const withModel = await compressIn({});
    const outs: string[] = [];
    for (const [dir, why] of [[missing, 'cannot read'], [damaged, 'damaged'], [truncated, 'onnxruntime cannot load']] as const) {
      const out = await compressIn({ HEADROOM_PROSE_ML_MODEL: dir });
      expect(out.text).not.toMatch(/words omitted/);
      expect(out.text).not.toBe(withModel.text);
      outs.push(out.text);
      const [finding] = await checkProseMl({ HEADROOM_PROSE_ML_MODEL: dir });
      expect(finding?.status).toBe('problem');
      expect(finding?.message).toContain(why);
      expect(finding?.fix).toContain('HEADROOM_PROSE_ML_MODEL');
    }
    // The command itself, once: its report names the reason and the fix.
    const d = await headroom(['doctor', '--json'], { env: { ...isolatedEnv(), HEADROOM_PROSE_ML_MODEL: damaged } });
    expect(d.code).toBe(1);
    const finding = (JSON.parse(d.stdout.toString()).findings as { area: string; status: string; message: string }[]).find((f) => f.area === 'prose-ml');
    expect(finding).toMatchObject({ status: 'problem', message: expect.stringContaining('damaged') });
    expect(new Set(outs).size).toBe(1);
  });

  it('is the deterministic compressor, byte for byte, when the model gave it nothing', () => {
    const other = `${doc}\n`; // never prepared
    const ctx = contextFor(other);
    expect(proseMlCompressor.compress(other, ctx)).toEqual(proseCompressor.compress(other, ctx));
  });
});
