import { checkAgents } from './checks/agents.js';
import { checkCa } from './checks/ca.js';
import { checkConfig } from './checks/config.js';
import { checkFolders } from './checks/folders.js';
import { checkNode } from './checks/node.js';
import { checkProseMl } from './checks/prose-ml.js';
import { checkStore } from './checks/store.js';
import type { Env, Finding } from './types.js';

export interface DoctorReport {
  /** No finding is a problem. */
  readonly healthy: boolean;
  readonly problems: number;
  readonly findings: readonly Finding[];
}

export interface DoctorInput {
  readonly env: Env;
  readonly nodeVersion: string;
  /** headroom's own `engines.node`. */
  readonly nodeWanted: string;
}

/** Every check, in the order a person fixes things: Node, config, store, folders, CA, prose-ml's model, agents. */
export async function runDoctor(o: DoctorInput): Promise<DoctorReport> {
  const findings: Finding[] = [...checkNode(o.nodeVersion, o.nodeWanted)];
  const { findings: configFindings, config } = checkConfig(o.env);
  findings.push(...configFindings);
  // The agents' --version runs take longest: started first, awaited last.
  const agents = checkAgents(o.env, o.nodeVersion);
  if (config) findings.push(...(await checkStore(config)), ...checkFolders(config, o.env), ...checkCa(config.dataDir));
  findings.push(...(await checkProseMl(o.env)));
  findings.push(...(await agents));
  const problems = findings.filter((f) => f.status === 'problem').length;
  return { healthy: problems === 0, problems, findings };
}
