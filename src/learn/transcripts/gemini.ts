import fs from 'node:fs';
import path from 'node:path';
import type { Session, Step, TranscriptFormat } from '../types.js';
import { type Json, isObj, str } from './transcript-io.js';
import { arr, clip, findFiles, jsonInput, parseJson, readJsonRecords, readLines } from './transcript-io.js';

// Gemini CLI: ~/.gemini/tmp/<project>/chats/session-<date>-<id8>.jsonl (and
// the older whole-file session-*.json). The JSONL is a log of edits to one
// conversation record: a metadata line, message lines (the same id written
// again as it grows: a gemini turn first without, then with its toolCalls),
// {"$set": {...}} (a `messages` array replaces them all) and {"$rewindTo": id}
// (drops that message and every later one). It is replayed here the way the
// CLI replays it. A tool call's status is "success" even when the command
// exited non-zero: the exit code is only in the output text ("Exit Code: 2").

const SESSION_FILE = /^session-.*\.jsonl?$/;

/** The conversation's messages after replaying every edit line, plus its metadata. */
function replay(records: Json[]): { meta: Json; messages: Json[] } {
  const messages = new Map<string, Json>();
  let meta: Json = {};
  const setAll = (list: unknown) => {
    messages.clear();
    for (const m of arr(list)) if (isObj(m) && str(m.id)) messages.set(m.id as string, m);
  };
  for (const rec of records) {
    const rewind = str(rec.$rewindTo);
    if (rewind !== undefined) {
      const ids = [...messages.keys()];
      const at = ids.indexOf(rewind);
      for (const id of at === -1 ? ids : ids.slice(at)) messages.delete(id);
    } else if (str(rec.id)) messages.set(rec.id as string, rec);
    else if (isObj(rec.$set)) {
      if (Array.isArray(rec.$set.messages)) setAll(rec.$set.messages);
      meta = { ...meta, ...rec.$set, messages: undefined };
    } else if (str(rec.sessionId)) {
      meta = { ...meta, ...rec };
      if (Array.isArray(rec.messages)) setAll(rec.messages);
    }
  }
  return { meta, messages: [...messages.values()] };
}

const textOf = (content: unknown): string =>
  typeof content === 'string' ? content : arr(content).map((p) => (isObj(p) ? (str(p.text) ?? '') : '')).join('');

/** The text a tool's result carried to the model: functionResponse output or error, else what the UI showed. */
function resultText(call: Json): string {
  for (const part of arr(call.result)) {
    const response = isObj(part) && isObj(part.functionResponse) ? part.functionResponse.response : undefined;
    if (isObj(response)) {
      const text = str(response.output) ?? str(response.error) ?? str(response.llmContent) ?? JSON.stringify(response);
      return text.replace(/^<untrusted_context>\n?|\n?<\/untrusted_context>$/g, '');
    }
  }
  return str(call.resultDisplay) ?? '';
}

/** Where the session ran: .project_root beside chats/ (written since 0.2x), else the first workspace folder it was told about. */
function cwdOf(file: string, messages: Json[]): string | undefined {
  try {
    const root = fs.readFileSync(path.join(path.dirname(path.dirname(file)), '.project_root'), 'utf8').trim();
    if (root) return root;
  } catch {
    // older layouts name the folder by a hash of the path and keep no .project_root
  }
  for (const m of messages) {
    const text = m.type === 'user' ? textOf(m.content) : '';
    const dir = /Workspace Directories:\*{0,2}\n\s*- (.+)/.exec(text)?.[1] ?? /I'm currently working in the directory: (.+)/.exec(text)?.[1];
    if (dir) return dir.trim();
  }
  return undefined;
}

