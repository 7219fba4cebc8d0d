import { AGENT_NAMES, profileFor } from '../../wrap/agents/index.js';
import { WrapSetupError } from '../../wrap/errors.js';
import { findOnPath } from '../../wrap/find-binary.js';
import { type WrapSummary, summaryLine } from '../../wrap/summary.js';
import { EXIT, ExitError, UsageError } from '../errors.js';
import { configuredOrExplain, openConfiguredStore } from '../open-store.js';
import { sessionFacts } from './session-facts.js';

// `headroom wrap <agent> [agent args...]`: the agent as the user always runs
// it, pointed at a private compressing endpoint for this session only. The
// environment is read here; the session takes values. Exits with the agent's
// own status.

export interface WrapFlags {
  readonly compress?: boolean;
  readonly jsonSummary?: string;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly memory?: boolean;
}

/** Command not found, as a shell says it. */
const NOT_FOUND = 127;

export async function runWrap(agent: string, args: readonly string[], flags: WrapFlags, env = process.env): Promise<number> {
  const profile = profileFor(agent);
  if (!profile) throw new UsageError(`unknown agent ${JSON.stringify(agent)}; headroom wraps: ${AGENT_NAMES.join(', ')}`);
  const binary = findOnPath(profile.binary, env);
  if (!binary) {
    throw new ExitError(`${profile.binary} was not found on PATH. Install it with:\n  ${profile.install}\nthen run headroom wrap ${agent} again.`, NOT_FOUND);
  }
  const config = configuredOrExplain();
  const memory = flags.memory ? await sessionFacts(config, process.cwd()) : undefined;
  const { runWrap: session } = await import('../../wrap/session.js');
  const say = (line: string) => process.stderr.write(`${line}\n`);
  let summary: WrapSummary;
  try {
    summary = await session({
      profile,
      binary,
      args,
      env,
      cwd: process.cwd(),
      config,
      compress: flags.compress !== false,
      openStore: (onWarning) => openConfiguredStore(onWarning),
      terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      say,
      verbose: flags.verbose === true,
      ...(memory && { memory }),
    });
  } catch (err) {
    if (err instanceof WrapSetupError) {
      if (err.kind === 'usage') throw new UsageError(err.message, { cause: err });
      throw new ExitError(err.message, err.kind === 'not-found' ? NOT_FOUND : EXIT.failure, { cause: err });
    }
    throw err;
  }
  process.stderr.write(flags.json ? `${JSON.stringify(summary)}\n` : summaryLine(summary));
  if (flags.jsonSummary) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(flags.jsonSummary, `${JSON.stringify(summary, null, 2)}\n`, { mode: 0o600 });
  }
  return summary.exitCode;
}
