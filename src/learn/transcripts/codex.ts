import path from 'node:path';
import type { Session, Step, TranscriptFormat } from '../types.js';
import { type Json, isObj, str } from './transcript-io.js';
import { arr, clip, findFiles, jsonInput, num, parseJson, readJsonRecords } from './transcript-io.js';

// Codex rollouts: ~/.codex/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl, one
// {timestamp, type, payload} per line. Calls are response items (function_call,
// custom_tool_call, local_shell_call) answered by *_output items with the same
// call_id. Where the exit code lives depends on the tool: inside the output
// text for exec_command / shell_command, in a JSON envelope for shell and
// apply_patch, and for 0.16x's `exec` (JavaScript that runs nested commands)
// only in the item_completed CommandExecution events logged between the call
// and its output.

type MutableCall = { kind: 'call'; id: string; tool: string; command?: string; path?: string; input: string; at?: string };
type MutableResult = { kind: 'result'; id: string; isError: boolean; exitCode?: number; output: string; at?: string };

const SHELLS = /(^|\/)(ba|z|fi|da)?sh$|(^|\/)pwsh$|powershell(\.exe)?$/i;

/** [bash, -lc, script] -> script: the command the model wrote, not the wrapper Codex ran it in. */
export function unwrapShell(argv: readonly string[]): string {
  if (argv.length === 3 && SHELLS.test(argv[0] ?? '') && /^-\w*c$/.test(argv[1] ?? '')) return argv[2]!;
  return argv.join(' ');
}

