import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, test } from 'vitest';
import { UsageError } from '../../../src/cli/errors.js';
import { runApproval } from '../../../src/learn/approve/index.js';
import type { ApprovalResult } from '../../../src/learn/approve/index.js';
import { REPO_ROOT } from '../../helpers/corpus.js';
import { spawnTerm, type Term } from '../../helpers/term.js';
import { credoFirst, pushUpstream, rebuild, twoProposals } from './proposals.js';
import { tempDir } from '../../helpers/temp-dir.js';

// runApproval as a person meets it: the built screen in a real terminal, keys
// typed, and what the process reports and leaves behind (decisions, cooked tty).

const CHILD = path.join(REPO_ROOT, 'test/helpers/approve-child.mjs');
const BUILT = path.join(REPO_ROOT, 'dist/learn/approve');
const SOURCE = path.join(REPO_ROOT, 'src/learn/approve');
const proposals = twoProposals();
let input: string;

beforeAll(() => {
  // The child runs the build; a stale one would test old code.
  for (const f of fs.readdirSync(SOURCE)) {
    const js = path.join(BUILT, f.replace(/\.tsx?$/, '.js'));
    if (!fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(path.join(SOURCE, f)).mtimeMs) {
      throw new Error(`${path.relative(REPO_ROOT, js)} is missing or older than its source: run \`npm run build\` first`);
    }
  }
  input = path.join(tempDir('approve-pty-'), 'proposals.json');
  fs.writeFileSync(input, JSON.stringify(proposals));
});

function start(...flags: string[]): Term {
  // A clean environment: no CI variable (ink draws only the last frame under CI), no NO_COLOR.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), TERM: 'xterm-256color', LANG: 'C.UTF-8' };
  return spawnTerm(process.execPath, [CHILD, input, ...flags], { cwd: REPO_ROOT, env, cols: 100, rows: 30 });
}

/** Waits for the process to end by itself (nothing left holding it) and returns its status and output. */
async function ended(t: Term): Promise<{ code: number; raw: string; stty: string }> {
  const exit = await Promise.race([t.exited, new Promise<never>((_, no) => setTimeout(() => no(new Error(`child did not exit; screen:\n${t.screen().join('\n')}`)), 10_000))]);
  const raw = t.raw();
  return { code: exit.exitCode, raw, stty: /STTY .*/.exec(raw)?.[0].trim() ?? '' };
}

/** The decisions the child printed after the screen, and the terminal mode it was left in. */
async function finish(t: Term): Promise<{ result: ApprovalResult; stty: string }> {
  const { code, raw, stty } = await ended(t);
  expect(code).toBe(0);
  const result = /RESULT (\{.*\})\r?\n/.exec(raw)?.[1];
  expect(result, raw).toBeDefined();
  return { result: JSON.parse(result!) as ApprovalResult, stty };
}

const LEGEND = /a\/y accept · r\/n reject · e edit · s skip · q quit/;

describe('in a real terminal', () => {
  test('edit a rule, accept the rebuilt diff, reject the next: decisions out, terminal cooked', async () => {
    const t = start();
    try {
      let screen = await t.waitFor(LEGEND);
      expect(screen).toMatch(/^1 of 2: \/home\/USER\/projects\/spotter\/CLAUDE\.md/);
      expect(screen).toContain('error:  fatal: The current branch spotter-a0y has no upstream branch.');
      t.write('e');
      await t.waitFor(/Rule 1 of 2/);
      t.write(' Always.');
      await t.waitFor(/> .*has no upstream\. Always\./);
      t.write('\r');
      await t.waitFor(/Rule 2 of 2/);
      t.write('\r');
      screen = await t.waitFor(/\(edited\)/);
      expect(screen).toContain(`+- ${pushUpstream.rule} Always.`);
      t.write('a');
      screen = await t.waitFor(/^2 of 2: .*AGENTS\.md/m);
      expect(screen).toContain('+- Read JSONL files line by line');
      t.write('r');
      screen = await t.waitFor(/All proposals reviewed\./);
      const { result, stty } = await finish(t);
      expect(result).toEqual({
        quit: false,
        interrupted: false,
        decisions: [
          { id: 'p1', decision: { kind: 'accept', after: rebuild(proposals[0]!, [`${pushUpstream.rule} Always.`, credoFirst.rule]).after } },
          { id: 'p2', decision: { kind: 'reject' } },
        ],
      });
      expect(stty).toBe('STTY icanon=on echo=on');
      expect(t.screen().join('\n')).toMatch(/accepted\s+1\n\s+rejected\s+1\n\s+skipped\s+0\n\s+not reached\s+0/); // the summary stays
    } finally {
      t.kill();
    }
  });

  test('resize, then Ctrl-C mid-way: what was decided stays, nothing after it, quit=true, terminal cooked', async () => {
    const t = start();
    try {
      expect(await t.waitFor(LEGEND)).toMatch(/lines 1-26 of \d+/);
      t.resize(100, 16); // the body shrinks to the new height, keeping header and legend on screen
      const small = await t.waitFor(/lines 1-12 of \d+/);
      expect(small.split('\n')[0]).toMatch(/^1 of 2: /);
      expect(small).toMatch(LEGEND);
      t.write('s');
      await t.waitFor(/^2 of 2: /m);
      t.write('\x03');
      await t.waitFor(/Interrupted: nothing will be written\./);
      const { result, stty } = await finish(t);
      expect(result).toEqual({ quit: true, interrupted: true, decisions: [{ id: 'p1', decision: { kind: 'skip' } }] });
      expect(stty).toBe('STTY icanon=on echo=on');
      expect(t.screen().join('\n')).toMatch(/not reached\s+1/);
    } finally {
      t.kill();
    }
  });

  test('Ctrl-C while editing: nothing decided, terminal cooked', async () => {
    const t = start();
    try {
      await t.waitFor(LEGEND);
      t.write('e');
      await t.waitFor(/Rule 1 of 2/);
      t.write('\x03');
      const { result, stty } = await finish(t);
      expect(result).toEqual({ quit: true, interrupted: true, decisions: [] });
      expect(stty).toBe('STTY icanon=on echo=on');
    } finally {
      t.kill();
    }
  });

  test('the screen throwing (a bad rebuild): runApproval rejects, terminal cooked', async () => {
    const t = start('--broken-rebuild');
    try {
      await t.waitFor(LEGEND);
      t.write('e');
      await t.waitFor(/Rule 1 of 2/);
      t.write('\r');
      await t.waitFor(/Rule 2 of 2/);
      t.write('\r');
      const { code, raw, stty } = await ended(t);
      expect(code).toBe(2);
      expect(raw).toMatch(/ERROR TypeError: /);
      expect(raw).not.toContain('RESULT ');
      expect(stty).toBe('STTY icanon=on echo=on');
    } finally {
      t.kill();
    }
  });
});

test('without a terminal runApproval refuses, and nothing is decided', async () => {
  const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
  const stdout = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.WriteStream;
  await expect(runApproval(proposals, rebuild, { stdin, stdout, color: false })).rejects.toThrow(UsageError);
  await expect(runApproval(proposals, rebuild, { stdin, stdout, color: false })).rejects.toThrow(/needs an interactive terminal, and stdin is not one/);
});
