import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { EXIT, ExitError, UsageError, redact } from './errors.js';

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
    .exitOverride();

  cli
    .command('compress')
    .description('compress a tool output (FILE, or standard input) and print the result')
    .argument('[file]', 'file to compress; standard input when omitted or "-"')
    .addOption(new Option('--type <type>', 'skip detection and use this content type'))
    .option('--language <lang>', 'language of source code (default: from the file name, else detected)')
    .option('--budget <tokens>', 'aim for at most this many tokens (default: about 12% of the input, 400-2000)')
    .option('--json', 'print {text, type, tokensBefore, tokensAfter, ms, ...} as one JSON line')
    .addHelpText(
      'after',
      '\nTypes: test, build, log, search, json, code, html, diff, listing, table, prose, binary.\n' +
        'Tokens are counted with gpt-tokenizer (o200k_base).\n\nExamples:\n' +
        '  cargo build 2>&1 | headroom compress\n  headroom compress --json server.log',
    )
    .action(async (file: string | undefined, flags) => {
      const { runCompress } = await import('./commands/compress.js');
      await runCompress(file, flags);
    });

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
