// What a tool call is, for the back-off (issue 14, lever 5): a shell command,
// a file read, an edit, a retrieval of an original, or another tool; its
// command pattern (what a back-off applies to) and its subject (what "the same
// command again" compares).
//
// A command pattern is the program and, for programs made of subcommands, the
// subcommand: `git diff --stat HEAD~3` and `git diff src/` are both `git diff`,
// `cargo test -p core` is `cargo test`, `ls -la src` is `ls`. Wrappers that
// run another program (`sudo`, `npx`, `uv run`, env assignments, a leading
// `cd dir &&`) are looked through. Only the pattern is ever stored, never the
// command, which may hold a secret.

export type CallKind = 'shell' | 'read' | 'edit' | 'retrieve' | 'other';

export interface CallShape {
  readonly kind: CallKind;
  /** What a back-off names: `Bash: git diff`, `Read: *.json`, `WebFetch`. */
  readonly pattern: string;
  /** The command line, the file read, or the tool's arguments: equal subjects are the same call again. */
  readonly subject: string;
  /** For a retrieval: the ids it asked for. */
  readonly ids?: readonly string[];
}

const SHELL_TOOLS = new Set(['Bash', 'bash', 'shell', 'exec_command', 'run_shell_command', 'local_shell', 'run_terminal_cmd', 'execute_command']);
const READ_TOOLS = new Set(['Read', 'NotebookRead', 'read', 'read_file', 'view']);
/** Tools that change files: a call after one of them sees a different world, so it is no sign of anything. */
const EDIT_TOOLS = new Set(['Edit', 'MultiEdit', 'Write', 'NotebookEdit', 'edit', 'write', 'write_file', 'replace', 'apply_patch', 'str_replace_editor', 'create_file', 'patch']);

/** Programs whose first word is a subcommand worth telling apart. */
const SUBCOMMANDS = new Set([
  'git', 'npm', 'pnpm', 'yarn', 'bun', 'deno', 'cargo', 'go', 'docker', 'podman', 'kubectl', 'helm', 'terraform', 'gh', 'glab',
  'pip', 'pip3', 'uv', 'poetry', 'conda', 'dotnet', 'mvn', 'gradle', 'gradlew', 'make', 'just', 'rustup', 'brew', 'apt', 'apt-get',
  'systemctl', 'aws', 'gcloud', 'az', 'rails', 'bundle', 'composer', 'mix', 'swift', 'flutter', 'dart', 'nx', 'turbo', 'headroom',
]);
/** Options before a subcommand that take a value (`git -C dir`, `kubectl -n prod`). */
const VALUE_OPTIONS = new Set(['-C', '-c', '-f', '-n', '--prefix', '--file', '--manifest-path', '--namespace', '--context', '--project', '--profile', '--region']);
/** Words that run the command after them. */
const WRAPPERS = new Set(['sudo', 'env', 'time', 'nice', 'nohup', 'command', 'exec', 'npx', 'bunx', 'pnpx', 'xargs', 'timeout']);
/** Two-word wrappers: `uv run pytest` is pytest. */
const RUNNERS: Readonly<Record<string, string>> = { uv: 'run', poetry: 'run', pnpm: 'exec', bundle: 'exec', pipenv: 'run', yarn: 'dlx' };

const RETRIEVE_ID = /hr_[a-km-np-z2-9]{12}/g;
const SHELL_RETRIEVE = /\bheadroom\s+retrieve\b/;

export function isRetrievalTool(tool: string): boolean {
  return tool === 'headroom_retrieve' || tool.endsWith('__headroom_retrieve') || tool.endsWith('_headroom_retrieve');
}

