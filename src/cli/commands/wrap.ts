import { AGENT_NAMES, profileFor } from '../../wrap/agents/index.js';
import { WrapSetupError } from '../../wrap/errors.js';
import { findAgent } from '../../wrap/find-binary.js';
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

/**
 * Set in the agent's environment to `<agent>=<binary>`: a wrap started under
 * it for the same agent and binary is a loop (a shim we could not recognise
 * that runs `headroom wrap` again), stopped before it starts anything.
 */
export const WRAPPED_VAR = 'HEADROOM_WRAPPED';

function locate(agent: string, binaryName: string, install: string, env: NodeJS.ProcessEnv): string {
  const { binary, shims } = findAgent(binaryName, env);
  const skipped = shims.length ? ` (skipped ${shims.join(', ')}: ${shims.length === 1 ? 'it runs' : 'they run'} headroom wrap itself)` : '';
  if (!binary) {
    throw new ExitError(`${binaryName} was not found on PATH${skipped}. Install it with:\n  ${install}\nthen run headroom wrap ${agent} again.`, NOT_FOUND);
  }
  if (env[WRAPPED_VAR] === `${agent}=${binary}`) {
    throw new ExitError(
      `stopped: headroom wrap ${agent} is already running ${binary} above this one, so ${binary} seems to start headroom wrap again. ` +
        `Put the real ${binaryName} before it on PATH, or replace that shim with an alias: eval "$(headroom init bash)".`,
      EXIT.failure,
    );
  }
  return binary;
}

export async function runWrap(agent: string, args: readonly string[], flags: WrapFlags, env = process.env): Promise<number> {
  const profile = profileFor(agent);
  if (!profile) throw new UsageError(`unknown agent ${JSON.stringify(agent)}; headroom wraps: ${AGENT_NAMES.join(', ')}`);
  const binary = locate(agent, profile.binary, profile.install, env);
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
      env: { ...env, [WRAPPED_VAR]: `${agent}=${binary}` },
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
