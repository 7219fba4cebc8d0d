import type { Attempt, FailureEpisode, UserEpisode } from './episodes.js';
import { clip, commandWords, errorLine, flagsOf, missingProgram, programOf, verbOf } from './signals.js';

// Turns one episode into a rule: short, specific, in the form a person would
// write in CLAUDE.md ("Use X, not Y"). Each rule has a key that stays the same
// for the same lesson in another session, so they group and merge.

export interface Finding {
  readonly key: string;
  readonly rule: string;
  /** The call that worked instead, when there was one. */
  readonly fix?: Attempt;
  readonly fromUser: boolean;
  /** How many failures the finding stands for, when more than its own (a loop of retries). */
  readonly times?: number;
  /** The fix the failing tool suggested in its output, when the agent's own fix is not in the transcript. */
  readonly hint?: string;
}

const SHELL = /^(?:Bash|bash|shell|exec|exec_command|run_shell_command|local_shell|run|terminal|execute)$/i;
const isShell = (a: Attempt) => a.call.command !== undefined && (SHELL.test(a.call.tool) || a.call.command !== '');
const ok = (a: Attempt) => a.result !== undefined && !a.failed;
const code = (s: string) => `\`${clip(s, 80).replace(/`/g, "'")}\``;
const base = (p: string) => p.replace(/\/+$/, '').replace(/^.*\//, '');

/** An error line with the session's particulars (numbers, paths, quoted names) flattened: the same failure elsewhere has the same signature. */
export function signature(error: string): string {
  return error
    .toLowerCase()
    .replace(/(?:[\w.-]*\/)+[\w.-]+/g, '<path>')
    .replace(/(["'`])[^"'`]{1,80}\1/g, '<q>')
    .replace(/\b[0-9a-f]{7,}\b|\d+(?:\.\d+)*/g, '<n>')
    .slice(0, 80);
}

function missing(e: FailureEpisode): Finding | undefined {
  const out = e.attempt.result?.output ?? '';
  const program = missingProgram(out) ?? (e.attempt.result?.exitCode === 127 && e.attempt.call.command ? programOf(e.attempt.call.command) : undefined);
  if (!program) return undefined;
  const fix = e.after.find((a) => isShell(a) && ok(a) && programOf(a.call.command!) !== program);
  const instead = fix ? programOf(fix.call.command!) : undefined;
  return {
    key: `missing:${program}`,
    rule: instead ? `${code(program)} is not installed here: use ${code(instead)} instead.` : `${code(program)} is not installed here.`,
    ...(fix && { fix }),
    fromUser: false,
  };
}

function shellFix(e: FailureEpisode): Finding | undefined {
  const failed = e.attempt.call.command!;
  const words = commandWords(failed);
  const verb = verbOf(failed);
  for (const a of e.after) {
    if (!isShell(a) || !ok(a)) continue;
    const cmd = a.call.command!;
    const w = commandWords(cmd);
    // The same arguments under another program: python -> python3, pip -> pip3.
    if (w.length === words.length && w.length > 0 && w[0] !== words[0] && w.slice(1).join(' ') === words.slice(1).join(' ')) {
      return { key: `swap:${programOf(failed)}->${programOf(cmd)}`, rule: `Use ${code(programOf(cmd))}, not ${code(programOf(failed))}.`, fix: a, fromUser: false };
    }
    // The same command with flags added: git push -> git push --set-upstream origin x
    // (every word of the failed command still there: a fix, not another command).
    const kept = new Set(w);
    if (verbOf(cmd) === verb && words.every((x) => kept.has(x))) {
      const had = new Set(flagsOf(failed));
      const added = flagsOf(cmd).filter((f) => !had.has(f));
      if (added.length > 0) {
        return {
          key: `flag:${verb}:${added.sort().join(',')}`,
          rule: `Run ${code(`${verb} ${added.join(' ')}`)}, not plain ${code(verb)}: it failed with "${clip(e.error, 90)}".`,
          fix: a,
          fromUser: false,
        };
      }
    }
  }
  return hinted(e, words, verb);
}

/**
 * The fix the tool itself suggested: git, npm and others print the command to
 * run instead ("use\n\n    git push --set-upstream origin x"). Taken when the
 * agent's own retry is not in the transcript.
 */
function hinted(e: FailureEpisode, words: readonly string[], verb: string): Finding | undefined {
  const failed = e.attempt.call.command!;
  const had = new Set(flagsOf(failed));
  for (const raw of (e.attempt.result?.output ?? '').split('\n')) {
    const line = raw.trim().replace(/^\$\s+/, '');
    if (!line.startsWith(`${verb} `) || line === failed.trim()) continue;
    const w = commandWords(line);
    if (!words.every((x) => w.includes(x) || x.startsWith('2>'))) continue;
    const added = flagsOf(line).filter((f) => !had.has(f));
    if (added.length === 0) continue;
    return {
      key: `flag:${verb}:${added.sort().join(',')}`,
      rule: `Run ${code(`${verb} ${added.join(' ')}`)}, not plain ${code(verb)}: it failed with "${clip(e.error, 90)}".`,
      hint: line,
      fromUser: false,
    };
  }
  return undefined;
}

/** A command that failed, then ran again after files were edited, and got past that error. */
function editFix(e: FailureEpisode): Finding | undefined {
  const failed = e.attempt.call.command!;
  const verb = verbOf(failed);
  const edited: string[] = [];
  let lastEdit: Attempt | undefined;
  for (const a of e.after) {
    if (!isShell(a) && a.call.path && /edit|write|patch|replace|create|apply/i.test(a.call.tool) && ok(a)) {
      edited.push(base(a.call.path));
      lastEdit = a;
    }
    if (isShell(a) && verbOf(a.call.command!) === verb && edited.length > 0) {
      const moved = ok(a) || (a.result !== undefined && signature(errorLine(a.result.output)) !== signature(e.error));
      if (!moved) continue;
      const names = [...new Set(edited)].sort().slice(0, 3);
      // Where the output itself named the file, the rule would only repeat the error: a tautology.
      const output = e.attempt.result!.output;
      const located = (n: string) => new RegExp(`(?:^|[\\s/"'(])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[:(]\\d`, 'm').test(output);
      if (names.every(located)) return undefined;
      return { key: `edit:${verb}:${names.join(',')}`, rule: `When ${code(verb)} fails with "${clip(e.error, 100)}", the fix is in ${names.map(code).join(', ')}.`, fix: lastEdit ?? a, fromUser: false };
    }
  }
  return undefined;
}

const TOOL_RULES: ReadonlyArray<{ test: RegExp; tool?: RegExp; key: string; rule: (e: FailureEpisode) => string }> = [
  { test: /EISDIR|is a directory/i, key: 'dir', rule: (e) => `Do not ${code(e.attempt.call.tool)} a directory: list it with \`ls\` or a glob first.` },
  { test: /exceeds maximum allowed (?:size|tokens)|file (?:is )?too large|too many tokens/i, key: 'too-large', rule: (e) => `Read large files in parts (offset and limit): ${code(base(e.attempt.call.path ?? 'a file'))} was too big to ${code(e.attempt.call.tool)} whole.` },
  { test: /string to replace not found|old_string|no match(?:es)? found for/i, key: 'stale-edit', rule: (e) => `Read the lines again before ${code(e.attempt.call.tool)}: the text to replace must match the file as it is now.` },
  { test: /does not exist|no such file|not found|ENOENT/i, tool: /read|view|open|cat/i, key: 'missing-path', rule: (e) => `Look a guessed path up (glob or \`ls\`) before ${code(e.attempt.call.tool)}: ${code(base(e.attempt.call.path ?? 'it'))} did not exist.` },
];

function toolError(e: FailureEpisode): Finding | undefined {
  const out = e.attempt.result?.output ?? '';
  for (const r of TOOL_RULES) {
    if (!r.test.test(out) || (r.tool && !r.tool.test(e.attempt.call.tool))) continue;
    const fix = e.after.find((a) => ok(a) && (a.call.tool === e.attempt.call.tool || isShell(a)));
    return { key: `tool:${e.attempt.call.tool}:${r.key}`, rule: r.rule(e), ...(fix && { fix }), fromUser: false };
  }
  return undefined;
}

/** A command that keeps failing the same way: the retries are the waste. */
function loop(e: FailureEpisode): Finding | undefined {
  const verb = verbOf(e.attempt.call.command!);
  const sig = signature(e.error);
  const same = e.after.filter((a) => isShell(a) && a.failed && verbOf(a.call.command!) === verb && signature(errorLine(a.result?.output ?? '')) === sig);
  if (same.length < 2) return undefined;
  const tried = [...new Set(same.flatMap((a) => flagsOf(a.call.command!)).filter((f) => !flagsOf(e.attempt.call.command!).includes(f)))];
  const also = tried.length > 0 ? ` (${tried.map(code).join(', ')} did not help)` : '';
  return { key: `loop:${verb}:${sig}`, rule: `${code(verb)} fails here with "${clip(e.error, 90)}" until that is fixed: fix it before running ${code(verb)} again${also}.`, fromUser: false, times: 1 + same.length };
}

export function findingOf(e: FailureEpisode): Finding | undefined {
  if (e.attempt.call.command !== undefined && e.attempt.call.command !== '') {
    return missing(e) ?? loop(e) ?? shellFix(e) ?? editFix(e);
  }
  return toolError(e);
}

const CORRECTION = /\b(?:don'?t|do not|never|always|instead|stop|wrong|not that|should(?:n'?t)?|must|please use|use \S+)\b/i;

/** What the user said to correct or stop the agent, as a rule in their own words. */
export function userFinding(e: UserEpisode): Finding | undefined {
  const text = e.turn.text.replace(/\[Request interrupted by user[^\]]*\]/g, '').trim();
  if (e.turn.refused && text === '' && e.previous?.call.command) {
    const verb = verbOf(e.previous.call.command);
    return { key: `refused:${verb}`, rule: `Ask before running ${code(verb)}: the user refused it.`, fromUser: false };
  }
  // Only words said after the agent acted correct it; the opening prompt is the task.
  if (!e.previous || text === '' || text.length > 400 || !CORRECTION.test(text)) return undefined;
  // First sentence or line: corrections are short, the rest is usually the task.
  const sentence = clip(text.split(/(?<=[.!?])\s|\n/)[0] ?? text, 160);
  return { key: `user:${signature(sentence)}`, rule: sentence.endsWith('.') || sentence.endsWith('!') ? sentence : `${sentence}.`, fromUser: true };
}
