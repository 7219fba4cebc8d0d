import { createRequire } from 'node:module';
import { renderDoctor, runDoctor as diagnose } from '../../doctor/index.js';
import { EXIT, ExitError } from '../errors.js';
import { writeOut } from '../write-out.js';

export interface DoctorFlags {
  readonly json?: boolean;
}

/** `headroom doctor`: the report on stdout; exit 1 when something needs fixing. */
export async function runDoctor(flags: DoctorFlags, env = process.env): Promise<void> {
  const pkg = createRequire(import.meta.url)('../../../package.json') as { engines: { node: string } };
  const report = await diagnose({ env, nodeVersion: process.versions.node, nodeWanted: pkg.engines.node });
  const color = !env.NO_COLOR && Boolean(process.stdout.isTTY);
  await writeOut(flags.json ? `${JSON.stringify(report)}\n` : renderDoctor(report, { color }));
  // The report said it all: exit 1 with no message of main's.
  if (!report.healthy) throw new ExitError('', EXIT.failure);
}