function toolSteps(call: Json, at: string | undefined, steps: Step[]): void {
  const id = str(call.id) ?? '';
  const args = isObj(call.args) ? call.args : {};
  const command = str(args.command);
  const file = str(args.file_path) ?? str(args.absolute_path) ?? str(args.path) ?? str(args.dir_path);
  const when = str(call.timestamp) ?? at;
  steps.push({ kind: 'call', id, tool: str(call.name) ?? '?', input: jsonInput(args), at: when, ...(command !== undefined && { command }), ...(file !== undefined && { path: file }) });
  const status = str(call.status);
  if (status !== 'success' && status !== 'error' && status !== 'cancelled') return; // still running when the file was written
  const output = resultText(call);
  const code = /^Exit Code: (-?\d+)/m.exec(output);
  const exitCode = code ? Number(code[1]) : undefined;
  const hasError = arr(call.result).some((p) => isObj(p) && isObj(p.functionResponse) && isObj(p.functionResponse.response) && 'error' in p.functionResponse.response);
  const isError = status !== 'success' || hasError || (exitCode !== undefined && exitCode !== 0);
  steps.push({ kind: 'result', id, isError, output: clip(output), at: when, ...(exitCode !== undefined && { exitCode }) });
  // "cancelled": the person said no to the call ("User denied execution") or stopped it running.
  if (status === 'cancelled') {
    const refused = /denied|did not allow|rejected/i.test(output);
    steps.push({ kind: 'user', text: clip(output || 'Tool call cancelled'), at: when, ...(refused ? { refused: true } : { interrupted: true }) });
  }
}

export async function readGemini(file: string): Promise<Session[]> {
  let records: Json[];
  let skipped: number;
  if (file.endsWith('.json')) {
    // The older format: the whole conversation record as one JSON document.
    let text = '';
    let unreadable = 0;
    for await (const line of readLines(file)) {
      if (line.text === undefined) unreadable++;
      else text += `${line.text}\n`;
    }
    const doc = parseJson(text);
    records = isObj(doc) ? [doc] : [];
    skipped = unreadable + (isObj(doc) || text === '' ? 0 : 1);
  } else ({ records, skipped } = await readJsonRecords(file));
  const { meta, messages } = replay(records);
  if (records.length === 0 && skipped === 0) return [];
  const steps: Step[] = [];
  let model: string | undefined;
  for (const m of messages) {
    const at = str(m.timestamp);
    if (m.type === 'user') {
      const text = textOf(m.content);
      // Tool results come back as user messages of functionResponse parts; the call already holds them.
      if (text.trim() && !/^\s*<session_context>/.test(text)) steps.push({ kind: 'user', text: clip(text), at });
    } else if (m.type === 'gemini') {
      model ??= str(m.model);
      for (const call of arr(m.toolCalls)) if (isObj(call)) toolSteps(call, at, steps);
    }
  }
  const id = str(meta.sessionId) ?? path.basename(file).replace(/\.jsonl?$/, '');
  return [{ agent: 'gemini', id, cwd: cwdOf(file, messages), file, steps, skipped, model }];
}

/** Gemini CLI chats: <GEMINI_CLI_HOME or home>/.gemini/tmp/<project>/chats/session-*.json(l). */
export const geminiTranscripts: TranscriptFormat = {
  agent: 'gemini',
  locate(home, env) {
    const tmp = path.join(env.GEMINI_CLI_HOME || home, '.gemini', 'tmp');
    let projects: string[] = [];
    try {
      projects = fs.readdirSync(tmp);
    } catch {
      return [];
    }
    return projects.flatMap((p) => findFiles(path.join(tmp, p, 'chats'), (n) => SESSION_FILE.test(n), 1));
  },
  recognizes(file, head) {
    const first = parseJson(head.split('\n', 1)[0] ?? '');
    const looksLike = isObj(first) && str(first.sessionId) !== undefined && str(first.projectHash) !== undefined;
    const legacy = /^\{\s*"sessionId":\s*"[^"]*",\s*"projectHash":/.test(head);
    return looksLike || legacy || (SESSION_FILE.test(path.basename(file)) && path.basename(path.dirname(file)) === 'chats');
  },
  read: readGemini,
};
