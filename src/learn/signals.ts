import type { ToolResult } from './types.js';

// What a failed tool call looks like, whatever the agent: the line of output
// that says why, and the parts of a shell command that name what was run.

const ERROR_LINE = [
  /command not found|is not recognized as|no such file or directory/i,
  /^\*\* \(\w+\)|^[\w.]*(?:Error|Exception)\b[:(]|\b(?:fatal|error|exception|panic)\b[:!]/i,
  /^\s*(?:E|ERR!?|error)\b|\bnot found\b|\bdoes not exist\b|\bno upstream\b|\bpermission denied\b|\bEISDIR\b|\bENOENT\b|\bexceeds\b/i,
  /\bfail(?:ed|ure|s)?\b|\bfound \d+ [\w ]*(?:issues?|suggestions?|errors?|warnings?|problems?)\b|\b\d+ (?:errors?|problems?|failures?|failed)\b/i,
];

// npm, pnpm and yarn echo the script they run ("> pkg@1.0.0 build", "> tsc"): never why it failed.
const NOISE = /^(?:Exit code \d+|<\/?tool_use_error>|\s*)$|^> \S/;

/**
 * The line of a failed call's output that best says why it failed, in one
 * line: a Python traceback's last exception line; else the earliest line of
 * the strongest kind (a missing command, an exception or "error:" line, a
 * "not found", then failure counts and summaries).
 */
export function errorLine(output: string): string {
  const lines = output
    .replace(/<\/?tool_use_error>/g, '')
    .split(/\n|\\n/) // some tools double-escape their newlines
    .map((l) => l.trim())
    .filter((l) => l && !NOISE.test(l));
  if (lines.some((l) => l.startsWith('Traceback (most recent call last)'))) {
    const last = [...lines].reverse().find((l) => /^[\w.]+(?:Error|Exception|Interrupt|Exit)\b/.test(l));
    if (last) return clip(last);
  }
  // A headline of failure on the first line says it best ("Pre-commit validation failed:").
  if (lines[0] && ERROR_LINE.some((re) => re.test(lines[0]!))) return clip(lines[0]);
  for (const re of ERROR_LINE) {
    const hit = lines.find((l) => re.test(l));
    if (hit) return clip(hit);
  }
  return clip(lines[0] ?? '');
}

export function clip(s: string, max = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Failure signatures in output when the agent did not flag it (some agents only report exit codes in text). */
const FAILED_OUTPUT = /command not found|No such file or directory|^fatal: |^Traceback \(most recent call last\)|^error(?:\[E\d+\])?: /m;

export function isFailure(r: ToolResult): boolean {
  if (r.isError) return true;
  if (r.exitCode !== undefined && r.exitCode !== 0) return true;
  return FAILED_OUTPUT.test(r.output.slice(0, 2000));
}

/** Interruptions and refusals are the user's doing, and "sibling errored" is the harness's: not lessons about the call. */
export function isCollateral(r: ToolResult): boolean {
  return /Sibling tool call errored|^\[Request interrupted|The user doesn't want to (?:proceed|take this action)/.test(r.output);
}

/** The command without its shell comments: a `#` that starts a word outside quotes runs to the end of its line (`&& # merge` runs nothing). */
function withoutComments(command: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (!quote && c === '#' && (i === 0 || /[\s;&|(]/.test(command[i - 1]!))) {
      const eol = command.indexOf('\n', i);
      out = out.trimEnd();
      i = eol < 0 ? command.length : eol - 1;
      continue;
    }
    out += c;
    // An escaped character is taken as it is (outside single quotes, where a backslash is literal).
    if (c === '\\' && quote !== "'") out += command[++i] ?? '';
    else if (quote ? c === quote : c === '"' || c === "'") quote = quote ? '' : c;
  }
  return out;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=\S*$/;
const PREFIXES = new Set(['sudo', 'env', 'time', 'nice', 'nohup', 'command', 'exec', 'timeout']);

const QUIET = /^(?:echo|printf|true|:)(?:\s|$)/;

const PRODUCERS = new Set(['cat', 'echo', 'printf', 'head', 'tail', 'yes']);

/**
 * The words of the command that did the work: in `a && b` the last step (the
 * one that failed, as a rule), in `a | b` the first stage unless it only
 * feeds the next (`cat f | python3`); without env assignments or sudo/time.
 */
export function commandWords(command: string): string[] {
  // The first line that runs something holds the command (the rest is a heredoc or a
  // continuation; `export X=...` and comments only set up); quoted text is blanked so
  // an `&&` or `|` inside it splits nothing.
  // A line ending in a backslash, `&&`, `||` or `|` goes on in the next one.
  const lines = withoutComments(command)
    .replace(/\\\r?\n\s*/g, ' ')
    .replace(/(&&|\|\||\|)[ \t]*\r?\n\s*/g, '$1 ')
    .split('\n');
  const runs = lines.find((l) => l.trim() !== '' && !/^\s*(?:#|export\s+[A-Za-z_]\w*=)/.test(l)) ?? lines[0] ?? '';
  const line = runs.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, 'Q');
  const steps = line.split(/\s*(?:&&|\|\||;)\s*/).map((s) => s.trim()).filter((s) => s && !/^cd(?:\s|$)/.test(s));
  // A message or a no-op at the end (`&& echo done`, `|| true`) never failed: the step before it did.
  while (steps.length > 1 && QUIET.test(steps.at(-1)!)) steps.pop();
  const stages = (steps.at(-1) ?? '').split(/\s*\|\s*/).filter(Boolean);
  const first = (stage: string) => stage.split(/\s+/).filter(Boolean);
  const main = stages.length > 1 && PRODUCERS.has(first(stages[0]!)[0] ?? '') ? stages[1]! : (stages[0] ?? '');
  const words = first(main);
  while (words.length > 0 && (ASSIGNMENT.test(words[0]!) || PREFIXES.has(words[0]!))) {
    // `timeout 5 cmd`: the limit goes with it.
    if (words.shift() === 'timeout' && /^\d+[smhd]?$/.test(words[0] ?? '')) words.shift();
  }
  return words;
}

/** The program a command runs (`python3`, `git`, `npm`). */
export function programOf(command: string): string {
  return commandWords(command)[0]?.replace(/^.*\//, '') ?? '';
}

/** The program and its subcommand, when it has one (`git push`, `npm test`, `mix credo`). */
const SCRIPT_RUNNERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

export function verbOf(command: string): string {
  const w = commandWords(command);
  const program = w[0]?.replace(/^.*\//, '') ?? '';
  const sub = w[1];
  const word = (x: string | undefined): x is string => x !== undefined && /^[a-z][a-z0-9:_-]*$/.test(x);
  // `npm run preview` is the script `preview`, not "npm run" in general.
  if (SCRIPT_RUNNERS.has(program) && sub === 'run' && word(w[2])) return `${program} run ${w[2]}`;
  return word(sub) ? `${program} ${sub}` : program;
}

/** Flags of a command (`-u`, `--set-upstream`, `--runInBand`), for telling what a fix added. */
export function flagsOf(command: string): string[] {
  return commandWords(command).filter((w) => /^--?[A-Za-z]/.test(w)).map((w) => w.replace(/=.*$/, ''));
}

const MISSING = [/command not found: ([\w.+-]+)/, /(?:^|[\s:])([A-Za-z_][\w.+-]*): (?:command )?not found/m, /'([\w.+-]+)' is not recognized as/];

/** The program a "command not found" error names, when the output has one. */
export function missingProgram(output: string): string | undefined {
  for (const re of MISSING) {
    const m = re.exec(output);
    if (m) return m[1];
  }
  return undefined;
}

/** A count of findings: lint problems, failing tests. The tool did its job; fixing them is the work. */
const FINDINGS = /\bfound \d+ [\w ]*(?:issues?|errors?|warnings?|problems?|suggestions?|violations?)\b|^\W*\d+ (?:problems?|errors?|warnings?|issues?|violations?)\b|\b\d+ (?:tests? )?(?:failed|failing|failures?)\b|\bTests? failed\b/i;

export function isFindingsReport(error: string): boolean {
  return FINDINGS.test(error);
}
