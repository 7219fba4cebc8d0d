import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { BIN, headroom, isolatedEnv } from '../helpers/cli.js';
import { CORPUS_ROOT } from '../helpers/corpus.js';
import { spawnTerm } from '../helpers/term.js';
import { tempDir } from '../helpers/temp-dir.js';

// The help a new user reads: where to start, examples everywhere, defaults
// written one way, and learn's keys as its approval screen has them.

const COMMANDS = ['compress', 'retrieve', 'stats', 'store', 'proxy', 'wrap', 'init', 'doctor', 'learn', 'savings', 'memory', 'mcp'];

const help = async (args: string[]) => {
  const r = await headroom([...args, '--help'], { env: isolatedEnv() });
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout.toString('utf8');
};

test('top-level help starts the user off and lists every command', async () => {
  const text = await help([]);
  expect(text).toMatch(/\nStart here:\n {2}headroom doctor .*\n {2}eval "\$\(headroom init bash\)"/);
  expect(text).toMatch(/\nExamples:\n {2}git log -p -3 \| headroom compress/);
  for (const c of COMMANDS) expect(text).toMatch(new RegExp(`^ {2}${c}\\b`, 'm'));
});

test('every command has examples, and every default is written "(default: X)"', async () => {
  for (const c of COMMANDS) {
    const text = await help([c]);
    expect(text, c).toMatch(/\nExamples:\n {2}\S/);
    // commander's own form, with quotes, is never shown.
    expect(text, c).not.toMatch(/\(default: "/);
  }
  // commander wraps descriptions to the terminal: compare the words.
  const words = async (c: string) => (await help([c])).replace(/\s+/g, ' ');
  expect(await words('learn')).toContain('(default: auto)');
  expect(await words('compress')).toContain('(default: 22 x sqrt(input tokens), at least 400)');
}, 60_000);

test("learn --help lists the approval screen's keys, as the screen itself shows them", async () => {
  const text = await help(['learn']);
  const cwd = tempDir('learn-keys-');
  const env = { ...isolatedEnv(), PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', NO_COLOR: '1' };
  const t = spawnTerm(process.execPath, [BIN, 'learn', '--from', path.join(CORPUS_ROOT, 'transcripts', 'claude-code'), '--min-count', '1'], { cwd, env, cols: 120, rows: 40 });
  try {
    const screen = await t.waitFor(/ accept · /);
    const legend = screen.split('\n').find((l) => l.includes(' accept · '))!;
    // "a/y accept · r/n reject · e edit · s skip · q quit · ..."
    const pairs = [...legend.matchAll(/([a-z](?:\/[a-z])*) (accept|reject|edit|skip|quit)/g)].map((m) => [m[1]!.split('/'), m[2]!] as const);
    expect(pairs.length).toBe(5);
    for (const [keys, action] of pairs) expect(text).toMatch(new RegExp(`^ {2}${keys.join(' or ')},? .*\\s{2,}${action}`, 'm'));
    t.write('\x03');
    await t.exited;
  } finally {
    t.kill();
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}, 60_000);
