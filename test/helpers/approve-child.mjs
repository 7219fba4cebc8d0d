// runApproval from the build, in a process of its own, for
// test/learn/approve/run-approval.pty.test.ts (vitest cannot run TSX in a PTY child).
//
//   node approve-child.mjs <proposals.json> [--broken-rebuild]
//     shows the proposals on this terminal; on exit prints "RESULT <json>",
//     or "ERROR <name>: <message>" with status 2 when runApproval fails, then
//     "STTY icanon=on|off echo=on|off" (the terminal as left).
//     --broken-rebuild: an edit yields a proposal without a diff, so the screen throws.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTwoFilesPatch } from 'diff';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { runApproval } = await import(path.join(repo, 'dist/learn/approve/index.js'));

const START = '<!-- headroom:learn:start -->';
const END = '<!-- headroom:learn:end -->';

// The same rewrite as withRules in test/learn/approve/proposals.ts, which the test checks against.
function withRules(before, rules) {
  const block = [START, '## Learned from past sessions', ...rules.map((r) => `- ${r}`), END].join('\n');
  const at = before.indexOf(START);
  const end = before.indexOf(END);
  if (at >= 0 && end > at) return before.slice(0, at) + block + before.slice(end + END.length);
  return `${before}${before.endsWith('\n') || before === '' ? '' : '\n'}\n${block}\n`;
}

function rebuild(p, rules) {
  const after = withRules(p.before, rules);
  const name = path.basename(p.file);
  const lessons = rules.map((rule, i) => ({ ...(p.lessons[i] ?? p.lessons[0]), rule }));
  return { ...p, after, diff: createTwoFilesPatch(name, name, p.before, after), lessons };
}

const proposals = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const broken = process.argv.includes('--broken-rebuild');
try {
  const result = await runApproval(proposals, broken ? (p) => ({ ...p, diff: undefined }) : rebuild, {
    stdin: process.stdin,
    stdout: process.stdout,
    color: !('NO_COLOR' in process.env),
  });
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} catch (err) {
  process.stdout.write(`ERROR ${err.name}: ${err.message}\n`);
  process.exitCode = 2;
} finally {
  if (process.stdin.isTTY) {
    const stty = execFileSync('stty', ['-a'], { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
    const on = (flag) => (new RegExp(`(^|\\s)-${flag}(\\s|;|$)`).test(stty) ? 'off' : 'on');
    process.stdout.write(`STTY icanon=${on('icanon')} echo=${on('echo')}\n`);
  }
}
// No process.exit: the process must end by itself, so nothing (stdin included) is left holding it.
