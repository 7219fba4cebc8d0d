import { type Finding, note, ok, problem } from '../types.js';
import { satisfiesMinimum } from '../versions.js';

/** Node itself, against headroom's own `engines` (the wrapped agents' wishes are in agents.ts). */
export function checkNode(version: string, wanted: string): Finding[] {
  const fine = satisfiesMinimum(version, wanted);
  if (fine === false) {
    return [problem('node', `Node ${version}: headroom needs Node ${wanted.replace(/^>=\s*/, '')} or newer`, 'install Node 20 or 22 (nodejs.org, or your version manager: nvm install 22)', { version, wanted })];
  }
  if (fine === undefined) return [note('node', `Node ${version}: cannot compare it with ${wanted}`, { version, wanted })];
  return [ok('node', `Node ${version} (headroom needs ${wanted.replace(/^>=\s*/, '')} or newer)`, { version, wanted })];
}
