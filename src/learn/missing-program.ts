import type { Attempt, FailureEpisode } from './episodes.js';
import { type Finding, code, isShell, ok } from './finding.js';
import { commandWords, missingProgram, programOf } from './signals.js';

// A program that is not installed, and what took its place. The replacement
// is named only when it is tied to the failure: the same arguments under
// another program, the same command without the missing one, a command that
// names the missing program (`npx vitest`, `brew install tree`), or another
// program run on the same files. A command that merely worked next is not a
// replacement: then the rule states the failure alone.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Is `name` a program the command ran? Not a variable it assigned
 * (`CONVEX_VERBOSE=1 npx convex`, which some shells read as a command) nor a
 * script it ran by its path (`./start.sh`): those are not installable programs.
 */
function isProgram(name: string, command: string): boolean {
  if (new RegExp(`(?:^|[\\s;&|(])${escape(name)}=`).test(command)) return false;
  if (new RegExp(`[\\\\/]${escape(name)}(?=[\\s;&|)"']|$)`).test(command)) return false;
  // A name in capitals with an underscore is a variable's; `deploy.sh` is a script of the project, run without its `./`.
  return !/^[A-Z][A-Z0-9]*_[A-Z0-9_]*$/.test(name) && !/\.(?:sh|bash|zsh|py|js|mjs|ts|rb|pl|ps1|bat|cmd)$/i.test(name);
}

/** The arguments that name things (paths, targets), not flags, numbers or quoted text. */
const operands = (words: readonly string[]) => words.slice(1).filter((w) => !/^-/.test(w) && w !== 'Q' && !/^\d+$/.test(w)).map((w) => w.replace(/[\\/]+$/, ''));

/** Two operands name the same place: equal, or one is a folder holding the other. */
const samePlace = (a: string, b: string) => a === b || (a.length > 1 && b.length > 1 && /[\\/]/.test(a + b) && (a.startsWith(`${b}/`) || b.startsWith(`${a}/`)));

const INSTALL = /^(?:brew|apt|apt-get|dnf|yum|pacman|apk|port|choco|scoop|winget|pip3?|pipx|uv|npm|pnpm|yarn|bun|cargo|go|gem)$/;

/** A step that sets the shell up for a program: sources an env file, activates a venv, extends PATH. */
const SETUP = /^(?:(?:source|\.)\s+\S+|(?:export\s+)?PATH=\S*\$\{?PATH\b\S*|(?:nvm|fnm|pyenv|rbenv)\s+(?:use|shell)\b.*|(?:conda|micromamba)\s+activate\b.*|eval\s+"?\$\(.*)$/;

function setupStep(command: string): string | undefined {
  return command.split(/\s*(?:&&|;|\n)\s*/).map((s) => s.trim()).find((s) => SETUP.test(s));
}

/** `PATH=/opt/x/bin` or `export PATH=...` without `$PATH`: every other program is gone for the rest of the command. */
const PATH_REPLACED = /(?:^|[\s;&|])(?:export\s+)?PATH=(?!"[^"]*\$\{?PATH\b|[^\s;&|]*\$\{?PATH\b)[^\s;&|]*/;

interface Replacement {
  readonly fix: Attempt;
  /** What to do instead, after "`x` is not installed here: ". */
  readonly how?: string;
  /** The whole rule, when "not installed" is not the cause. */
  readonly rule?: string;
}

function replacement(e: FailureEpisode, program: string): Replacement | undefined {
  const failed = commandWords(e.attempt.call.command!);
  const args = failed.slice(1).join(' ');
  const shell = e.after.filter(isShell);
  // Ran at all (whatever it then said about its own input): the program is there.
  const ran = (a: Attempt) => a.result !== undefined && !missingProgram(a.result.output) && a.result.exitCode !== 127;
  for (const a of shell) {
    const w = commandWords(a.call.command!);
    const p = programOf(a.call.command!);
    // The same program ran once the shell was set up for it: `source ~/.cargo/env && cargo build`.
    const setup = p === program && ok(a) ? setupStep(a.call.command!) : undefined;
    if (setup) return { fix: a, rule: `${code(program)} is installed but not on the agent's \`PATH\`: run ${code(setup)} first.` };
    if (p === program || !ran(a)) continue;
    if (args !== '' && w.slice(1).join(' ') === args) {
      if (failed[0] === program) return { fix: a, how: `use ${code(p)} instead` };
      // `timeout 10 python3 x.py` -> `python3 x.py`: the missing program was only a prefix.
      if (w[0] === failed[0]) return { fix: a, how: 'run the command without it' };
    }
    if (!ok(a)) continue;
    // `npx vitest`, `python3 -m pytest`, `~/.cargo/bin/cargo`, `brew install tree`.
    const at = w.findIndex((x, i) => i > 0 && x.replace(/^.*[\\/]/, '') === program);
    if (at > 0 || (w[0] !== program && w[0]?.replace(/^.*[\\/]/, '') === program)) {
      const head = w.slice(0, at > 0 ? at + 1 : 1).join(' ');
      if (at > 0 && INSTALL.test(p) && w.slice(1, at).some((x) => /^(?:install|add|i)$/.test(x))) return { fix: a, how: `install it first (${code(head)})` };
      return { fix: a, how: `use ${code(head)} instead` };
    }
    // Another program on the same files: `tree lib -L 3` -> `find lib -type f`.
    const mine = operands(failed);
    if (mine.length > 0 && operands(w).some((x) => mine.some((y) => samePlace(x, y)))) return { fix: a, how: `use ${code(p)} instead` };
  }
  return undefined;
}

export function missingProgramFinding(e: FailureEpisode): Finding | undefined {
  const out = e.attempt.result?.output ?? '';
  const command = e.attempt.call.command!;
  // A script named by its path that is not there is a wrong folder, not a missing program.
  const bare = (w: string | undefined) => (w && !/[\\/]/.test(w) ? w : undefined);
  const program = missingProgram(out) ?? (e.attempt.result?.exitCode === 127 && !/No such file or directory/.test(out) ? bare(commandWords(command)[0]) : undefined);
  if (!program || !isProgram(program, command)) return undefined;
  const replaced = PATH_REPLACED.exec(command)?.[0].trim();
  if (replaced) {
    return {
      key: 'env:path-replaced',
      rule: `Add to \`PATH\`, do not replace it: ${code(replaced)} in a command hid the system's programs (${code(program)} was not found after it); write \`PATH="<dir>:$PATH"\`.`,
      fromUser: false,
      strong: true,
    };
  }
  const r = replacement(e, program);
  return {
    key: `missing:${program}`,
    rule: r?.rule ?? (r?.how ? `${code(program)} is not installed here: ${r.how}.` : `${code(program)} is not installed here.`),
    ...(r && { fix: r.fix }),
    fromUser: false,
    strong: true,
  };
}
