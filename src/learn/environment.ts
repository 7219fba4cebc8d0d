import type { FailureEpisode } from './episodes.js';
import { type Finding, base, code, isShell, ok } from './finding.js';
import { clip, programOf, verbOf } from './signals.js';

// Failures of the environment rather than of the work: a hook or the sandbox
// that blocks a call, sudo that cannot prompt, keys and rights that are
// missing, a network or a site that will not answer, the shell's own dialect
// (zsh globbing, bash under Windows, the Bash tool's escaping). Their rules say
// what to do instead, and hold in the next session, so one sighting is enough.

const strong = (f: Omit<Finding, 'fromUser' | 'strong'>): Finding => ({ ...f, fromUser: false, strong: true });

/** In `a && b`, the step whose program the message names ("Try 'timeout --help'", "Dangerous rm command"). */
function stepNamedIn(command: string, message: string, allowed: (program: string) => boolean = () => true): string | undefined {
  const words = new Set(message.toLowerCase().match(/[a-z][\w.-]*/g) ?? []);
  return command
    .split(/\s*(?:&&|\|\||;|\n)\s*/)
    // The word as typed: `timeout 10` is cmd's timeout here, not a prefix to strip.
    .map((step) => (step.trim().split(/\s+/).find((w) => !/^[A-Za-z_]\w*=/.test(w)) ?? '').replace(/^.*[\\/]/, ''))
    .find((p) => p !== '' && allowed(p) && words.has(p.toLowerCase()));
}

/**
 * A word of the command that the hook's reason names, wherever it stands: the
 * `rm` in `find . -exec rm {} +`, `xargs rm` or `git rm`. The hook blocked
 * that, not the program the command started with.
 */
