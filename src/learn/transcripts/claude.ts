import path from 'node:path';
import type { Session, Step, TranscriptFormat } from '../types.js';
import { type Json, clip, findFiles, isObj, readJsonLines, str } from './transcript-io.js';

// Claude Code: ~/.claude/projects/<cwd with every non-alphanumeric as ->/
// <session>.jsonl, subagents under <session>/subagents/. Records carry
// {type, sessionId, cwd, timestamp, message:{content:[tool_use | tool_result
// | text]}}; a Bash failure is an is_error tool_result starting "Exit code N",
// a refusal an is_error result saying the user did not want to proceed.

const INTERRUPTED = /^\[Request interrupted by user/;
const REFUSED = /^The user doesn't want to (?:proceed|take this action)/;
const EXIT_CODE = /^Exit code (\d+)/;

/** Claude Code's folder name for a project: every character that is not a letter or digit becomes '-'. */
export function claudeProjectSlug(cwd: string): string {
  return cwd.replace(/[^A-Za-z0-9]/g, '-');
}

function configDir(home: string, env: Readonly<Record<string, string | undefined>>): string {
  return env.CLAUDE_CONFIG_DIR || path.join(home, '.claude');
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((b) => (isObj(b) ? (str(b.text) ?? '') : '')).join('\n');
}

function callOf(b: Json, at: string | undefined): Step {
  const input = isObj(b.input) ? b.input : {};
  const command = str(input.command);
  const file = str(input.file_path) ?? str(input.path) ?? str(input.notebook_path);
  const json = JSON.stringify(input);
  return {
    kind: 'call',
    id: str(b.id) ?? '',
    tool: str(b.name) ?? '?',
    ...(command !== undefined && { command }),
    ...(file !== undefined && { path: file }),
    input: json.length > 2000 ? `${json.slice(0, 2000)}…` : json,
    ...(at && { at }),
  };
}

function resultOf(b: Json, at: string | undefined): Step {
  const output = textOf(b.content);
  const code = EXIT_CODE.exec(output);
  return {
    kind: 'result',
    id: str(b.tool_use_id) ?? '',
    isError: b.is_error === true || (code !== null && code[1] !== '0'),
    ...(code && { exitCode: Number(code[1]) }),
    output: clip(output),
    ...(at && { at }),
  };
}

export const claudeTranscripts: TranscriptFormat = {
  agent: 'claude',
  locate: (home, env) => findFiles(path.join(configDir(home, env), 'projects'), (n) => n.endsWith('.jsonl'), 3),
  // By content, not name: copies and fixtures are rarely called .jsonl.
  recognizes: (_file, head) => /^\s*\{/.test(head) && /"sessionId"\s*:/.test(head) && /"(?:parentUuid|uuid)"\s*:/.test(head),
  async read(file) {
    const steps: Step[] = [];
    const calls = new Set<string>();
    let id = path.basename(file, '.jsonl');
    let cwd: string | undefined;
    let model: string | undefined;
    const skipped = await readJsonLines(file, (r) => {
      if (!isObj(r) || !isObj(r.message)) return;
      // Summaries, command echoes and compaction notes are not the user speaking.
      if (r.isMeta === true || r.isCompactSummary === true) return;
      // A subagent shares its parent's session id: its agentId (or its file, under subagents/) tells them apart.
      const sid = str(r.sessionId);
      const agentId = r.isSidechain === true ? str(r.agentId) : undefined;
      if (sid) id = agentId ? `${sid}/agent-${agentId}` : file.includes(`${path.sep}subagents${path.sep}`) ? `${sid}/${path.basename(file, '.jsonl')}` : sid;
      cwd ??= str(r.cwd);
      const at = str(r.timestamp);
      const content = r.message.content;
      if (r.type === 'assistant') {
        model ??= str(r.message.model);
        if (Array.isArray(content)) {
          for (const b of content) {
            if (!isObj(b) || b.type !== 'tool_use') continue;
            const call = callOf(b, at);
            if (call.kind === 'call') calls.add(call.id);
            steps.push(call);
          }
        }
        return;
      }
      if (r.type !== 'user') return;
      if (typeof content === 'string') {
        steps.push({ kind: 'user', text: content, ...(INTERRUPTED.test(content) && { interrupted: true }), ...(at && { at }) });
        return;
      }
      if (!Array.isArray(content)) return;
      for (const b of content) {
        if (!isObj(b)) continue;
        if (b.type === 'tool_result') {
          const result = resultOf(b, at);
          // A result whose call is not in the file (a transcript cut mid-way) cannot be mined.
          if (result.kind === 'result' && !calls.has(result.id)) continue;
          steps.push(result);
          if (result.kind === 'result' && result.isError && REFUSED.test(result.output)) {
            // The refusal's own words, when the user gave a reason, follow "the user said:".
            const said = /the user said:\s*([\s\S]+)$/i.exec(result.output)?.[1]?.trim() ?? '';
            steps.push({ kind: 'user', text: said, refused: true, ...(at && { at }) });
          }
        } else if (b.type === 'text') {
          const text = str(b.text) ?? '';
          steps.push({ kind: 'user', text, ...(INTERRUPTED.test(text) && { interrupted: true }), ...(at && { at }) });
        }
      }
    });
    const session: Session = { agent: 'claude', id, file, steps, skipped, ...(cwd && { cwd }), ...(model && { model }) };
    return [session];
  },
};
