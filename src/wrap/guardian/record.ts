import fs from 'node:fs';
import path from 'node:path';
import { isJsonObject } from '../../json-object.js';
import type { ProcId } from './proc.js';

// What a session folder says about the session that made it: who runs it, and
// the mark its processes carry. The guardian reads it when wrap dies, and the
// next wrap reads it to tell a dead session from a live one (pid and start
// time, so a reused pid is not taken for it) and to find what it left behind.

/** The variable every process of a session inherits: its value names the session. */
export const SESSION_VAR = 'HEADROOM_WRAP_SESSION';

const FILE = 'session.json';

export interface SessionRecord {
  /** Random, per session: the value of SESSION_VAR in the agent's environment. */
  readonly marker: string;
  readonly wrap: ProcId;
  readonly guardian?: ProcId;
  readonly agent?: ProcId;
  /** The agent leads a terminal session of its own (under the PTY): everything in that session is the session's. */
  readonly agentLeadsSession?: boolean;
}

/** Written whole or not at all (a rename), owner-only: a reader never sees half a record. */
export function writeRecord(dir: string, record: SessionRecord): void {
  const tmp = path.join(dir, `.${FILE}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, FILE));
}

function procId(v: unknown): ProcId | undefined {
  if (!isJsonObject(v) || !Number.isInteger(v.pid) || (v.pid as number) <= 0) return undefined;
  return typeof v.start === 'number' ? { pid: v.pid as number, start: v.start } : { pid: v.pid as number };
}

/** The folder's record, or undefined when it has none (a session of an older headroom) or it cannot be read. */
export function readRecord(dir: string): SessionRecord | undefined {
  let v: unknown;
  try {
    v = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isJsonObject(v) || typeof v.marker !== 'string' || !/^[\w-]{8,}$/.test(v.marker)) return undefined;
  const wrap = procId(v.wrap);
  if (!wrap) return undefined;
  const guardian = procId(v.guardian);
  const agent = procId(v.agent);
  return { marker: v.marker, wrap, ...(guardian && { guardian }), ...(agent && { agent }), ...(v.agentLeadsSession === true && { agentLeadsSession: true }) };
}
