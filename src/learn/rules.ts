import { environmentFinding } from './environment.js';
import type { Attempt, FailureEpisode, UserEpisode } from './episodes.js';
import { type Finding, base, code, isShell, ok } from './finding.js';
import { missingProgramFinding } from './missing-program.js';
import { clip, commandWords, errorLine, flagsOf, isFindingsReport, programOf, verbOf } from './signals.js';
import { toolError } from './tool-rules.js';
import { classifyUserWords, correctionRule } from './user-words.js';

// Turns one episode into a rule: short, specific, in the form a person would
// write in CLAUDE.md ("Use X, not Y"). Each rule has a key that stays the same
// for the same lesson in another session, so they group and merge.

export type { Finding } from './finding.js';

/** An error line with the session's particulars (numbers, paths, quoted names) flattened: the same failure elsewhere has the same signature. */
export function signature(error: string): string {
  return error
    .toLowerCase()
    .replace(/(?:[\w.-]*\/)+[\w.-]+/g, '<path>')
    .replace(/(["'`])[^"'`]{1,80}\1/g, '<q>')
    .replace(/\b[0-9a-f]{7,}\b|\d+(?:\.\d+)*/g, '<n>')
    .slice(0, 80);
}

function shellFix(e: FailureEpisode): Finding | undefined {
  const failed = e.attempt.call.command!;
  const words = commandWords(failed);
  const verb = verbOf(failed);
  for (const a of e.after) {
    // Once files were edited, a later success may be the edit's doing, not the flag's.
    if (!isShell(a) && /edit|write|patch|replace|create|apply/i.test(a.call.tool) && ok(a)) break;
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
      if (added.length > 0 && !added.some((f) => BYPASS.test(f))) {
        const output = e.attempt.result?.output ?? '';
        return {
          key: `flag:${verb}:${added.sort().join(',')}`,
          rule: `Run ${code(`${verb} ${added.join(' ')}`)}, not plain ${code(verb)}: it failed with "${clip(e.error, 90)}".`,
          fix: a,
          fromUser: false,
          // The error named the flag and the retry with it worked: the tool stated its own remedy.
          ...(added.every((f) => new RegExp(`(?:^|[\\s\`'"])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(output)) && { strong: true }),
        };
      }
    }
  }
  return hinted(e, words, verb);
}

/** Flags that get past a check instead of meeting it: never a rule to keep. */
const BYPASS = /^(?:--no-verify|-n|--force|-f|--force-with-lease|--no-check|--skip-checks?)$/;

/**
 * The fix the tool itself suggested: git, npm and others print the command to
 * run instead ("use\n\n    git push --set-upstream origin x"). Taken when the
 * agent's own retry is not in the transcript. The error states its remedy, as a
 * tool's own rule does: worth proposing after one sighting.
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
      strong: true,
    };
  }
  return undefined;
}

/** Words of an error that name something (lazy_html, secret_key_base, Foo.Bar): what a tied edit mentions. */
function namesIn(error: string): string[] {
  return [...new Set(error.match(/[A-Za-z][\w.:-]*[_.:][\w.:-]*[A-Za-z0-9]|[a-z]+[A-Z]\w+/g) ?? [])].filter((w) => w.length >= 5 && !/^(?:https?:|e\.g\.|i\.e\.)/.test(w));
}

/**
 * A command that failed, then ran again after files were edited, and got past
 * that error. The edit counts only when it is tied to the failure: the error
 * or the command names the file, or the edit writes a name the error gave
 * (lazy_html into mix.exs). An edit that merely came next is not a fix.
 */
function editFix(e: FailureEpisode): Finding | undefined {
  const failed = e.attempt.call.command!;
  const verb = verbOf(failed);
  const output = e.attempt.result!.output;
  const names = namesIn(e.error);
  const tied = (a: Attempt) => {
    const file = base(a.call.path!);
    return output.includes(file) || failed.includes(file) || names.some((n) => a.call.input.includes(n));
  };
  const edited: string[] = [];
  let lastEdit: Attempt | undefined;
  for (const a of e.after) {
    if (!isShell(a) && a.call.path && /edit|write|patch|replace|create|apply/i.test(a.call.tool) && ok(a) && tied(a)) {
      edited.push(base(a.call.path));
      lastEdit = a;
    }
    if (isShell(a) && verbOf(a.call.command!) === verb && edited.length > 0) {
      const moved = ok(a) || (a.result !== undefined && signature(errorLine(a.result.output)) !== signature(e.error));
      if (!moved) continue;
      const files = [...new Set(edited)].sort().slice(0, 3);
      // Where the output itself named the file, the rule would only repeat the error: a tautology.
      const located = (n: string) => new RegExp(`(?:^|[\\s/"'(])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[:(]\\d`, 'm').test(output);
      if (files.every(located)) return undefined;
      return { key: `edit:${verb}:${files.join(',')}`, rule: `When ${code(verb)} fails with "${clip(e.error, 100)}", the fix is in ${files.map(code).join(', ')}.`, fix: lastEdit ?? a, fromUser: false };
    }
  }
  return undefined;
}

/** A compiler's diagnostics: the code being written, not the environment. */
const COMPILER = /^error\[E\d+\]:|error TS\d+|could not compile|Failed to compile|SyntaxError|Type error/i;

/** A command that keeps failing the same way: the retries are the waste. */
function loop(e: FailureEpisode): Finding | undefined {
  const verb = verbOf(e.attempt.call.command!);
  const sig = signature(e.error);
  const same = e.after.filter((a) => isShell(a) && a.failed && verbOf(a.call.command!) === verb && signature(errorLine(a.result?.output ?? '')) === sig);
  // A bare `error:` repeated by a build is its diagnostics too, however often they come back.
  if (same.length < 2 || /^error:/i.test(e.error)) return undefined;
  const tried = [...new Set(same.flatMap((a) => flagsOf(a.call.command!)).filter((f) => !flagsOf(e.attempt.call.command!).includes(f)))];
  const also = tried.length > 0 ? ` (${tried.map(code).join(', ')} did not help)` : '';
  return { key: `loop:${verb}:${sig}`, rule: `${code(verb)} fails here with "${clip(e.error, 90)}" until that is fixed: fix it before running ${code(verb)} again${also}.`, fromUser: false, times: 1 + same.length };
}

export function findingOf(e: FailureEpisode): Finding | undefined {
  const env = environmentFinding(e);
  if (env) return env;
  if (e.attempt.call.command !== undefined && e.attempt.call.command !== '') {
    const missing = missingProgramFinding(e);
    if (missing) return missing;
    // Lint findings and failing tests, or a compiler's diagnostics, are the tool doing its job:
    // the work is to fix them, and neither the retries nor the flag or edit that got past them is a lesson.
    if (isFindingsReport(e.error) || COMPILER.test(e.error) || verbOf(e.attempt.call.command) === '') return undefined;
    return loop(e) ?? shellFix(e) ?? editFix(e);
  }
  return toolError(e);
}

/** Refusing a plan or a question is a step of the conversation, not a rule about the project. */
const CONVERSATION_TOOLS = /^(?:ExitPlanMode|exit_plan_mode|AskUserQuestion|TodoWrite|Task)$/;

/** What the user said to correct or stop the agent, as a rule in their own words. */
export function userFinding(e: UserEpisode): Finding | undefined {
  const text = e.turn.text.replace(/\[Request interrupted by user[^\]]*\]/g, '').trim();
  // Only words said after the agent acted correct it; the opening prompt is the task.
  if (!e.previous) return undefined;
  const kind = classifyUserWords(text);
  if (kind === 'correction') {
    const rule = correctionRule(text);
    if (substantive(rule)) return { key: `user:${signature(rule)}`, rule, fromUser: true };
  }
  // A rejected call needs no words to be a lesson, in any language: the refusal is the signal,
  // and what the user said with it (a remark, a reason in Spanish) is its context.
  if (e.turn.refused) return refusal(e.previous, kind === 'question' ? '' : text);
  return undefined;
}

function refusal(previous: Attempt, said: string): Finding | undefined {
  const { call } = previous;
  if (CONVERSATION_TOOLS.test(call.tool)) return undefined;
  const why = said ? ` ("${clip(said, 80)}")` : '';
  if (call.command) {
    const verb = verbOf(call.command);
    return { key: `refused:${verb}`, rule: `Ask before running ${code(verb)}: the user refused it${why}.`, fromUser: false, strong: true };
  }
  return { key: `refused:${call.tool}`, rule: `Ask before using ${code(call.tool)}: the user refused it${why}.`, fromUser: false, strong: true };
}

const EMPTY_WORDS = new Set('no not dont don\'t do does did i you we it its it\'s that this there those these the a an and or but really like want actually just be is are was were so to of in on at for with yes ok okay please again back revert again now then here'.split(' '));

/** "No, I don't really like that" says nothing a rule could keep: it needs a word of its own. */
function substantive(rule: string): boolean {
  return rule
    .toLowerCase()
    .replace(/[^a-z0-9'_./-]+/g, ' ')
    .split(' ')
    .some((w) => w.length >= 3 && !EMPTY_WORDS.has(w));
}
