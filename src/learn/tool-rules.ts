import type { Attempt, FailureEpisode } from './episodes.js';
import { type Finding, base, code, isShell, ok } from './finding.js';
import { clip, errorLine, programOf } from './signals.js';

// The tools' own rules, stated by their errors (Edit before Read, a file too
// big to Read, a binary file), and a guessed path that did not exist.

interface ToolRule {
  readonly test: RegExp;
  readonly tool?: RegExp;
  readonly key: string;
  readonly rule: (e: FailureEpisode, fix?: Attempt) => string;
  /** The same lesson whichever tool broke it (Edit, Write, MultiEdit): one key. */
  readonly anyTool?: boolean;
  /** The tool's own stated rule: one time is enough. A bad input waits for --min-count; a guessed path is a one-off. */
  readonly strong?: boolean;
  /** What counts as the way around it: by default a later success of the same tool or a shell command. */
  readonly fixedBy?: (e: FailureEpisode, a: Attempt) => boolean;
}

const extension = (e: FailureEpisode) => /\.[\w]+$/.exec(base(e.attempt.call.path ?? ''))?.[0] ?? '';
const mcpName = (tool: string) => tool.replace(/^mcp__[^_]+(?:_[^_]+)*?__/, '');

const TOOL_RULES: readonly ToolRule[] = [
  { test: /EISDIR|is a directory/i, key: 'dir', strong: true, rule: (e) => `Do not ${code(e.attempt.call.tool)} a directory: list it with \`ls\` or a glob first.` },
  {
    test: /exceeds maximum allowed (?:size|tokens)|file (?:is )?too large|too many tokens/i,
    key: 'too-large',
    strong: true,
    rule: (e) =>
      e.attempt.call.tool.startsWith('mcp__')
        ? `${code(mcpName(e.attempt.call.tool))} answers are too big to read whole: ask for less (pagination, filters, a small page size).`
        : `Read large files in parts (offset and limit): ${code(base(e.attempt.call.path ?? 'a file'))} was too big to ${code(e.attempt.call.tool)} whole.`,
  },
  { test: /File has not been read yet/i, key: 'read-first', anyTool: true, strong: true, rule: () => 'Read a file before `Edit` or `Write` changes it: the tool refuses a file it has not read.' },
  { test: /has been modified since read/i, key: 'modified-since-read', anyTool: true, strong: true, rule: (e) => `Read the file again before ${code(e.attempt.call.tool)}: it changed since it was read (a linter, a formatter or the user).` },
  { test: /Found \d+ matches of the string to replace/i, key: 'many-matches', anyTool: true, strong: true, rule: () => 'Give `Edit` an `old_string` that matches once (add context), or set `replace_all`.' },
  { test: /string to replace not found|no match(?:es)? found for/i, key: 'stale-edit', anyTool: true, strong: true, rule: (e) => `Read the lines again before ${code(e.attempt.call.tool)}: the text to replace must match the file as it is now.` },
  {
    test: /cannot read binary files/i,
    key: 'binary',
    strong: true,
    // Another tool that opened the same file reached the goal.
    fixedBy: (e, a) => isShell(a) && ok(a) && (a.call.command!.includes(base(e.attempt.call.path ?? '\u0000')) || a.call.command!.includes(extension(e) || '\u0000')),
    rule: (e, fix) => `${code(e.attempt.call.tool)} cannot open binary \`${extension(e) || 'binary'}\` files: ${fix ? `${code(programOf(fix.call.command!))} read it` : 'use a program that reads them'}.`,
  },
  { test: /InputValidationError/, key: 'input', rule: (e) => `${code(e.attempt.call.tool)} rejected its input: ${clip(inputProblem(e.attempt.result?.output ?? ''), 110)}.` },
  { test: /does not exist|no such file|not found|ENOENT/i, tool: /read|view|open|cat/i, key: 'missing-path', rule: (e) => `Look a guessed path up (glob or \`ls\`) before ${code(e.attempt.call.tool)}: ${code(base(e.attempt.call.path ?? 'it'))} did not exist.` },
];

/** The line of an input validation error that says what was wrong, without the JSON around it. */
function inputProblem(out: string): string {
  const line = out
    .replace(/<\/?tool_use_error>/g, '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^The (?:required )?parameter|expected|must|missing/i.test(l));
  if (line) return line.replace(/[.,]$/, '');
  const message = /"message":\s*"([^"]+)"/.exec(out)?.[1];
  return message ?? errorLine(out);
}

export function toolError(e: FailureEpisode): Finding | undefined {
  const out = e.attempt.result?.output ?? '';
  for (const r of TOOL_RULES) {
    if (!r.test.test(out) || (r.tool && !r.tool.test(e.attempt.call.tool))) continue;
    const fix = e.after.find((a) => (r.fixedBy ? r.fixedBy(e, a) : ok(a) && (a.call.tool === e.attempt.call.tool || isShell(a))));
    const key = r.anyTool
      ? `tool:*:${r.key}`
      : r.key === 'binary'
        ? `tool:${e.attempt.call.tool}:binary${extension(e)}`
        : r.key === 'missing-path'
          ? `tool:${e.attempt.call.tool}:missing-path:${base(e.attempt.call.path ?? '')}`
          : `tool:${e.attempt.call.tool}:${r.key}`;
    return { key, rule: r.rule(e, fix), ...(fix && { fix }), fromUser: false, ...(r.strong && { strong: true }), ...(r.key === 'missing-path' && { oneOff: true }) };
  }
  return undefined;
}

