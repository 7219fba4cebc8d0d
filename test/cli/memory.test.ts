import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { headroom, isolatedEnv } from '../helpers/cli.js';

// `headroom memory` as a user runs it: a real process, a real SQLite file in an isolated home, a git project.

describe('headroom memory', () => {
  const env = isolatedEnv();
  const project = path.join(env.HOME!, 'project');
  const sub = path.join(project, 'src', 'deep');
  fs.mkdirSync(sub, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: project });
  afterAll(() => fs.rmSync(env.HOME!, { recursive: true, force: true }));
  const run = (args: string[], cwd = project, input?: string) => headroom(['memory', ...args], { env, cwd, ...(input !== undefined && { input }) });
  const out = (r: { stdout: Buffer }) => r.stdout.toString('utf8');

  it('adds, folds a repeat from another agent and folder of the same project, searches, lists, removes', async () => {
    const a = await run(['add', '--agent', 'claude', '--json', 'The staging database is read-only']);
    expect(a.code, a.stderr).toBe(0);
    const { fact } = JSON.parse(out(a)) as { fact: { id: string } };
    const b = await run(['add', '--agent', 'codex', 'the staging database is READ-ONLY.'], sub);
    expect(out(b)).toContain(`already known as ${fact.id} (saved 2x by claude, codex)`);
    await run(['add', '--global', 'Prefer rg over grep']);

    const s = await run(['search', 'staging db read only', '--json']);
    const hits = (JSON.parse(out(s)) as { hits: Array<{ fact: { id: string } }> }).hits;
    expect(hits[0]!.fact.id).toBe(fact.id);
    expect(out(await run(['list']))).toMatch(/Prefer rg over grep\n {4}global; saved 1x by cli/);
    expect(out(await run(['rm', fact.id]))).toBe(`removed ${fact.id}\n`);
    const gone = await run(['rm', fact.id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`no fact ${fact.id}`);
  });

  it('export and import as JSON lines', async () => {
    const other = isolatedEnv();
    await run(['add', 'e2e tests need --runInBand']);
    const exported = out(await run(['export']));
    expect(exported.trim().split('\n').every((l) => JSON.parse(l).text)).toBe(true);
    const imp = await headroom(['memory', 'import', '--json'], { env: other, cwd: project, input: exported });
    expect(JSON.parse(imp.stdout.toString('utf8'))).toEqual({ added: exported.trim().split('\n').length, merged: 0 });
    const bad = await headroom(['memory', 'import'], { env: other, cwd: project, input: '{"text":"x","scope":"global"}\nnot json\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 2: not JSON; nothing was imported');
    fs.rmSync(other.HOME!, { recursive: true, force: true });
  });

  it('refuses a secret (exit 1, nothing stored) and says what to do; usage errors exit 2', async () => {
    const r = await run(['add', 'deploy with token glpat-abcdefghijklmnopqrstu']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/looks like it holds a GitLab token.*Say where the secret lives instead/);
    expect(out(await run(['export']))).not.toContain('glpat-');
    for (const args of [['add'], ['rm', 'nope'], ['search', 'x', '--limit', '0'], ['bogus'], ['add', '--agent', 'bad name!', 'x'], []]) {
      expect((await run(args)).code, args.join(' ')).toBe(2);
    }
    const help = await run(['add', '--help']);
    expect(out(help)).toMatch(/\nExamples:\n {2}headroom memory add/);
  });
});
