import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AGENTS } from '../../wrap/agents/index.js';
import { findAgent } from '../../wrap/find-binary.js';
import { type Env, type Finding, note, ok, problem } from '../types.js';
import { satisfiesMinimum } from '../versions.js';

const VERSION_TIMEOUT_MS = 15_000;

/** `<agent> --version`, first line; undefined when it fails or hangs. */
function versionOf(binary: string, env: Env): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(binary, ['--version'], { env: env as NodeJS.ProcessEnv, timeout: VERSION_TIMEOUT_MS, maxBuffer: 1 << 20 }, (err, stdout) => {
      const line = String(stdout).split('\n').find((l) => l.trim() !== '')?.trim();
      resolve(err || !line ? undefined : line.slice(0, 80));
    }).stdin?.end();
  });
}

/** The `engines.node` of the npm package an agent's command belongs to, when it is one. */
function enginesOf(binary: string): { name: string; node: string } | undefined {
  let dir: string;
  try {
    dir = path.dirname(fs.realpathSync(binary));
  } catch {
    return undefined;
  }
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; engines?: { node?: string } };
      if (pkg.name) return pkg.engines?.node ? { name: pkg.name, node: pkg.engines.node } : undefined;
    } catch {
      // no package.json at this level
    }
  }
  return undefined;
}

/** Which agents are on PATH, with their versions; shims that run headroom wrap; agents that want a newer Node. */
export async function checkAgents(env: Env, nodeVersion: string): Promise<Finding[]> {
  const rows = await Promise.all(
    Object.values(AGENTS).map(async (p) => {
      const found = findAgent(p.binary, env);
      const version = found.binary ? await versionOf(found.binary, env) : undefined;
      return { p, found, version };
    }),
  );
  const out: Finding[] = [];
  for (const { p, found, version } of rows) {
    for (const shim of found.shims) {
      out.push(note('agents', `${shim} runs headroom wrap ${p.name} itself: headroom wrap skips it when it looks for ${p.binary}`, { agent: p.name, shim }));
    }
    if (!found.binary) continue;
    const data = { agent: p.name, binary: found.binary, ...(version && { version }) };
    out.push(ok('agents', `${p.name}: ${found.binary}${version ? ` (${version})` : ' (its --version gave no answer)'}`, data));
    const engines = enginesOf(found.binary);
    if (engines && satisfiesMinimum(nodeVersion, engines.node) === false) {
      out.push(note('agents', `${engines.name} asks for Node ${engines.node} and may warn on Node ${nodeVersion}; headroom itself runs on it`, { agent: p.name, wants: engines.node }));
    }
  }
  if (!rows.some((r) => r.found.binary)) {
    out.push(
      problem('agents', `no agent headroom wraps is on PATH (${Object.values(AGENTS).map((p) => p.binary).join(', ')})`, `install one, for example: ${AGENTS.claude.install}`),
    );
  }
  return out;
}
