import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { AgentExit, EXIT, ExitError, UsageError, redact } from './errors.js';

// The CLI entry point, and the only module that ends the process. Commands are
// imported lazily so `headroom --version` and `headroom compress` never load
// what other commands need (ink, the proxy, onnxruntime).

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

function program(): Command {
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
    .option('--budget <tokens>', 'aim for at most this many tokens (default: about 12% of the input, 400-2000)')
    .option('--tool <name>', 'name of the tool that printed the output, for stats', 'cli')
    .option('--no-store', 'do not keep the original: markers then carry no id and what they omit is gone')
    .option('--json', 'print {text, type, tokensBefore, tokensAfter, ms, ids, ...} as one JSON line')
    .addHelpText(
      'after',
      '\nTypes: test, build, log, search, json, code, html, diff, listing, table, prose, binary.\n' +
        'Tokens are counted with gpt-tokenizer (o200k_base). The original is kept in the store\n' +
        '(HEADROOM_STORE) and every marker names its id for `headroom retrieve`.\n\nExamples:\n' +
        '  cargo build 2>&1 | headroom compress\n  headroom compress --json server.log',
    )
    .action(async (file: string | undefined, flags) => {
      const { runCompress } = await import('./commands/compress.js');
      await runCompress(file, flags);
    });

  cli
    .command('retrieve')
    .description('print an original that a marker left out, byte for byte (exit 1 when no longer available)')
    .argument('<id>', 'the id a marker names, like hr_k3m9x2p7q4ab')
    .option('--lines <A-B>', 'only lines A to B (1-based; "A" or "A-" too)')
    .option('--grep <pattern>', 'only lines matching this regular expression, with their line numbers')
    .option('--json', 'print {id, found, text | message} as one JSON line')
    .action(async (id: string, flags) => {
      const { runRetrieve } = await import('./commands/retrieve.js');
      await runRetrieve(id, flags);
    });

  cli
    .command('stats')
    .description('tokens saved by type, and how often each compressor\'s omissions were retrieved')
    .option('--json', 'print the report as one JSON object')
    .action(async (flags) => {
      const { runStats } = await import('./commands/stats.js');
      await runStats(flags);
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
      '\nThe base URL carries a random secret path; only tool outputs in the newest turn are compressed,\n' +
        'and each one is sent the same way in every later request, so provider caches stay intact.\n' +
        'HTTPS_PROXY / NO_PROXY are honoured on the upstream side. Stats: GET <base URL>/headroom/stats.',
    )
    .action(async (flags) => {
      const { runProxy } = await import('./commands/proxy.js');
      await runProxy(flags);
    });

  cli
    .command('wrap')
    .description('run a coding agent as usual, through a private compressing endpoint for this session')
    .argument('<agent>', 'claude, codex, gemini, copilot, opencode, aider or cursor')
    .argument('[args...]', 'the agent\'s own arguments, passed unchanged')
    .option('--no-compress', 'relay and measure only: change nothing')
    .option('--json-summary <file>', 'also write the end-of-session summary to FILE as JSON')
    .option('--json', 'print the end-of-session summary as one JSON line (on stderr: stdout is the agent\'s)')
    .option('--verbose', 'say where the session log is')
    .option('--memory', "give the agent this project's top saved facts (headroom memory) at start, through its own setting for extra instructions")
    .passThroughOptions()
    .allowUnknownOption()
    .addHelpText(
      'after',
      '\nheadroom\'s options go before the agent\'s name; everything after it goes to the agent\n' +
        '(a first "--" is dropped). Exits with the agent\'s status. Examples:\n' +
        '  headroom wrap claude\n  headroom wrap --no-compress codex exec "fix the tests"\n  headroom wrap claude -- -p "summarise README.md"',
    )
    .action(async (agent: string, args: string[], flags) => {
      const { runWrap } = await import('./commands/wrap.js');
      // `headroom wrap claude -- -p hi`: the separator is ours; a later one is the agent's.
      const code = await runWrap(agent, args[0] === '--' ? args.slice(1) : args, flags);
      if (code !== 0) throw new AgentExit(code);
    });

  cli
    .command('learn')
    .description("mine past agent sessions for failures and their fixes, and propose rules for the agent's instructions file")
    .option('--agent <name>', 'auto, claude, codex, gemini, copilot, opencode or aider', 'auto')
    .option('--all', "every project's sessions, not only this folder's")
    .option('--from <path>', 'read transcripts from this file or folder instead')
    .option('--target <file>', 'put every rule in this file instead of CLAUDE.md / AGENTS.md / GEMINI.md')
    .option('--min-count <n>', 'drop lessons seen fewer times, unless the user said them (default 2)')
    .option('--dry-run', 'print the proposed diffs and write nothing')
    .option('--review', 'bring back the proposals of the last run, without scanning again')
    .option('--json', 'print lessons and proposals as one JSON object and write nothing')
    .option('--llm', 'reword the rules through your own provider key (ANTHROPIC_API_KEY or OPENAI_API_KEY); optional')
    .option('--memory', 'also save each accepted rule to headroom memory, so every wrapped agent gets it')
    .addHelpText(
      'after',
      '\nEvery change is a diff inside a marked block of the file, shown with its evidence; only the diffs\n' +
        'you accept are written (atomically, after a backup). Without a terminal nothing is written.',
    )
    .action(async (flags) => {
      const { runLearn } = await import('./commands/learn.js');
      await runLearn(flags);
    });

  cli
    .command('savings')
    .description("what headroom saves on your own past sessions: every request replayed through the proxy's path, in tokens and money")
    .option('--agent <name>', 'auto, claude, codex, gemini, copilot, opencode or aider', 'auto')
    .option('--all', "every project's sessions, not only this folder's")
    .option('--from <path>', 'read transcripts from this file or folder instead')
    .option('--top <n>', 'how many of the largest tool outputs to list (default 10)')
    .option('--html <file>', 'also write a self-contained page with charts')
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      '\nEach distinct tool output is counted once. Costs follow each provider\'s prompt-cache pricing\n' +
        '(cache writes, reads at a fraction, output unchanged); cache busts count requests whose\n' +
        'already-sent prefix compression would have changed (the target is 0).',
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
        'saved twice, by any agent and in other words, is one entry that lists who saved it.\n\nExamples:\n' +
        '  headroom memory add "e2e tests need --runInBand"\n  headroom memory add --global --agent codex "use python3, not python"\n' +
        '  headroom memory search "run tests"\n  headroom memory list --json\n  headroom memory rm mem_ab12cd34ef\n' +
        '  headroom memory export > facts.jsonl && headroom memory import facts.jsonl',
    );
  const memoryAction =
    <A extends unknown[]>(name: 'runMemoryAdd' | 'runMemorySearch' | 'runMemoryList' | 'runMemoryRm' | 'runMemoryExport' | 'runMemoryImport') =>
    async (...args: A) => {
      const m = await import('./commands/memory.js');
      await (m[name] as (...a: unknown[]) => Promise<void>)(...args.filter((a) => !(a instanceof Command)));
    };
  memory.command('add').description('save a fact (refused if it looks like a secret)').argument('<text>', 'the fact, in quotes')
    .option('--agent <name>', 'who says so (default: cli)').option('--global', 'true in every project, not only this one').option('--json', 'print {outcome, fact} as JSON')
    .addHelpText('after', '\nExample: headroom memory add "the staging database is read-only"').action(memoryAction('runMemoryAdd'));
  memory.command('search').description('facts matching QUERY, by relevance (BM25) and recency').argument('<query>', 'words to look for')
    .option('--limit <n>', 'at most this many (default 10)').option('--global', 'global facts only').option('--json', 'print {query, hits} as JSON')
    .addHelpText('after', '\nExample: headroom memory search "which python"').action(memoryAction('runMemorySearch'));
  memory.command('list').description("this project's facts and the global ones, newest first")
    .option('--all', 'every project\'s facts').option('--global', 'global facts only').option('--limit <n>', 'at most this many').option('--json', 'print {facts} as JSON')
    .addHelpText('after', '\nExample: headroom memory list --all').action(memoryAction('runMemoryList'));
  memory.command('rm').description('remove a fact').argument('<id>', 'its id, like mem_ab12cd34ef').option('--json', 'print {id, removed} as JSON')
    .addHelpText('after', '\nExample: headroom memory rm mem_ab12cd34ef').action(memoryAction('runMemoryRm'));
  memory.command('export').description('every fact, one JSON object a line, on standard output').option('--json', 'the same (JSON lines are the only format)')
    .addHelpText('after', '\nExample: headroom memory export > facts.jsonl').action(memoryAction('runMemoryExport'));
  memory.command('import').description('add the facts of an export (FILE, or standard input), deduplicated against those stored').argument('[file]', 'JSON lines; standard input when omitted or "-"')
    .option('--json', 'print {added, merged} as JSON').addHelpText('after', '\nExample: headroom memory import facts.jsonl').action(memoryAction('runMemoryImport'));

  cli
    .command('mcp')
    .description('run the MCP server on stdio: headroom_retrieve, headroom_compress, headroom_stats, headroom_memory_save/search/list')
    .option('--agent <name>', 'the agent memory saves are credited to (headroom wrap sets it)')
    .option('--session <id>', 'the session memory saves are credited to (headroom wrap sets it)')
    .action(async (flags) => {
      const { runMcp } = await import('./commands/mcp.js');
      await runMcp(flags);
    });

  cli.addHelpText(
    'after',
    '\nConfiguration: $XDG_CONFIG_HOME/headroom/config.json and HEADROOM_* variables\n' +
      '(HEADROOM_STORE=sqlite|memory|PATH|redis://host:6379/0, HEADROOM_STORE_TTL_DAYS, HEADROOM_STORE_MAX_MB).',
  );

  return cli;
}

async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are "errors" under exitOverride; their text is already printed.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`headroom: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof AgentExit) return err.code;
    if (err instanceof ExitError) {
      process.stderr.write(`headroom: ${err.message}\n`);
      return err.code;
    }
    if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') return EXIT.ok; // reader went away: not our failure
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(
      `headroom: internal error, please report it with this text:\n${redact(detail)}\n`,
    );
    return EXIT.internal;
  }
}

process.exitCode = await main(process.argv);
