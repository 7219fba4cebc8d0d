import fs from 'node:fs';
import path from 'node:path';
import type { Session, Step, TranscriptFormat } from '../types.js';
import { clip, isFile, readLines } from './transcript-io.js';

// Aider appends its chat to .aider.chat.history.md at the git root: "# aider
// chat started at <time>" opens a session, "#### " prefixes what the person
// typed, "> " what aider itself printed (tool output, prompts and the answers
// given, errors), and anything else is the model's reply. Each logged message
// ends with two spaces; a multi-line message of older versions prefixes only
// its first line, so lines up to the one ending in two spaces belong to it.
// Commands run three ways: "#### /run cmd" (or "/test", "!cmd"), whose output
// aider 0.4x-0.5x logged as "> " lines; a command the model proposed in a
// ```bash block, logged as "> cmd" + "> Run shell command? ...: y" + "> Running
// cmd" (output never logged); and /test. Aider never writes an exit code, so
// a run failed when its output shows an error, when aider's own follow-up
// prompt "What's wrong? Fix" (offered only after a non-zero exit) was sent,
// or when /test added its output (it does that only on a non-zero exit).

type Block = { kind: 'header' | 'user' | 'note' | 'text'; lines: string[] };
type MutableResult = { kind: 'result'; id: string; isError: boolean; output: string };

const HEADER = /^# aider chat started at (.+?)\s*$/;
const FAILURE = /Traceback \(most recent call last\)|^\s*\w*(Error|Exception)\b[^\n]*:|command not found|No such file or directory|not recognized as an internal or external command|\bFAILED\b|^\s*error(\[\w+\])?:|npm ERR!|exit (code|status):? [1-9]|Error (occurred while )?running command/im;
// aider's own prompts and notices around a command, not its output.
const NOTICE = /^(Add (the|command|[\d.]+k tokens of command) output to the chat\?|\(Y\)es\/\(n\)o|Added \d+ lines? of output to the chat|\^C |Please answer with one of)/;
const ERROR_NOTICE = /^Error (occurred while )?running command/;
// Aider's own notices that can sit just above a proposed command.
const NOT_A_COMMAND = /^(Tokens: |Applied edit|Commit [0-9a-f]{7}|Committing |You can use \/undo|Run shell command|Running |Add |Added |Create new file|Did not apply|Warning|https?:)/;

/** The commands proposed just above a "Run shell command(s)?" question: one note, or several one-line notes. */
function proposal(list: readonly Block[], at: number): string[] {
  const cmds: string[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const b = list[i]!;
    const lines = b.lines.map((l) => l.trim()).filter(Boolean);
    if (b.kind !== 'note' || lines.length === 0 || lines.some((l) => NOT_A_COMMAND.test(l))) break;
    cmds.unshift(...lines);
    if (!/commands\?/.test(list[at]!.lines.join(' '))) break; // singular: just the one above
  }
  return cmds;
}

const stripBreak = (line: string): string => line.replace(/\s+$/, '');

