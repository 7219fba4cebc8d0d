import { Command, Option } from 'commander';
import { AgentExit } from './errors.js';
import { LEARN_KEYS, START_HERE } from './help.js';

// The command table: every command, its options and its help, on a few
// screens. Commands are imported lazily so `headroom --version` and `headroom
// compress` never load what other commands need (ink, the proxy, onnxruntime).
// Defaults are written one way, "(default: X)" in the description, and applied
// by the command itself: commander's own default text is never shown.

const AGENTS = 'claude, codex, gemini, copilot, opencode, aider or cursor';
const LEARN_AGENTS = 'auto, claude, codex, gemini, copilot, opencode or aider (default: auto)';

const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`;

export function program(version: string): Command {
  const cli = new Command('headroom')
    .description('Compress what coding agents send to their model, without losing what the model needs.')
    .version(version, '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions()
    .exitOverride();

  cli
    .command('compress')
    .description('compress a tool output (FILE, or standard input) and print the result')
    .argument('[file]', 'file to compress; standard input when omitted or "-"')
    .addOption(new Option('--type <type>', 'skip detection and use this content type'))
    .option('--language <lang>', 'language of source code (default: from the file name, else detected)')
    .option('--budget <tokens>', 'aim for at most this many tokens (default: 22 x sqrt(input tokens), at least 400)')
    .option('--tool <name>', 'name of the tool that printed the output, for stats (default: cli)')
    .option('--no-store', 'do not keep the original: markers then carry no id and what they omit is gone')
    .option('--json', 'print {text, type, tokensBefore, tokensAfter, ms, ids, ...} as one JSON line')
    .addHelpText(
      'after',
      '\nTypes: test, build, log, search, json, code, html, diff, listing, table, prose, binary.\n' +
        'Tokens are counted with gpt-tokenizer (o200k_base). The original is kept in the store\n' +
        '(HEADROOM_STORE) and every marker names its id for `headroom retrieve`.\n' +
        examples('git log -p -5 | headroom compress', 'cargo build 2>&1 | headroom compress --budget 800', 'headroom compress --json server.log'),
    )
    .action(async (file: string | undefined, flags) => {
      const { runCompress } = await import('./commands/compress.js');
      await runCompress(file, flags);
    });

  cli
    .command('retrieve')
    .description('print an original that a marker left out, byte for byte (exit 1 when no longer available)')
    .argument('<id>', 'the id a marker names: hr_k3m9x2p7q4ab, or id=hr_k3m9x2p7q4ab as pasted from it')
    .option('--lines <A-B>', 'only lines A to B (1-based; "A" or "A-" too)')
    .option('--grep <pattern>', 'only lines matching this regular expression, with their line numbers')
    .option('--json', 'print {id, found, text | message} as one JSON line')
    .addHelpText('after', examples('headroom retrieve hr_k3m9x2p7q4ab', 'headroom retrieve id=hr_k3m9x2p7q4ab --lines 120-180', "headroom retrieve hr_k3m9x2p7q4ab --grep 'ERROR|WARN' | head"))
    .action(async (id: string, flags) => {
      const { runRetrieve } = await import('./commands/retrieve.js');
      await runRetrieve(id, flags);
    });

  cli
    .command('stats')
    .description("tokens saved by type, how often each compressor's omissions were retrieved, the command patterns backed off, and the store's size")
    .option('--json', 'print the report as one JSON object')
    .option('--reset-backoff [pattern]', "compress a backed-off command pattern again (every one when no pattern is given, e.g. 'Bash: git diff'), in every project")
    .addHelpText(
      'after',
      '\nA command pattern (program and subcommand, or a tool) is backed off in a project, that is left\n' +
        'whole by the proxy, after backoffAfter signals (config file, HEADROOM_BACKOFF_AFTER, default 3):\n' +
        'an original retrieved, or the same command run or file read again, right after a compressed output.\n' +
        examples('headroom stats', 'headroom stats --json', "headroom stats --reset-backoff 'Bash: git diff'", 'headroom stats --reset-backoff'),
    )
    .action(async (flags) => {
      const { runStats } = await import('./commands/stats.js');
      await runStats(flags);
    });

  const store = cli
    .command('store')
    .description('upkeep of the store of originals: prune what has expired, or clear it all')
    .addHelpText('after', examples('headroom store prune', 'headroom store prune --older-than 7', 'headroom store clear --yes'));
  store
    .command('prune')
    .description('remove originals unread for longer than their lifetime or over the size cap, and shrink the file')
    .option('--older-than <days>', 'remove originals unread for this many days (default: storeTtlDays, 30)')
    .option('--json', 'print what was removed as one JSON object')
    .action(async (flags) => {
      const { runStorePrune } = await import('./commands/store.js');
      await runStorePrune(flags);
    });
  store
    .command('clear')
    .description('remove every original and the recorded stats; asks first (markers already sent stop working)')
    .option('--yes', 'do not ask: for scripts')
    .option('--json', 'print what was removed as one JSON object')
    .action(async (flags) => {
      const { runStoreClear } = await import('./commands/store.js');
      await runStoreClear(flags);
    });

  cli
    .command('proxy')
    .description('run the compressing proxy on 127.0.0.1 until Ctrl-C, and print the base URLs to give an agent')
    .option('--port <n>', 'port to listen on (default: a random free one)')
    .option('--anthropic-upstream <url>', 'where Anthropic requests go (HEADROOM_ANTHROPIC_UPSTREAM)')
    .option('--openai-upstream <url>', 'where OpenAI requests go (HEADROOM_OPENAI_UPSTREAM)')
    .option('--gemini-upstream <url>', 'where Gemini requests go (HEADROOM_GEMINI_UPSTREAM)')
    .option('--no-compress', 'relay and measure only: change nothing')
    .option('--retrieval-tool', 'for agents without MCP: declare headroom_retrieve and answer it inside the stream (Anthropic, OpenAI Chat)')
    .option('--json', 'print the addresses as one JSON line')
    .addHelpText(
      'after',
      '\nThe first line is `export ANTHROPIC_BASE_URL=... OPENAI_BASE_URL=... GOOGLE_GEMINI_BASE_URL=...`,\n' +
        'ready to paste into the agent\'s shell. The base URL carries a random secret path; only tool outputs\n' +
        'in the newest turn are compressed, and each one is sent the same way in every later request, so\n' +
        'provider caches stay intact. HTTPS_PROXY / NO_PROXY are honoured on the upstream side.\n' +
        'Stats: GET <base URL>/headroom/stats.\n' +
        examples('headroom proxy', 'headroom proxy --port 8787 --anthropic-upstream https://gateway.example.com'),
    )
    .action(async (flags) => {
      const { runProxy } = await import('./commands/proxy.js');
      await runProxy(flags);
    });

  cli
    .command('wrap')
    .description('run a coding agent as usual, through a private compressing endpoint for this session')
    .argument('<agent>', AGENTS)
    .argument('[args...]', "the agent's own arguments, passed unchanged")
    .option('--no-compress', 'relay and measure only: change nothing')
    .option('--json-summary <file>', 'also write the end-of-session summary to FILE as JSON')
    .option('--json', "print the end-of-session summary as one JSON line (on stderr: stdout is the agent's)")
    .option('--verbose', 'say where the session log is')
    .option('--memory', "give the agent this project's top saved facts (headroom memory) at start, through its own setting for extra instructions")
    .passThroughOptions()
    .allowUnknownOption()
    .addHelpText(
      'after',
      "\nheadroom's options go before the agent's name; everything after it goes to the agent\n" +
        '(a first "--" is dropped). Exits with the agent\'s status. The summary\'s token counts are the\n' +
        "proxy's estimate; `headroom savings` counts exactly. For every day: eval \"$(headroom init bash)\".\n" +
        examples('headroom wrap claude', 'headroom wrap --no-compress codex exec "fix the tests"', 'headroom wrap claude -- -p "summarise README.md"'),
    )
    .action(async (agent: string, args: string[], flags) => {
      const { runWrap } = await import('./commands/wrap.js');
      // `headroom wrap claude -- -p hi`: the separator is ours; a later one is the agent's.
      const code = await runWrap(agent, args[0] === '--' ? args.slice(1) : args, flags);
      if (code !== 0) throw new AgentExit(code);
    });

  cli
    .command('init')
    .description('print shell code that makes the installed agents run through headroom: eval "$(headroom init bash)"')
    .argument('[shell]', 'bash, zsh or fish (default: from $SHELL)')
    .option('--all', 'alias every agent headroom wraps, installed or not')
    .option('--json', 'print {shell, aliases, code} as one JSON object')
    .addHelpText(
      'after',
      '\nAdd the eval line to your shell\'s start-up file (~/.bashrc, ~/.zshrc; fish: ~/.config/fish/config.fish\n' +
        'with `headroom init fish | source`). `command claude` still runs the agent without headroom.\n' +
        examples('eval "$(headroom init bash)"', 'eval "$(headroom init zsh)"', 'headroom init fish | source'),
    )
    .action(async (shell: string | undefined, flags) => {
      const { runInit } = await import('./commands/init.js');
      await runInit(shell, flags);
    });

  cli
    .command('doctor')
    .description('check Node, the store, the config file, the agents on PATH, the MITM CA and the folders; say how to fix each problem')
    .option('--json', 'print every check as one JSON object')
    .addHelpText('after', '\nExit status: 0 when nothing needs fixing, 1 when something does.\n' + examples('headroom doctor', 'headroom doctor --json'))
    .action(async (flags) => {
      const { runDoctor } = await import('./commands/doctor.js');
      await runDoctor(flags);
    });

  cli
    .command('learn')
    .description("mine past agent sessions for failures and their fixes, and propose rules for the agent's instructions file")
    .option('--agent <name>', LEARN_AGENTS)
    .option('--all', "every project's sessions, not only this folder's")
    .option('--from <path>', 'read transcripts from this file or folder instead (it must exist)')
    .option('--target <file>', 'put every rule in this file (default: CLAUDE.md, AGENTS.md or GEMINI.md by agent)')
    .option('--min-count <n>', 'drop lessons seen fewer times, unless the user said them or their cause is known (default: 2); at 1, one-off mistakes such as a guessed path too')
    .option('--dry-run', 'print the proposed diffs and write nothing')
    .option('--review', 'bring back the proposals of the last run, without scanning again')
    .option('--json', 'print lessons and proposals as one JSON object and write nothing')
    .option('--llm', 'reword the rules through your own provider key (ANTHROPIC_API_KEY or OPENAI_API_KEY); optional')
    .option('--memory', 'also save each accepted rule to headroom memory, so every wrapped agent gets it')
    .addHelpText('after', LEARN_KEYS)
    .action(async (flags) => {
      const { runLearn } = await import('./commands/learn.js');
      await runLearn(flags);
    });

  cli
    .command('savings')
    .description("what headroom saves on your own past sessions: every request replayed through the proxy's path, in tokens and money")
    .option('--agent <name>', LEARN_AGENTS)
    .option('--all', "every project's sessions, not only this folder's")
    .option('--from <path>', 'read transcripts from this file or folder instead (it must exist)')
    .option('--top <n>', 'how many of the largest tool outputs to list (default: 10)')
    .option('--html <file>', 'also write a self-contained page with charts')
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      "\nEach distinct tool output is counted once, exactly (gpt-tokenizer, o200k_base). Costs follow each\n" +
        "provider's prompt-cache pricing (cache writes, reads at a fraction, output unchanged); cache busts\n" +
        'count requests whose already-sent prefix compression would have changed (the target is 0).\n' +
        'File reads save 0% below 40,000 tokens: agents edit from them, so the proxy leaves them whole\n' +
        '(config: {"tools": {"Read": "compress"}} changes that).\n' +
        examples('headroom savings', 'headroom savings --all --html savings.html', 'headroom savings --from ~/.claude/projects/-home-me-app --json'),
    )
    .action(async (flags) => {
      const { runSavings } = await import('./commands/savings.js');
      await runSavings(flags);
    });

  const memory = cli
    .command('memory')
    .description('facts every wrapped agent shares (use python3, the staging DB is read-only, ...): add, search, list, rm, export, import')
    .addHelpText(
      'after',
      '\nFacts belong to this project (its git root) or, with --global, to every project. The same fact\n' +
        'saved twice, by any agent and in other words, is one entry that lists who saved it.\n' +
        examples(
          'headroom memory add "e2e tests need --runInBand"',
          'headroom memory add --global --agent codex "use python3, not python"',
          'headroom memory search "run tests"',
          'headroom memory list --json',
          'headroom memory rm mem_ab12cd34ef',
          'headroom memory export > facts.jsonl && headroom memory import facts.jsonl',
        ),
    );
  const memoryAction =
    <A extends unknown[]>(name: 'runMemoryAdd' | 'runMemorySearch' | 'runMemoryList' | 'runMemoryRm' | 'runMemoryExport' | 'runMemoryImport') =>
    async (...args: A) => {
      const m = await import('./commands/memory.js');
      await (m[name] as (...a: unknown[]) => Promise<void>)(...args.filter((a) => !(a instanceof Command)));
    };
  memory
    .command('add')
    .description('save a fact (refused if it looks like a secret)')
    .argument('<text>', 'the fact, in quotes')
    .option('--agent <name>', 'who says so (default: cli)')
    .option('--global', 'true in every project, not only this one')
    .option('--json', 'print {outcome, fact} as JSON')
    .addHelpText('after', examples('headroom memory add "the staging database is read-only"'))
    .action(memoryAction('runMemoryAdd'));
  memory
    .command('search')
    .description('facts matching QUERY, by relevance (BM25) and recency')
    .argument('<query>', 'words to look for')
    .option('--limit <n>', 'at most this many (default: 10)')
    .option('--global', 'global facts only')
    .option('--json', 'print {query, hits} as JSON')
    .addHelpText('after', examples('headroom memory search "which python"'))
    .action(memoryAction('runMemorySearch'));
  memory
    .command('list')
    .description("this project's facts and the global ones, newest first")
    .option('--all', "every project's facts")
    .option('--global', 'global facts only')
    .option('--limit <n>', 'at most this many')
    .option('--json', 'print {facts} as JSON')
    .addHelpText('after', examples('headroom memory list --all'))
    .action(memoryAction('runMemoryList'));
  memory
    .command('rm')
    .description('remove a fact')
    .argument('<id>', 'its id, like mem_ab12cd34ef')
    .option('--json', 'print {id, removed} as JSON')
    .addHelpText('after', examples('headroom memory rm mem_ab12cd34ef'))
    .action(memoryAction('runMemoryRm'));
  memory
    .command('export')
    .description('every fact, one JSON object a line, on standard output')
    .option('--json', 'the same (JSON lines are the only format)')
    .addHelpText('after', examples('headroom memory export > facts.jsonl'))
    .action(memoryAction('runMemoryExport'));
  memory
    .command('import')
    .description('add the facts of an export (FILE, or standard input), deduplicated against those stored')
    .argument('[file]', 'JSON lines; standard input when omitted or "-"')
    .option('--json', 'print {added, merged} as JSON')
    .addHelpText('after', examples('headroom memory import facts.jsonl'))
    .action(memoryAction('runMemoryImport'));

  cli
    .command('mcp')
    .description('run the MCP server on stdio: headroom_retrieve, headroom_compress, headroom_stats, headroom_memory_save/search/list')
    // `headroom wrap` counts its own session's retrievals through this file.
    .addOption(new Option('--count-retrievals <file>').hideHelp())
    .option('--agent <name>', 'the agent memory saves are credited to (headroom wrap sets it)')
    .option('--session <id>', 'the session memory saves are credited to (headroom wrap sets it)')
    .addHelpText('after', '\nAgents start it themselves (headroom wrap registers it).' + examples('claude --mcp-config \'{"mcpServers":{"headroom":{"command":"headroom","args":["mcp"]}}}\''))
    .action(async (flags) => {
      const { runMcp } = await import('./commands/mcp.js');
      await runMcp(flags);
    });

  cli.addHelpText('after', START_HERE);
  return cli;
}