function parseInput(input: string): Record<string, unknown> {
  // Arguments bigger than this are a file being written, never a command.
  if (input.length > 64 * 1024) return {};
  try {
    const v: unknown = JSON.parse(input);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The command line of a shell call: a string, or Codex's argv (`["bash", "-lc", "git status"]`). */
function commandOf(args: Record<string, unknown>): string | undefined {
  const c = args.command ?? args.cmd;
  if (typeof c === 'string') return c;
  if (Array.isArray(c) && c.every((x) => typeof x === 'string')) {
    const argv = c as string[];
    const i = argv.findIndex((a) => a === '-c' || a === '-lc');
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : argv.join(' ');
  }
  return undefined;
}

function pathOf(args: Record<string, unknown>): string | undefined {
  for (const k of ['file_path', 'filePath', 'absolute_path', 'path', 'notebook_path']) {
    const v = args[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/** Words of the first simple command, quotes dropped: enough to name a program, not a shell parser. */
function firstCommandWords(line: string): string[] {
  // `cd dir && cmd`: the program is cmd. Split on the first operator that ends a command.
  const parts = line.split(/&&|\|\||;|\||\n/).map((p) => p.trim()).filter(Boolean);
  const first = parts.find((p) => !/^cd\s/.test(p) && p !== 'cd') ?? parts[0] ?? '';
  return first.split(/\s+/).map((w) => w.replace(/^['"]|['"]$/g, '')).filter(Boolean);
}

/** `program subcommand` (or `program`) of a command line; undefined when there is no program. */
export function commandPattern(line: string): string | undefined {
  const words = firstCommandWords(line);
  let i = 0;
  for (;;) {
    const w = words[i];
    if (w === undefined) return undefined;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (WRAPPERS.has(w)) {
      i++;
      while (words[i]?.startsWith('-')) i += /^-[a-z]$/.test(words[i]!) && words[i] !== '-l' ? 2 : 1; // sudo -u x, timeout -s 9
      if (w === 'timeout' && /^\d/.test(words[i] ?? '')) i++;
    } else if (RUNNERS[w] !== undefined && words[i + 1] === RUNNERS[w]) i += 2;
    else break;
  }
  const program = words[i]!.split('/').pop()!.replace(/^\.\//, '');
  if (program === '') return undefined;
  if (!SUBCOMMANDS.has(program)) return /^python[\d.]*$/.test(program) && words[i + 1] === '-m' && words[i + 2] ? `${program} -m ${words[i + 2]}` : program;
  // The first word after the program's own options: `git -C dir --no-pager log` is `git log`.
  for (let j = i + 1; j < words.length; j++) {
    const w = words[j]!;
    if (VALUE_OPTIONS.has(w)) {
      j++;
      continue;
    }
    if (w.startsWith('-')) continue;
    return /^[a-z][a-z0-9:._-]*$/.test(w) ? `${program} ${w}` : program;
  }
  return program;
}

/** The shape of one call; never throws. */
export function callShape(tool: string, input: string): CallShape {
  if (EDIT_TOOLS.has(tool)) return { kind: 'edit', pattern: tool, subject: '' };
  const args = parseInput(input);
  if (isRetrievalTool(tool)) return { kind: 'retrieve', pattern: tool, subject: input, ids: input.match(RETRIEVE_ID) ?? [] };
  if (SHELL_TOOLS.has(tool)) {
    const line = commandOf(args);
    if (line === undefined) return { kind: 'other', pattern: tool, subject: input };
    if (SHELL_RETRIEVE.test(line)) return { kind: 'retrieve', pattern: tool, subject: line, ids: line.match(RETRIEVE_ID) ?? [] };
    const program = commandPattern(line);
    return { kind: 'shell', pattern: program ? `${tool}: ${program}` : tool, subject: line.trim() };
  }
  if (READ_TOOLS.has(tool)) {
    const file = pathOf(args);
    const ext = file && /\.([A-Za-z0-9]{1,10})$/.exec(file)?.[1];
    return { kind: 'read', pattern: ext ? `${tool}: *.${ext}` : tool, subject: file ?? input };
  }
  return { kind: 'other', pattern: tool, subject: input };
}
