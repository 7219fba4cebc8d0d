import path from 'node:path';
import type { Session, Step, ToolCall, ToolResult, TranscriptFormat } from '../types.js';
import { type Json, isObj, str } from './transcript-io.js';
import { arr, clip, findFiles, jsonInput, num, readJsonRecords } from './transcript-io.js';

// GitHub Copilot CLI: ~/.copilot/session-state/<id>/events.jsonl, one
// {type, data, id, timestamp, parentId} event per line. Calls are announced
// in assistant.message toolRequests (and again by tool.execution_start) and
// answered by tool.execution_complete. `success` is true for a shell command
// that exited non-zero: the exit code is in data.shellExecution.exitCode (also
// toolTelemetry.metrics.exit_code and a "<shellId: N completed with exit code
// X>" trailer in the result). A call the person denied at the prompt is a
// permission.completed "denied-interactively-by-user" before the failure.

function callStep(req: Json, at: string | undefined): ToolCall | undefined {
  const id = str(req.toolCallId);
  if (!id) return undefined;
  const args = isObj(req.arguments) ? req.arguments : {};
  const command = str(args.command);
  const file = str(args.path) ?? str(args.file_path) ?? str(args.filePath);
  const tool = str(req.name) ?? str(req.toolName) ?? '?';
  return { kind: 'call', id, tool, input: jsonInput(req.arguments ?? {}), at, ...(command !== undefined && { command }), ...(file !== undefined && { path: file }) };
}

/** Exit code wherever this version put it. */
function exitCodeOf(data: Json, output: string): number | undefined {
  const shell = isObj(data.shellExecution) ? num(data.shellExecution.exitCode) : undefined;
  const telemetry = isObj(data.toolTelemetry) && isObj(data.toolTelemetry.metrics) ? num(data.toolTelemetry.metrics.exit_code) : undefined;
  const trailer = /<shellId: \S+ completed with exit code (-?\d+)>\s*$/.exec(output);
  return shell ?? telemetry ?? (trailer ? Number(trailer[1]) : undefined);
}

function resultStep(data: Json, at: string | undefined): ToolResult | undefined {
  const id = str(data.toolCallId);
  if (!id) return undefined;
  const result = isObj(data.result) ? data.result : {};
  const error = isObj(data.error) ? data.error : undefined;
  const output = str(result.content) ?? str(result.detailedContent) ?? str(error?.message) ?? '';
  const exitCode = exitCodeOf(data, output);
  const isError = data.success === false || error !== undefined || (exitCode !== undefined && exitCode !== 0);
  return { kind: 'result', id, isError, output: clip(output), at, ...(exitCode !== undefined && { exitCode }) };
}

export async function readCopilot(file: string): Promise<Session[]> {
  const { records, skipped } = await readJsonRecords(file);
  if (records.length === 0 && skipped === 0) return [];
  const steps: Step[] = [];
  const announced = new Set<string>();
  const commands = new Map<string, string>();
  let id = path.basename(path.dirname(file));
  let cwd: string | undefined;
  let model: string | undefined;
  const call = (req: Json, at: string | undefined) => {
    const step = callStep(req, at);
    if (!step || announced.has(step.id)) return;
    announced.add(step.id);
    if (step.command) commands.set(step.id, step.command);
    steps.push(step);
  };
  for (const ev of records) {
    const data = isObj(ev.data) ? ev.data : {};
    const at = str(ev.timestamp);
    switch (ev.type) {
      case 'session.start':
      case 'session.resume': {
        id = str(data.sessionId) ?? id;
        const context = isObj(data.context) ? data.context : {};
        cwd ??= str(context.cwd);
        model ??= str(data.selectedModel);
        break;
      }
      case 'user.message': {
        const text = str(data.content) ?? '';
        if (text.trim()) steps.push({ kind: 'user', text: clip(text), at });
        break;
      }
      case 'assistant.message':
        model ??= str(data.model);
        for (const req of arr(data.toolRequests)) if (isObj(req)) call(req, at);
        break;
      case 'tool.execution_start':
      case 'tool.user_requested':
        call(data, at);
        break;
      case 'tool.execution_complete': {
        const step = resultStep(data, at);
        if (!step) break;
        // A completion for a call never announced (a resumed log): give it a call so results always follow one.
        if (!announced.has(step.id)) call({ toolCallId: step.id, toolName: 'unknown' }, at);
        steps.push(step);
        break;
      }
      case 'permission.completed': {
        const result = isObj(data.result) ? data.result : {};
        if (result.kind === 'denied-interactively-by-user') {
          const what = commands.get(str(data.toolCallId) ?? '') ?? 'the tool call';
          steps.push({ kind: 'user', text: clip(str(result.feedback) ?? `Denied: ${what}`), refused: true, at });
        }
        break;
      }
      case 'abort':
        if (data.reason !== 'autopilot_credit_limit') steps.push({ kind: 'user', text: `Aborted (${str(data.reason) ?? 'user'})`, interrupted: true, at });
        break;
    }
  }
  return [{ agent: 'copilot', id, cwd, file, steps, skipped, model }];
}

/** Copilot CLI sessions: <COPILOT_HOME or ~/.copilot>/session-state/<id>/events.jsonl (older builds: session-state/<id>.jsonl). */
export const copilotTranscripts: TranscriptFormat = {
  agent: 'copilot',
  locate(home, env) {
    const state = path.join(env.COPILOT_HOME || path.join(home, '.copilot'), 'session-state');
    return findFiles(state, (n) => n === 'events.jsonl' || /^[0-9a-f-]{36}\.jsonl$/.test(n), 1);
  },
  recognizes(file, head) {
    if (/^\{"type":"session\.(start|resume)","data":\{/.test(head)) return true;
    return path.basename(file) === 'events.jsonl' && path.basename(path.dirname(path.dirname(file))) === 'session-state';
  },
  read: readCopilot,
};