function namedWord(command: string, reason: string): string | undefined {
  // Quoted text too: the hook read the whole command (`ssh host "rm -rf x"`).
  const words = new Set(command.split(/[\s;&|()"'`]+/).map((w) => w.replace(/^.*[\\/]/, '').toLowerCase()));
  return (reason.toLowerCase().match(/[a-z][\w.-]*/g) ?? []).find((w) => w.length > 1 && words.has(w));
}

function hook(e: FailureEpisode, out: string): Finding | undefined {
  const m = /(?:operation blocked by hook|hook error)[\s\S]*?BLOCKED:\s*([^\r\n]+)/i.exec(out);
  if (!m) return undefined;
  const reason = clip(m[1]!, 90);
  const { call } = e.attempt;
  const name = call.path ? base(call.path) : '';
  // .env, .env.example, .env.docker: one rule for the family the hook names, whichever tool or command touched it.
  const envFiles = /\.env\b/.test(reason) || /^\.env\b/.test(name);
  if (call.command && !envFiles) {
    const program = stepNamedIn(call.command, reason) ?? namedWord(call.command, reason) ?? programOf(call.command);
    return strong({ key: `hook:run:${program}`, rule: `Do not run ${code(program)} here: a hook blocks it ("${reason}").` });
  }
  const what = envFiles ? '`.env*` files' : name ? code(name) : 'this file';
  return strong({ key: `hook:file:${what}`, rule: `Do not read or write ${what}: a hook blocks it ("${reason}").` });
}

function sandbox(out: string): Finding | undefined {
  if (!/^cd to '.*' was blocked\. For security/m.test(out)) return undefined;
  return strong({ key: 'sandbox:cd', rule: 'Do not `cd` outside the project: Claude Code blocks it; use absolute paths or `git -C <dir>`.' });
}

function sudo(e: FailureEpisode, out: string): Finding | undefined {
  if (!/sudo: (?:a terminal is required|a password is required|no tty present)/.test(out)) return undefined;
  return strong({ key: 'env:sudo', rule: `\`sudo\` cannot prompt for a password in the agent's shell: ask the user to run ${code(e.attempt.call.command ?? 'it')} themselves.` });
}

function auth(e: FailureEpisode, out: string): Finding | undefined {
  if (/Permission denied \(publickey/.test(out)) {
    const host = /git@([\w.-]+)/.exec(out)?.[1] ?? /git@([\w.-]+)/.exec(e.attempt.call.command ?? '')?.[1] ?? 'the remote';
    return strong({ key: `auth:ssh:${host}`, rule: `No SSH key is set up for ${code(host)} here (Permission denied (publickey)): use the HTTPS remote and \`gh auth\`.` });
  }
  const push = /Permission to ([\w.-]+\/[\w.-]+?)(?:\.git)? denied to ([\w-]+(?:\.[\w-]+)*)/.exec(out);
  if (push) {
    return strong({ key: `auth:push:${push[1]}`, rule: `${code(push[2]!)} cannot push to ${code(push[1]!)}: push to a fork or a branch the account owns.` });
  }
  if (/gpg failed to sign the data/.test(out)) {
    const fix = e.after.find((a) => isShell(a) && ok(a) && /\bgit\b.*\bcommit\b/.test(a.call.command!) && /--no-gpg-sign|commit\.gpgsign=false/.test(a.call.command!));
    const rule = fix
      ? 'Commits cannot be signed here (gpg failed to sign the data): commit with `--no-gpg-sign`.'
      : 'Commits cannot be signed here (gpg failed to sign the data): ask the user to unlock gpg, or to allow `--no-gpg-sign`.';
    return strong({ key: 'auth:gpg', rule, ...(fix && { fix }) });
  }
  return undefined;
}

const NO_NETWORK = /ENOTFOUND|EAI_AGAIN|getaddrinfo|Could not resolve host|Temporary failure in name resolution|Network is unreachable|FailedToOpenSocket|ConnectionRefused|ECONNREFUSED|Connection refused/i;
const LOCAL = /localhost|127\.0\.0\.1|0\.0\.0\.0|::1|192\.168\.|10\.\d+\.|\.local\b/;

function network(e: FailureEpisode, out: string): Finding | undefined {
  // The line that says why it failed must be the network's: a traceback that mentions a socket further up is not.
  if (!e.attempt.call.command || !NO_NETWORK.test(e.error) || LOCAL.test(`${e.attempt.call.command}\n${out}`)) return undefined;
  return strong({ key: 'env:network', rule: `There is no network here (${code(programOf(e.attempt.call.command))}: "${clip(e.error, 70)}"): check connectivity once instead of trying other tools.` });
}

/** A site that refuses the fetcher is worth a rule at once; a missing page only when it happens again. */
function web(e: FailureEpisode, out: string): Finding | undefined {
  const { call } = e.attempt;
  if (call.command || !/fetch/i.test(call.tool)) return undefined;
  const status = /status code (\d{3})|\((\d{3})\)/.exec(out);
  const url = /https?:\/\/([^/"'\s]+)/.exec(call.input)?.[1];
  if (!status || !url) return undefined;
  const codeNo = Number(status[1] ?? status[2]);
  const host = url.replace(/^www\./, '');
  // Another way to the same page: a search, or the agent fetching it by hand.
  const fix = e.after.find((a) => ok(a) && (/search/i.test(a.call.tool) || (a.call.command !== undefined && /\b(?:curl|wget)\b/.test(a.call.command))));
  const instead = fix ? (/search/i.test(fix.call.tool) ? ': `WebSearch` worked instead' : `: ${code(fix.call.command ?? fix.call.tool)} worked instead`) : '';
  return {
    key: `web:${host}`,
    rule: `\`${call.tool}\` cannot read ${code(host)} (HTTP ${codeNo})${instead || ': do not retry it, look for another source'}.`,
    ...(fix && { fix }),
    fromUser: false,
    strong: [401, 402, 403, 429, 451].includes(codeNo),
  };
}

/** The shell's dialect: zsh globbing and quoting, bash under Windows, the Bash tool's own escaping. */
function dialect(e: FailureEpisode, out: string): Finding | undefined {
  const command = e.attempt.call.command;
  if (!command) return undefined;
  const glob = /\(eval\):\d+: no matches found: (\S+)/.exec(out);
  if (glob) return strong({ key: 'shell:zsh-glob', rule: `The shell is zsh: it expands \`(\`, \`[\`, \`*\` and \`?\` in unquoted words (no matches found: ${code(glob[1]!)}): quote such paths.` });
  if (/\(eval\):\d+: unmatched ["'`]/.test(out)) {
    return strong({ key: 'shell:zsh-unmatched', rule: 'The shell is zsh: a lone quote or backtick in a pattern breaks the command (unmatched "): put such patterns in single quotes.' });
  }
  // The escaped `\!` shows in the command, or only in the interpreter's echo of the line it choked on.
  if ((command.includes('\\!') || (out.includes('\\!') && command.includes('!'))) && /line continuation|SyntaxError|Invalid or unexpected token|unexpected character/i.test(out)) {
    return strong({ key: 'shell:bang', rule: 'The Bash tool turns `!` into `\\!` in inline scripts (`python3 -c`, `node -e`): write the script to a file and run that.' });
  }
  if (/syntax error near unexpected token `\('/.test(out) && /\\\$ \(|\$\(/.test(out + command)) {
    return strong({ key: 'shell:subst', rule: 'The Bash tool mangled `$(...)` in this command (syntax error near `(`): put loops with command substitution in a script file.' });
  }
  if (/^[A-Za-z]:[\\/]/.test(e.session.cwd ?? '')) return windows(command, out);
  return undefined;
}

/** cmd's commands that mean something else, or nothing, in bash (Git Bash, MSYS) on Windows. */
const CMD_INSTEAD: Readonly<Record<string, string>> = { timeout: '`sleep N`', type: '`cat`', dir: '`ls`', del: '`rm`', copy: '`cp`', move: '`mv`', findstr: '`grep`', cls: '`clear`' };

function windows(command: string, out: string): Finding | undefined {
  // In `a && b` the step that failed is the one the output names ("Try 'timeout --help'", "type: ...").
  const program = stepNamedIn(command, out, (p) => CMD_INSTEAD[p.toLowerCase()] !== undefined) ?? programOf(command);
  const instead = CMD_INSTEAD[program.toLowerCase()];
  if (instead) {
    return strong({ key: `shell:windows:${program}`, rule: `The shell is bash on Windows, not cmd: ${code(program)} is not cmd's here, use ${instead}.` });
  }
  // MSYS turns a /x option into a path (C:/Program Files/Git/x) before a Windows program sees it.
  const slash = command.split(/\s+/).find((w) => /^\/[A-Za-z?][\w-]*$/.test(w));
  if (slash && /Invalid (?:Parameter|switch|argument)|not (?:a valid|recognized)|Program Files\/Git/i.test(out)) {
    return strong({ key: `shell:windows-slash:${program}`, rule: `The shell is bash on Windows: it turns ${code(slash)} into a path; write \`/${slash}\` or run ${code(`cmd //c "${verbOf(command)} ${slash}"`)}.` });
  }
  return undefined;
}

/** A variable the command relied on is not set: `${X}/bin/tool` ran as `/bin/tool`. */
function unsetVariable(e: FailureEpisode, out: string): Finding | undefined {
  const command = e.attempt.call.command;
  if (!command || !/No such file or directory|not found/.test(out)) return undefined;
  for (const m of command.matchAll(/\$\{?([A-Z][A-Z0-9_]+)\}?(\/[^\s"']+)/g)) {
    if (out.includes(`${m[2]}:`) || out.includes(`${m[2]}'`)) {
      return strong({ key: `env:unset:${m[1]}`, rule: `\`$${m[1]}\` is not set in the agent's shell: ${code(`\${${m[1]}}${m[2]}`)} became ${code(m[2]!)}.` });
    }
  }
  return undefined;
}

const RUNNERS = new Set(['npm', 'npx', 'pnpm', 'yarn', 'bun', 'bunx', 'node', 'python', 'python3', 'uv', 'poetry', 'pytest']);
const MISSING_DEPENDENCY = [
  /Cannot find (?:module|package|dependency) '([^']+)'/,
  /Module ([\w@/.-]+) in the \w+ option was not found/,
  /No module named '([\w.]+)'/,
  /Test environment ([\w@/.-]+) cannot be found/,
  /^\/bin\/sh: ([\w.-]+): command not found/m,
  /\bsh: ([\w.-]+): command not found/,
];

/** A package the project needs is not installed: install the dependencies before running it. */
function dependency(e: FailureEpisode, out: string): Finding | undefined {
  const command = e.attempt.call.command;
  if (!command) return undefined;
  const runner = programOf(command);
  let name: string | undefined;
  for (const re of MISSING_DEPENDENCY) {
    name = re.exec(out)?.[1];
    if (name) break;
  }
  // A relative import of the project's own file, or an import the agent just wrote (tsc's TS2307), is the work, not a missing package.
  if (/error TS2307/.test(out)) return undefined;
  // The runner itself not found is a missing program, not a package (`/bin/sh: python: command not found`).
  if (!name || name === runner || name.startsWith('.') || name.startsWith('/') || (!RUNNERS.has(runner) && !/^\/bin\/sh:|\bsh: /.test(out))) return undefined;
  const python = /No module named/.test(out);
  const install = python ? `\`pip install ${name.split('.')[0]}\` (or the project's venv)` : `\`${['pnpm', 'yarn', 'bun'].includes(runner) ? runner : 'npm'} install\``;
  return strong({ key: `deps:${name}`, rule: `${code(verbOf(command))} needs ${code(name)}, which is not installed: install the dependencies first (${install}).` });
}

const SERVING = /localhost:\d+|127\.0\.0\.1:\d+|0\.0\.0\.0:\d+|Listening|ready in|Starting|Running on|Local:\s+http/i;

/** A server started in the foreground: the call waits for it until the tool gives up. */
function longRunning(e: FailureEpisode, out: string): Finding | undefined {
  const command = e.attempt.call.command;
  if (!command || !/^Command timed out after/.test(out.trim()) || !SERVING.test(out) || /&\s*$/.test(command.trim())) return undefined;
  const verb = verbOf(command);
  return strong({ key: `env:foreground:${verb}`, rule: `Run ${code(verb)} in the background (\`run_in_background\` or \`&\`): it serves until stopped, so the call times out.` });
}

function portInUse(e: FailureEpisode, out: string): Finding | undefined {
  if (!e.attempt.call.command || !/Address already in use|EADDRINUSE/.test(out)) return undefined;
  const program = programOf(e.attempt.call.command);
  return strong({ key: `env:port:${program}`, rule: `${code(program)} is already running (Address already in use): stop the old process or use another port before starting it again.` });
}

/** Files that are always dirty (logs a hook writes) stop every checkout and merge. */
function dirtyTree(e: FailureEpisode, out: string): Finding | undefined {
  const m = /Your local changes to the following files would be overwritten by (\w+):\s*\n\s*(\S+)/.exec(out);
  if (!m || !e.attempt.call.command) return undefined;
  const dir = m[2]!.includes('/') ? `${m[2]!.replace(/\/[^/]*$/, '')}/` : m[2]!;
  // What got past it: a later command that dealt with those files (git restore logs/ && git stash pop).
  const fix = e.after.find((a) => isShell(a) && ok(a) && a.call.command!.includes(dir) && /\bgit\b/.test(a.call.command!));
  const how = fix ? `: ${code(fix.call.command!)} got past it` : ': stash or discard them first';
  return strong({ key: `git:dirty:${dir}`, rule: `Uncommitted changes in ${code(dir)} (${code(m[2]!)}) block \`git ${m[1]}\`${how}.`, ...(fix && { fix }) });
}

const UNAUTHENTICATED = /\b(?:Unauthori[sz]ed\b[^\n]*|Please sign in|not authenticated|authentication required)/i;

function unauthenticated(e: FailureEpisode, out: string): Finding | undefined {
  // Said by the error itself ("Uncaught Error: Unauthorized: ..."), not by some line of the output.
  const line = out.split('\n').find((l) => /error|fatal|✖/i.test(l) && UNAUTHENTICATED.test(l));
  const said = line ? UNAUTHENTICATED.exec(line)?.[0] : undefined;
  if (!e.attempt.call.command || !said) return undefined;
  const verb = verbOf(e.attempt.call.command);
  return strong({ key: `auth:${verb}`, rule: `${code(verb)} needs a signed-in user here ("${clip(said, 70)}"): sign in first, or ask the user to.` });
}

/** Programs that print a file or a log: what they show is that file's news, not their own failure. */
const READERS = new Set(['cat', 'tail', 'head', 'less', 'more', 'grep', 'rg', 'sed', 'awk', 'jq', 'bat']);

export function environmentFinding(e: FailureEpisode): Finding | undefined {
  const out = e.attempt.result?.output ?? '';
  const blocked = hook(e, out) ?? sandbox(out);
  if (blocked) return blocked;
  if (e.attempt.call.command && READERS.has(programOf(e.attempt.call.command))) return dialect(e, out);
  return (
    sudo(e, out) ??
    auth(e, out) ??
    unauthenticated(e, out) ??
    web(e, out) ??
    unsetVariable(e, out) ??
    dialect(e, out) ??
    dependency(e, out) ??
    longRunning(e, out) ??
    portInUse(e, out) ??
    dirtyTree(e, out) ??
    network(e, out)
  );
}
