import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceSession } from 'onnxruntime-node';
import { FEATURES } from './features.js';

// The shipped model, loaded once per process (per worker thread in the proxy)
// on first use and never on the request path of anything but prose. It is
// checked against its manifest's SHA-256 before onnxruntime sees it, so a
// damaged file is a clear reason, not a crash. Inference runs on one intra-op
// thread: the machine's cores belong to the agent and the proxy's other
// workers, and one thread keeps the arithmetic, and so the output, identical
// in every process.

/** What models/prose-ml/model.json says of the model beside it (written by scripts/prose-ml/train.py). */
export interface Manifest {
  readonly file: string;
  readonly sha256: string;
  /** A unit goes when its logit is above this (and it is not must-keep). */
  readonly threshold: number;
  readonly buckets: number;
  readonly features: readonly string[];
}

export interface Model {
  readonly manifest: Manifest;
  /** Drop logits, one per unit, rounded so that a last-bit difference cannot flip a decision. */
  logits(ids: BigInt64Array, feats: Float32Array): Promise<Float32Array>;
}

export type ModelState = { readonly ok: true; readonly model: Model; readonly dir: string } | { readonly ok: false; readonly reason: string; readonly dir: string };

/** Units per inference call: bounds the tensors' memory on a long document. */
const CHUNK = 2048;
const F = FEATURES.length;

/** The model's folder: HEADROOM_PROSE_ML_MODEL, else models/prose-ml in headroom's own package. */
export function modelDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.HEADROOM_PROSE_ML_MODEL || fileURLToPath(new URL('../../../models/prose-ml/', import.meta.url));
}

let loading: Promise<ModelState> | undefined;

/** The model, loaded on the first call (later calls share it); never rejects. */
export function loadModel(): Promise<ModelState> {
  loading ??= load(modelDir());
  return loading;
}

/** Loads a model folder afresh (doctor, tests): the state says why when it cannot. */
export async function load(dir: string): Promise<ModelState> {
  const fail = (reason: string): ModelState => ({ ok: false, reason, dir });
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as Manifest;
  } catch (err) {
    return fail(`cannot read ${path.join(dir, 'model.json')}: ${message(err)}`);
  }
  if (manifest.features?.join() !== FEATURES.join() || typeof manifest.threshold !== 'number') {
    return fail(`${path.join(dir, 'model.json')} describes other features than this headroom computes`);
  }
  const file = path.join(dir, manifest.file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return fail(`cannot read ${file}: ${message(err)}`);
  }
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  if (sha !== manifest.sha256) return fail(`${file} is damaged: its SHA-256 is ${sha.slice(0, 12)}..., the manifest says ${manifest.sha256.slice(0, 12)}...`);
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (err) {
    return fail(`onnxruntime-node is not installed or does not load: ${message(err)}`);
  }
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
  } catch (err) {
    return fail(`onnxruntime cannot load ${file}: ${message(err)}`);
  }
  const model: Model = {
    manifest,
    async logits(ids, feats) {
      const out = new Float32Array(ids.length);
      for (let at = 0; at < ids.length; at += CHUNK) {
        const n = Math.min(CHUNK, ids.length - at);
        const r = await session.run({
          ids: new ort.Tensor('int64', ids.subarray(at, at + n), [1, n]),
          feats: new ort.Tensor('float32', feats.subarray(at * F, (at + n) * F), [1, n, F]),
        });
        const data = r.logits!.data as Float32Array;
        for (let k = 0; k < n; k++) out[at + k] = Math.round(data[k]! * 1000) / 1000;
      }
      return out;
    },
  };
  return { ok: true, model, dir };
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
}