/** Groups lines into typed blocks: a "> " message runs on until a line ends with two spaces. */
function blocks(lines: readonly string[]): Block[] {
  const out: Block[] = [];
  let openNote = false;
  for (const raw of lines) {
    const kind: Block['kind'] = HEADER.test(raw) ? 'header' : raw.startsWith('####') ? 'user' : raw.startsWith('>') ? 'note' : openNote && raw.trim() ? 'note' : 'text';
    const text = kind === 'user' ? raw.replace(/^####\s?/, '') : kind === 'note' && raw.startsWith('>') ? raw.replace(/^> ?/, '') : raw;
    const last = out[out.length - 1];
    // Each "#### " or "> " line is its own message unless the previous one is still open.
    // Replies keep their spacing (code blocks); aider's own lines lose the two-space line break.
    const line = kind === 'text' ? text : stripBreak(text);
    if (last && last.kind === kind && (kind === 'text' || (kind === 'note' && openNote))) last.lines.push(line);
    else out.push({ kind, lines: [line] });
    if (kind === 'note') openNote = !raw.endsWith('  ') && raw.trim() !== '>';
    else openNote = false;
  }
  // Consecutive user lines are one multi-line prompt.
  return out.reduce<Block[]>((acc, b) => {
    const prev = acc[acc.length - 1];
    if (prev && prev.kind === 'user' && b.kind === 'user') prev.lines.push(...b.lines);
    else acc.push(b);
    return acc;
  }, []);
}

/** Output lines once: 0.4x logged a run's output, then again line by line once it was added to the chat. */
function dedupe(lines: string[]): string[] {
  const t = lines.map((l) => l.trim()).filter(Boolean);
  const half = t.length / 2;
  return Number.isInteger(half) && half > 0 && t.slice(0, half).join('\n') === t.slice(half).join('\n') ? t.slice(0, half) : lines;
}

function session(id: string, file: string, list: Block[]): Session {
  const steps: Step[] = [];
  let n = 0;
  let cwd = path.dirname(file);
  let model: string | undefined;
  let run: { result: MutableResult; tool: string; out: string[]; added: boolean } | undefined;
  let shell: MutableResult | undefined;
  const finish = () => {
    if (!run) return;
    const output = dedupe(run.out).join('\n').trim();
    run.result.output = clip(output);
    run.result.isError ||= FAILURE.test(output) || (run.tool === 'test' && run.added);
    run = undefined;
  };
  const command = (tool: string, cmd: string): MutableResult => {
    const callId = `${id}#${++n}`;
    steps.push({ kind: 'call', id: callId, tool, command: clip(cmd, 2048), input: JSON.stringify({ command: clip(cmd, 2048) }) });
    const result: MutableResult = { kind: 'result', id: callId, isError: false, output: '' };
    steps.push(result);
    return result;
  };
  list.forEach((b, at) => {
    const text = b.lines.join('\n');
    if (b.kind === 'user') {
      const previous = run;
      finish();
      const m = /^(?:\/(run|test)\s+|!)([\s\S]+)$/.exec(text.trim());
      if (m) run = { result: command(m[1] ?? 'run', m[2]!.trim()), tool: m[1] ?? 'run', out: [], added: false };
      else if (text.trim() && text.trim() !== '<blank>') {
        // The prompt aider pre-fills only after a /run that exited non-zero.
        if (/^What's wrong\? Fix$/.test(text.trim()) && previous) previous.result.isError = true;
        steps.push({ kind: 'user', text: clip(text) });
      }
    } else if (b.kind === 'note') {
      const line = text.trim();
      model ??= /^(?:Main model|Model): (\S+) with /.exec(line)?.[1];
      cwd = /^Git working dir: (.+)$/.exec(line)?.[1] ?? cwd;
      if (/^\^C (again to exit|KeyboardInterrupt)/.test(line)) {
        const last = steps[steps.length - 1];
        if (run) run.result.isError = true;
        if (!(last?.kind === 'user' && last.interrupted)) steps.push({ kind: 'user', text: '^C', interrupted: true });
      } else if (run) {
        if (/^Added \d+ lines? of output/.test(line)) run.added = true;
        if (ERROR_NOTICE.test(line)) run.result.isError = true;
        if (!NOTICE.test(line)) run.out.push(...b.lines);
      } else if (/^Running /.test(line)) shell = command('shell', line.slice(8));
      else if (ERROR_NOTICE.test(line) && shell) shell.isError = true;
      else if (/^Run shell commands?\?.*:\s*(n|no|s|skip)$/i.test(line)) {
        for (const c of proposal(list, at)) {
          command('shell', c).isError = true;
          steps.push({ kind: 'user', text: `Declined: ${c}`, refused: true });
        }
      }
    } else if (b.kind === 'text' && run && text.trim()) finish(); // the model's reply ends the output
  });
  finish();
  return { agent: 'aider', id, cwd, file, steps, skipped: 0, model };
}

export async function readAider(file: string): Promise<Session[]> {
  const lines: string[] = [];
  let skipped = 0;
  // Blank lines kept: a blank line ends a note or a reply.
  for await (const line of readLines(file, true)) {
    if (line.text === undefined) skipped++;
    else lines.push(line.text.replace(/\r$/, ''));
  }
  return split(file, lines, skipped);
}

function split(file: string, lines: string[], skipped: number): Session[] {
  const sessions: Session[] = [];
  let start = 0;
  let id = path.basename(file);
  const flush = (end: number) => {
    const list = blocks(lines.slice(start, end));
    if (list.some((b) => b.kind !== 'text' || b.lines.some((l) => l.trim()))) sessions.push(session(id, file, list));
  };
  lines.forEach((l, i) => {
    const m = HEADER.exec(l);
    if (!m) return;
    flush(i);
    start = i;
    id = m[1]!;
  });
  flush(lines.length);
  // Unreadable lines belong to the file, not a session: count them on the last one (or on an empty one).
  if (skipped > 0) {
    const last = sessions.pop() ?? { agent: 'aider' as const, id: path.basename(file), file, steps: [], skipped: 0 };
    sessions.push({ ...last, skipped });
  }
  return sessions;
}

/** Aider's history: .aider.chat.history.md at a git root; found in HOME, its child and grandchild folders, or AIDER_CHAT_HISTORY_FILE. */
export const aiderTranscripts: TranscriptFormat = {
  agent: 'aider',
  locate(home, env) {
    const name = '.aider.chat.history.md';
    const found: string[] = [];
    const look = (dir: string, depth: number) => {
      if (isFile(path.join(dir, name))) found.push(path.join(dir, name));
      if (depth === 0) return;
      let entries: fs.Dirent[] = [];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') look(path.join(dir, e.name), depth - 1);
    };
    look(home, 2);
    const custom = env.AIDER_CHAT_HISTORY_FILE;
    if (custom && isFile(custom) && !found.includes(path.resolve(custom))) found.push(path.resolve(custom));
    return found;
  },
  recognizes(file, head) {
    return file.endsWith('.aider.chat.history.md') || /^\s*# aider chat started at /.test(head);
  },
  read: readAider,
};
