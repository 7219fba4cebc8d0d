import path from 'node:path';
import Database from 'better-sqlite3';
import type { Session, Step, TranscriptFormat } from '../types.js';
import { type Json, isObj, str } from './transcript-io.js';
import { clip, findFiles, isFile, isoTime, jsonInput, num, parseJson } from './transcript-io.js';

// opencode keeps every session in one SQLite database,
// $XDG_DATA_HOME/opencode/opencode.db (opencode-<channel>.db on non-release
// channels, OPENCODE_DB to move it): tables session (id, directory, model...),
// message (id, session_id, time_created, data JSON {role, error...}) and part
// (id, message_id, data JSON). A tool part is {type:"tool", tool, callID,
// state:{status, input, output | error, metadata:{exit}, time:{start,end}}};
// a bash call that exits non-zero is still status "completed", so the exit
// code comes from state.metadata.exit. A database that cannot be read (locked,
// corrupt, not opencode's) is one skipped record, never an error.

type Row = { id: string; data: string };

function toolSteps(part: Json, steps: Step[]): void {
  const id = str(part.callID) ?? str(part.id) ?? '';
  const state = isObj(part.state) ? part.state : {};
  const input = isObj(state.input) ? state.input : {};
  const time = isObj(state.time) ? state.time : {};
  const command = str(input.command);
  const file = str(input.filePath) ?? str(input.path);
  const start = isoTime(time.start);
  steps.push({ kind: 'call', id, tool: str(part.tool) ?? '?', input: jsonInput(state.input ?? {}), at: start, ...(command !== undefined && { command }), ...(file !== undefined && { path: file }) });
  if (state.status !== 'completed' && state.status !== 'error') return; // pending or running when last written
  const meta = isObj(state.metadata) ? state.metadata : {};
  const exitCode = num(meta.exit);
  const output = str(state.output) ?? str(state.error) ?? '';
  const isError = state.status === 'error' || (exitCode !== undefined && exitCode !== 0);
  const at = isoTime(time.end) ?? start;
  steps.push({ kind: 'result', id, isError, output: clip(output), at, ...(exitCode !== undefined && { exitCode }) });
  if (state.status === 'error' && /user rejected permission|user dismissed/i.test(output)) steps.push({ kind: 'user', text: clip(output), refused: true, at });
}

/** The steps of one session, and how many of its rows were not JSON. */
function sessionSteps(db: Database.Database, sessionId: string): { steps: Step[]; skipped: number; model?: string } {
  const steps: Step[] = [];
  let skipped = 0;
  let model: string | undefined;
  const messages = db.prepare('SELECT id, data FROM message WHERE session_id = ? ORDER BY time_created, id').all(sessionId) as Row[];
  const parts = db.prepare('SELECT id, message_id, data FROM part WHERE session_id = ? ORDER BY id').all(sessionId) as Array<Row & { message_id: string }>;
  const byMessage = new Map<string, Row[]>();
  for (const p of parts) byMessage.set(p.message_id, [...(byMessage.get(p.message_id) ?? []), p]);
  for (const row of messages) {
    const message = parseJson(row.data);
    if (!isObj(message)) {
      skipped++;
      continue;
    }
    const at = isoTime(isObj(message.time) ? message.time.created : undefined);
    if (message.role === 'assistant') model ??= str(message.modelID);
    for (const p of byMessage.get(row.id) ?? []) {
      const part = parseJson(p.data);
      if (!isObj(part)) {
        skipped++;
        continue;
      }
      if (part.type === 'tool') toolSteps(part, steps);
      else if (part.type === 'text' && message.role === 'user' && part.synthetic !== true) {
        const text = str(part.text) ?? '';
        if (text.trim()) steps.push({ kind: 'user', text: clip(text), at });
      }
    }
    // Esc in the TUI aborts the reply: the message records it as its error.
    const error = isObj(message.error) ? message.error : undefined;
    if (error?.name === 'MessageAbortedError') steps.push({ kind: 'user', text: 'Interrupted', interrupted: true, at });
  }
  return { steps, skipped, model };
}

function modelOf(column: unknown): string | undefined {
  const value = typeof column === 'string' ? parseJson(column) : undefined;
  return isObj(value) ? (str(value.id) ?? str(value.modelID)) : undefined;
}

export async function readOpencode(file: string): Promise<Session[]> {
  const unreadable: Session = { agent: 'opencode', id: path.basename(file), file, steps: [], skipped: 1 };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 2000 });
    const sessions = db.prepare('SELECT * FROM session ORDER BY time_created, id').all() as Json[];
    const out: Session[] = [];
    for (const s of sessions) {
      const id = str(s.id) ?? '?';
      const { steps, skipped, model } = sessionSteps(db, id);
      out.push({ agent: 'opencode', id, cwd: str(s.directory), file, steps, skipped, model: modelOf(s.model) ?? model });
    }
    return out;
  } catch {
    // SQLITE_BUSY, SQLITE_CORRUPT, SQLITE_NOTADB, no such table: the whole database is one unreadable record.
    return [unreadable];
  } finally {
    db?.close();
  }
}

const DB_NAME = /^opencode(-[\w.-]+)?\.db$/;

/** opencode's database(s): <XDG_DATA_HOME or ~/.local/share>/opencode/opencode*.db, or OPENCODE_DB. */
export const opencodeTranscripts: TranscriptFormat = {
  agent: 'opencode',
  locate(home, env) {
    const dir = path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'opencode');
    const found = findFiles(dir, (n) => DB_NAME.test(n), 0);
    const custom = env.OPENCODE_DB && env.OPENCODE_DB !== ':memory:' ? path.resolve(dir, env.OPENCODE_DB) : undefined;
    if (custom && isFile(custom) && !found.includes(custom)) found.push(custom);
    return found;
  },
  recognizes(file, head) {
    return DB_NAME.test(path.basename(file)) && (head === '' || head.startsWith('SQLite format 3'));
  },
  read: readOpencode,
};
