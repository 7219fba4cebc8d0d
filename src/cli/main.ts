import { createRequire } from 'node:module';
import { CommanderError } from 'commander';
import { AgentExit, EXIT, ExitError, UsageError, redact } from './errors.js';
import { program } from './program.js';

// The CLI entry point, and the only module that ends the process: every
// error a command throws becomes an exit status here.

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

/** Words people type for "is headroom all right / what did it do", which are not commands. */
const NEAR_MISSES: Readonly<Record<string, string>> = {
  status: 'headroom doctor (is everything set up?) or headroom stats (what was saved)',
  check: 'headroom doctor',
  health: 'headroom doctor',
  setup: 'headroom init, then headroom doctor',
  install: 'headroom init',
};

function isClosedPipe(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

async function main(argv: string[]): Promise<number> {
  try {
    await program(version).parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.unknownCommand') {
        const word = /'([^']+)'/.exec(err.message)?.[1];
        const hint = word !== undefined ? NEAR_MISSES[word] : undefined;
        if (hint) process.stderr.write(`headroom: for that, run ${hint}\n`);
      }
      // Help and version are "errors" under exitOverride; their text is already printed.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`headroom: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof AgentExit) return err.code;
    if (err instanceof ExitError) {
      // An empty message: the command already said what it had to (doctor's report).
      if (err.message) process.stderr.write(`headroom: ${err.message}\n`);
      return err.code;
    }
    if (isClosedPipe(err)) return EXIT.ok; // reader went away: not our failure
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`headroom: internal error, please report it with this text:\n${redact(detail)}\n`);
    return EXIT.internal;
  }
}

// `headroom retrieve ID | head -1`: once the reader has gone, Node emits
// 'error' on the stream as well as failing the write; unhandled, that event
// crashes with a stack. A closed pipe is the reader's choice, so the command
// ends quietly with its status so far; nothing more can be said on that stream.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (!isClosedPipe(err)) throw err;
    process.exit(process.exitCode ?? EXIT.ok);
  });
}

process.exitCode = await main(process.argv);
