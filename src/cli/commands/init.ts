import path from 'node:path';
import { type AgentAlias, SHELLS, headroomCommand, isShell, shellCode } from '../../init/index.js';
import { AGENTS } from '../../wrap/agents/index.js';
import { findAgent } from '../../wrap/find-binary.js';
import { UsageError } from '../errors.js';
import { writeOut } from '../write-out.js';

export interface InitFlags {
  readonly all?: boolean;
  readonly json?: boolean;
}

/** `headroom init [shell]`: aliases for the agents on PATH (or every agent with --all), as shell code. */
export async function runInit(shellArg: string | undefined, flags: InitFlags, env = process.env): Promise<void> {
  const shell = shellArg ?? path.basename(env.SHELL ?? '');
  if (!isShell(shell)) {
    throw new UsageError(
      shellArg === undefined
        ? `cannot tell your shell from SHELL=${JSON.stringify(env.SHELL ?? '')}: name it, one of ${SHELLS.join(', ')} (headroom init bash)`
        : `unknown shell ${JSON.stringify(shellArg)}: use one of ${SHELLS.join(', ')}`,
    );
  }
  const aliases: AgentAlias[] = Object.values(AGENTS)
    .filter((p) => flags.all === true || findAgent(p.binary, env).binary !== undefined)
    .map((p) => ({ command: p.binary, agent: p.name }));
  const headroom = headroomCommand(env);
  const code = shellCode(shell, headroom, aliases);
  if (flags.json) {
    await writeOut(`${JSON.stringify({ shell, headroom, aliases, code })}\n`);
    return;
  }
  if (aliases.length === 0) process.stderr.write('headroom init: no agent found on PATH: install one (headroom doctor says how), or add --all\n');
  await writeOut(code);
}