function commandOf(input: unknown): string | undefined {
  if (typeof input === 'string') {
    // `exec` input is JavaScript: the first exec_command({cmd: "..."}) names the command.
    const m = /\bcmd"?\s*:\s*("(?:[^"\\]|\\.)*")/.exec(input);
    const cmd = m ? parseJson(m[1]!) : undefined;
    return typeof cmd === 'string' ? cmd : undefined;
  }
  if (!isObj(input)) return undefined;
  const c = input.cmd ?? input.command;
  if (typeof c === 'string') return c;
  if (Array.isArray(c) && c.every((x) => typeof x === 'string')) return unwrapShell(c as string[]);
  return undefined;
}

function pathOf(input: unknown): string | undefined {
  if (typeof input === 'string') return /\*\*\* (?:Update|Add|Delete) File: (.+)/.exec(input)?.[1]?.trim();
  if (!isObj(input)) return undefined;
  return str(input.path) ?? str(input.file_path);
}

/** Text and exit code of an output in any of the shapes Codex has written over its versions. */
export function readOutput(output: unknown): { text: string; exitCode?: number; failed: boolean } {
  if (Array.isArray(output)) {
    const texts = output.map((p) => (isObj(p) ? (str(p.text) ?? (p.type === 'input_image' ? '[image]' : '')) : ''));
    const header = texts[0] ?? '';
    let exitCode: number | undefined;
    // A script that returned a tool result whole prints it as JSON with its exit_code.
    for (const t of texts.slice(1)) exitCode ??= num((parseJson(t) as Json | undefined)?.exit_code);
    const body = /^Script \w+\n/.test(header) ? texts.slice(1).join('') : texts.join('');
    return { text: body, exitCode, failed: /^Script (failed|error)/i.test(header) };
  }
  if (isObj(output)) return { text: str(output.content) ?? '', failed: output.success === false };
  const text = str(output) ?? '';
  const envelope = text.startsWith('{') ? parseJson(text) : undefined;
  if (isObj(envelope) && 'output' in envelope) {
    const meta = isObj(envelope.metadata) ? envelope.metadata : {};
    return { text: str(envelope.output) ?? '', exitCode: num(meta.exit_code), failed: false };
  }
  // exec_command / shell_command put "Exit code: N" or "Process exited with code N" in a header before "Output:".
  const split = text.indexOf('\nOutput:\n');
  const header = split === -1 ? '' : text.slice(0, split);
  const code = /^(?:Exit code:|Process exited with code) (-?\d+)$/m.exec(header);
  return { text: split === -1 ? text : text.slice(split + 9), exitCode: code ? Number(code[1]) : undefined, failed: /^aborted/i.test(text) };
}

/** A user message Codex wrote itself (environment, AGENTS.md, skills), not one the person typed. */
function harnessText(payload: Json, text: string): boolean {
  const meta = payload.internal_chat_message_metadata_passthrough;
  const kinds = isObj(meta) ? arr(meta.content_item_kinds) : [];
  if (kinds.length > 0 && !kinds.includes('user.text')) return true;
  const t = text.trimStart();
  return /^<([\w-]+)[^>]*>[\s\S]*<\/\1>\s*$/.test(t) || t.startsWith('# AGENTS.md instructions');
}

const ITEM_TYPES = new Set(['message', 'function_call', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output', 'local_shell_call', 'reasoning']);

export async function readCodex(file: string): Promise<Session[]> {
  const { records, skipped } = await readJsonRecords(file);
  const steps: Array<MutableCall | MutableResult | Step> = [];
  const calls = new Map<string, MutableCall>();
  // Nested command executions seen since a call was made, until its output arrives.
  const nested = new Map<string, { exitCode?: number; ran: boolean; failed: boolean }>();
  const exitById = new Map<string, number>();
  const results = new Map<string, MutableResult>();
  let open: string | undefined;
  let id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i.exec(file)?.[1] ?? path.basename(file, '.jsonl');
  let cwd: string | undefined;
  let model: string | undefined;
  let sawMeta = false;

  for (const rec of records) {
    const at = str(rec.timestamp);
    // Before the {timestamp, type, payload} envelope (2025), a meta line and bare items were written.
    const enveloped = isObj(rec.payload);
    const payload = enveloped ? (rec.payload as Json) : rec;
    const type = enveloped ? str(rec.type) : undefined;
    if (type === 'session_meta' || (!enveloped && !rec.type && str(rec.id) && !sawMeta)) {
      sawMeta = true;
      id = str(payload.id) ?? str(payload.session_id) ?? id;
      cwd ??= str(payload.cwd);
      continue;
    }
    if (type === 'turn_context') {
      cwd ??= str(payload.cwd);
      model ??= str(payload.model);
      continue;
    }
    if (type === 'event_msg') {
      const ev = str(payload.type);
      const item = isObj(payload.item) ? payload.item : undefined;
      if (ev === 'turn_aborted' && payload.reason === 'interrupted') steps.push({ kind: 'user', text: 'Turn interrupted', interrupted: true, at });
      else if (ev === 'item_completed' && item?.type === 'CommandExecution' && open) {
        const argv = arr(item.command).filter((x): x is string => typeof x === 'string');
        const call = calls.get(open);
        if (call && argv.length > 0 && !nested.has(open)) call.command = unwrapShell(argv);
        const code = num(item.exit_code);
        const seen = nested.get(open) ?? { ran: false, failed: false };
        seen.ran ||= code === 0;
        if (code !== undefined && code !== 0) seen.exitCode ??= code;
        seen.failed ||= item.status === 'failed' || (code !== undefined && code !== 0);
        nested.set(open, seen);
      } else if (ev === 'exec_command_end') {
        const callId = str(payload.call_id);
        const code = num(payload.exit_code);
        if (callId && code !== undefined) {
          exitById.set(callId, code);
          const done = results.get(callId);
          if (done) Object.assign(done, { exitCode: done.exitCode ?? code, isError: done.isError || code !== 0 });
        }
      }
      continue;
    }
    if (type && type !== 'response_item') continue; // compacted, world_state, token usage: nothing to mine
    const kind = str(payload.type);
    if (!kind || !ITEM_TYPES.has(kind)) continue; // reasoning, web search, state lines: nothing to mine
    const callId = str(payload.call_id) ?? str(payload.id);
    if (kind === 'message' && payload.role === 'user') {
      const text = arr(payload.content).map((c) => (isObj(c) ? (str(c.text) ?? '') : '')).join('');
      if (text.trim() && !harnessText(payload, text)) steps.push({ kind: 'user', text: clip(text), at });
    } else if ((kind === 'function_call' || kind === 'custom_tool_call' || kind === 'local_shell_call') && callId) {
      const tool = str(payload.name) ?? (kind === 'local_shell_call' ? 'local_shell' : 'tool');
      const raw = kind === 'function_call' ? str(payload.arguments) : kind === 'custom_tool_call' ? str(payload.input) : payload.action;
      const input = kind === 'function_call' ? (parseJson(raw as string) ?? raw) : raw;
      const action = isObj(payload.action) ? arr(payload.action.command).filter((x): x is string => typeof x === 'string') : [];
      const command = kind === 'local_shell_call' ? (action.length ? unwrapShell(action) : undefined) : commandOf(input);
      const call: MutableCall = { kind: 'call', id: callId, tool, input: jsonInput(raw ?? ''), at };
      if (command) call.command = clip(command, 2048);
      const p = pathOf(input);
      if (p) call.path = p;
      calls.set(callId, call);
      steps.push(call);
      open = callId;
    } else if ((kind === 'function_call_output' || kind === 'custom_tool_call_output') && callId) {
      const out = readOutput(payload.output);
      const inner = nested.get(callId);
      // The first nested command that failed speaks for the script; 0 only when all succeeded.
      const exitCode = out.exitCode ?? inner?.exitCode ?? exitById.get(callId) ?? (inner?.ran ? 0 : undefined);
      const result: MutableResult = { kind: 'result', id: callId, isError: out.failed || inner?.failed === true || (exitCode !== undefined && exitCode !== 0), output: clip(out.text), at };
      if (exitCode !== undefined) result.exitCode = exitCode;
      results.set(callId, result);
      steps.push(result);
      if (open === callId) open = undefined;
    }
  }
  if (steps.length === 0 && records.length === 0 && skipped === 0) return [];
  return [{ agent: 'codex', id, cwd, file, steps, skipped, model }];
}

const KINDS = '(session_meta|response_item|event_msg|turn_context|compacted)';

/** Codex rollouts: ~/.codex/sessions/... and archived_sessions/ (CODEX_HOME moves ~/.codex). */
export const codexTranscripts: TranscriptFormat = {
  agent: 'codex',
  locate(home, env) {
    const root = env.CODEX_HOME || path.join(home, '.codex');
    const rollout = (n: string) => /^rollout-.*\.jsonl$/.test(n);
    return [...findFiles(path.join(root, 'sessions'), rollout, 4), ...findFiles(path.join(root, 'archived_sessions'), rollout, 4)];
  },
  recognizes(file, head) {
    if (/^rollout-.*\.jsonl$/.test(path.basename(file))) return true;
    // The first line can be tens of KB (base instructions): look at its start, not a parse of it.
    return new RegExp(`^\\{[^\\n]{0,200}"type":"${KINDS}"`).test(head) && /"payload":\{/.test(head.split('\n', 1)[0] ?? '');
  },
  read: readCodex,
};
