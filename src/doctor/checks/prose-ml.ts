import fs from 'node:fs';
import path from 'node:path';
import { loadModelFrom, modelDir, proseMlEnabled } from '../../compressors/prose-ml/index.js';
import { type Env, type Finding, ok, problem } from '../types.js';

// prose-ml's model loads as the compressor would load it (same folder, same
// checks): when it cannot, documents get the deterministic prose compressor,
// and this says why.

export async function checkProseMl(env: Env): Promise<Finding[]> {
  const dir = modelDir(env);
  const state = await loadModelFrom(dir);
  if (state.ok) {
    const m = state.model.manifest;
    const bytes = fs.statSync(path.join(dir, m.file)).size;
    const on = proseMlEnabled(env);
    const use = on ? 'on (HEADROOM_PROSE_ML=0 turns it off)' : 'off (HEADROOM_PROSE_ML=0): unset it to turn prose-ml on';
    return [ok('prose-ml', `model loads: ${path.join(dir, m.file)} (${(bytes / 1024 / 1024).toFixed(1)} MB, sha256 ${m.sha256.slice(0, 12)}); ${use}`, { dir, bytes, sha256: m.sha256, on })];
  }
  const fix = state.reason.includes('onnxruntime-node')
    ? 'reinstall headroom with the CUDA download skipped: ONNXRUNTIME_NODE_INSTALL=skip npm install -g headroom'
    : env.HEADROOM_PROSE_ML_MODEL
      ? 'unset HEADROOM_PROSE_ML_MODEL to use the model headroom ships'
      : 'reinstall headroom (npm install -g headroom) to restore models/prose-ml';
  return [problem('prose-ml', `prose-ml cannot load its model, so documents get the deterministic prose compressor: ${state.reason}`, fix, { dir })];
}
