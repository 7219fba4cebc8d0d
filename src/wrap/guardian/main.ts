import fs from 'node:fs';
import { appendLogLine } from '../session-log.js';
import { endSessionProcesses } from './end-session.js';
import { readRecord } from './record.js';

// The guardian's second stage (see start.ts): wrap is dead. End everything
// the session started, say so in its log, remove its folder, then exit,
// which closes the listening sockets held since the session began: by then
// no process of the session is left to send them anything. The guardian's
// own entry point, so it is the one place besides the CLI's that ends a process.

const [sessionDir, marker, logFile] = process.argv.slice(2);

async function main(): Promise<number> {
  if (!sessionDir || !marker || !logFile) return 2;
  const record = readRecord(sessionDir);
  const ended = await endSessionProcesses({ marker, ...(record?.agent && { agent: record.agent }), agentLeadsSession: record?.agentLeadsSession === true });
  appendLogLine(logFile, `wrap ended without closing the session: ended ${ended} of its processes`);
  fs.rmSync(sessionDir, { recursive: true, force: true });
  return 0;
}

process.exitCode = await main().catch(() => 1);
