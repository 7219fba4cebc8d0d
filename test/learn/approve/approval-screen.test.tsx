import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApprovalScreen, type ApprovalResult, type Rebuild } from '../../../src/learn/approve/index.js';
import type { Proposal } from '../../../src/learn/types.js';
import { KEY, press, ready as listening, until } from './ink-keys.js';
import { CLAUDE_MD, credoFirst, proposal, pushUpstream, rebuild, twoProposals } from './proposals.js';

// The approval screen in a fake terminal: what a person sees, and what each
// key decides. Colour is forced on so "no colour" is a real check.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

afterEach(cleanup);

function screen(proposals: Proposal[], o: { color?: boolean; rows?: number; rebuild?: Rebuild } = {}) {
  const done = vi.fn<(r: ApprovalResult) => void>();
  const rebuildSpy = vi.fn(o.rebuild ?? rebuild);
  const ui = render(<ApprovalScreen proposals={proposals} rebuild={rebuildSpy} onDone={done} color={o.color ?? true} rows={o.rows ?? 60} />);
  const result = async () => {
    await until(ui, () => done.mock.calls.length > 0, 'onDone');
    expect(done).toHaveBeenCalledTimes(1);
    return done.mock.calls[0]![0];
  };
  return { ui, done, rebuild: rebuildSpy, result };
}

const plain = (s: string) => s.replace(/\u001B\[[0-9;]*m/g, '');

/** The key legend is the screen's ready marker: it appears once keys work. */
const ready = (ui: ReturnType<typeof render>) => listening(ui, 'a/y accept');

describe('reviewing', () => {
  test('shows one proposal: header, coloured diff, evidence, legend', async () => {
    const ps = twoProposals();
    const { ui } = screen(ps);
    await ready(ui);
    const frame = ui.lastFrame()!;
    const text = plain(frame);
    expect(text).toMatch(/^1 of 2: \/home\/USER\/projects\/spotter\/CLAUDE\.md/);
    expect(text).toContain('+- Push a new branch with `git push -u origin <branch>`');
    expect(text).toContain(' - Run `mix test` before pushing.'); // user text stays as context
    expect(text).toContain('claude · session fa812bfe-b295-4cca-9c2f-fdf01028cb46 · 2026-02-12 15:48');
    expect(text).toContain('failed: Bash: git push 2>&1');
    expect(text).toContain('error:  fatal: The current branch spotter-a0y has no upstream branch.');
    expect(text).toContain('fixed:  Bash: git push --set-upstream origin spotter-a0y');
    expect(text).toContain('6× in 1 session, ~18,400 tokens wasted');
    expect(text).toContain('a/y accept · r/n reject · e edit · s skip · q quit');
    expect(text).not.toContain('AGENTS.md');
    expect(frame).toContain('\u001B[32m+<!-- headroom:learn:start -->'); // + green
    expect(frame).toMatch(/\u001B\[36m@@ -\d+,\d+ \+\d+,\d+ @@/); // @@ cyan
  });

  test('color=false (NO_COLOR) draws no escape at all, on the review and the summary', async () => {
    const ps = twoProposals();
    const { ui, result } = screen(ps, { color: false });
    await ready(ui);
    expect(ui.lastFrame()).toContain('+- Push a new branch');
    expect(ui.lastFrame()).not.toContain('\u001B');
    await press(ui, 'a', 'r');
    await result();
    expect(ui.lastFrame()).toContain('accepted');
    expect(ui.frames.join('')).not.toContain('\u001B');
  });

  test('terminal escapes inside evidence never reach the screen', async () => {
    const hostile = { ...pushUpstream, evidence: [{ ...pushUpstream.evidence[0]!, error: '\u001B[31mred\u001B[0m \u001B]0;pwned\u0007done' }] };
    const { ui } = screen([proposal('x', '/p/CLAUDE.md', CLAUDE_MD, [hostile])], { color: false });
    await ready(ui);
    expect(ui.lastFrame()).toContain('error:  red done');
    expect(ui.lastFrame()).not.toContain('\u001B');
  });
});

describe('deciding', () => {
  test.each([
    [['a', 'r'], ['accept', 'reject']],
    [['y', 'n'], ['accept', 'reject']],
    [['s', 'a'], ['skip', 'accept']],
  ])('keys %j decide %j, then the summary', async (keys, kinds) => {
    const ps = twoProposals();
    const { ui, result } = screen(ps);
    await ready(ui);
    await press(ui, keys[0]!);
    expect(plain(await until(ui, (f) => f.includes('2 of 2')))).toContain('AGENTS.md');
    await press(ui, keys[1]!);
    const r = await result();
    expect(r).toEqual({
      quit: false,
      interrupted: false,
      decisions: kinds.map((kind, i) => ({ id: ps[i]!.id, decision: kind === 'accept' ? { kind, after: ps[i]!.after } : { kind } })),
    });
    const summary = plain(ui.lastFrame()!);
    expect(summary).toContain('All proposals reviewed.');
    expect(summary).toMatch(new RegExp(`accepted\\s+${kinds.filter((k) => k === 'accept').length}\\n`));
    expect(summary).toMatch(/not reached\s+0/);
  });

  test.each([
    ['q', 'q', false],
    ['Esc', KEY.esc, false],
    ['Ctrl-C', KEY.ctrlC, true],
  ])('%s after one accept: quit, the rest not reached and never decided', async (_name, key, interrupted) => {
    const ps = twoProposals();
    const { ui, result } = screen(ps);
    await ready(ui);
    await press(ui, 'a');
    await until(ui, (f) => f.includes('2 of 2'));
    await press(ui, key);
    expect(await result()).toEqual({ quit: true, interrupted, decisions: [{ id: 'p1', decision: { kind: 'accept', after: ps[0]!.after } }] });
    const summary = plain(ui.lastFrame()!);
    // Ctrl-C is an interruption: the command writes nothing, and the summary says so.
    expect(summary).toContain(interrupted ? 'Interrupted: nothing will be written.' : 'Stopped: nothing more was decided.');
    expect(summary).toMatch(/accepted\s+1\n\s+rejected\s+0\n\s+skipped\s+0\n\s+not reached\s+1/);
    await press(ui, 'a'); // keys after the end decide nothing
    expect(await result()).toMatchObject({ quit: true });
  });

  test('a paste of several letters decides nothing', async () => {
    const { ui, done } = screen(twoProposals());
    await ready(ui);
    await press(ui, 'aaa');
    expect(plain(ui.lastFrame()!)).toMatch(/^1 of 2/);
    expect(done).not.toHaveBeenCalled();
  });

  test('no proposals: the summary at once', async () => {
    const { ui, result } = screen([]);
    expect(await result()).toEqual({ decisions: [], quit: false, interrupted: false });
    expect(ui.lastFrame()).toContain('Nothing to review.');
  });
});

describe('editing', () => {
  const NEW_RULE = 'Use `git push -u origin HEAD` the first time a branch is pushed.';

  /** Erases the line key by key, as a person would, then types the text. */
  async function retype(ui: ReturnType<typeof render>, old: string, text: string) {
    for (let i = 0; i < old.length; i++) await press(ui, KEY.backspace);
    if (text) await press(ui, text);
  }

  test('type a new rule, Enter: rebuilt with it, new diff shown, accept writes the rebuilt text', async () => {
    const ps = twoProposals();
    const { ui, rebuild: spy, result } = screen(ps);
    await ready(ui);
    await press(ui, 'e');
    expect(plain(await until(ui, (f) => f.includes('Rule 1 of 2')))).toContain(`> ${pushUpstream.rule}`);
    await retype(ui, pushUpstream.rule, NEW_RULE);
    await until(ui, (f) => plain(f).includes(`> ${NEW_RULE}`), 'the typed rule');
    await press(ui, KEY.enter);
    await until(ui, (f) => f.includes('Rule 2 of 2'));
    await press(ui, KEY.enter); // keep the second rule as it is
    const edited = plain(await until(ui, (f) => f.includes('(edited)')));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![1]).toEqual([NEW_RULE, credoFirst.rule]);
    expect(edited).toContain(`+- ${NEW_RULE}`);
    expect(edited).not.toContain(`+- ${pushUpstream.rule}`);
    expect(edited).toContain('a/y accept'); // back to deciding
    await press(ui, 'a', 's');
    const r = await result();
    const after = rebuild(ps[0]!, [NEW_RULE, credoFirst.rule]).after;
    expect(r.decisions[0]).toEqual({ id: 'p1', decision: { kind: 'accept', after } });
    expect(after).toContain(`- ${NEW_RULE}\n`);
    expect(after.startsWith(CLAUDE_MD)).toBe(true);
  });

  test('an emptied rule (Ctrl-U) is dropped', async () => {
    const { ui, rebuild: spy } = screen(twoProposals());
    await ready(ui);
    await press(ui, 'e');
    await until(ui, (f) => f.includes('Rule 1 of 2'));
    await press(ui, KEY.enter);
    await until(ui, (f) => f.includes('Rule 2 of 2'));
    await press(ui, KEY.ctrlU);
    await until(ui, (f) => /^> \s*$/m.test(plain(f)), 'an empty line');
    await press(ui, KEY.enter);
    await until(ui, (f) => f.includes('(edited)'));
    expect(spy.mock.calls[0]![1]).toEqual([pushUpstream.rule]);
  });

  test('arrows move the cursor: a word inserted mid-rule; a long edit logs nothing', async () => {
    const errors = vi.spyOn(console, 'error');
    const { ui, rebuild: spy } = screen([proposal('x', '/p/CLAUDE.md', CLAUDE_MD, [pushUpstream])]);
    await ready(ui);
    await press(ui, 'e');
    await until(ui, (f) => f.includes('Rule 1 of 1'));
    await retype(ui, pushUpstream.rule, 'Use git push -u.');
    await press(ui, KEY.home, KEY.right, KEY.right, KEY.right, KEY.right, 'plain ', KEY.end, KEY.left, ' once');
    expect(plain(await until(ui, (f) => plain(f).includes('> Use plain git push -u once.')))).toContain('Rule 1 of 1');
    await press(ui, KEY.enter);
    await until(ui, (f) => f.includes('(edited)'));
    expect(spy.mock.calls[0]![1]).toEqual(['Use plain git push -u once.']);
    expect(errors).not.toHaveBeenCalled(); // React warns on stderr when state is set from effects on every key
  });

  test('a rule longer than the terminal wraps in the editor, and the screen still fits', async () => {
    const ROWS = 14;
    const { ui } = screen(twoProposals(), { rows: ROWS });
    await ready(ui);
    await press(ui, 'e');
    await until(ui, (f) => f.includes('Rule 1 of 2'));
    await press(ui, ' Then run `git branch -vv` to check the upstream is set before pushing again, and say so.'.repeat(2));
    const frame = await until(ui, (f) => plain(f).includes('and say so. '), 'the end of the long rule');
    expect(frame.split('\n').length).toBeLessThan(ROWS);
    expect(plain(frame).split('\n')[0]).toMatch(/^1 of 2: /);
  });

  test('Esc cancels: no rebuild, the original text is what accept gives', async () => {
    const ps = twoProposals();
    const { ui, rebuild: spy, result } = screen(ps);
    await ready(ui);
    await press(ui, 'e');
    await until(ui, (f) => f.includes('Rule 1 of 2'));
    await press(ui, ' and more', KEY.esc);
    expect(plain(await until(ui, (f) => f.includes('Edit cancelled.')))).not.toContain('(edited)');
    await press(ui, 'a', 'r');
    expect((await result()).decisions[0]).toEqual({ id: 'p1', decision: { kind: 'accept', after: ps[0]!.after } });
    expect(spy).not.toHaveBeenCalled();
  });

  test('Ctrl-C while editing quits without deciding the edited proposal; q there is just text', async () => {
    const { ui, result } = screen(twoProposals());
    await ready(ui);
    await press(ui, 'e');
    await until(ui, (f) => f.includes('Rule 1 of 2'));
    await press(ui, 'q');
    expect(plain(await until(ui, (f) => plain(f).includes(`${pushUpstream.rule}q`)))).toContain('Rule 1 of 2');
    await press(ui, KEY.ctrlC);
    expect(await result()).toEqual({ decisions: [], quit: true, interrupted: true });
  });

  test('a rebuild that throws keeps the proposal and says why', async () => {
    const ps = twoProposals();
    const { ui, result } = screen(ps, {
      rebuild: () => {
        throw new Error('rule too long');
      },
    });
    await ready(ui);
    await press(ui, 'e', KEY.enter, KEY.enter);
    expect(plain(await until(ui, (f) => f.includes('Could not rebuild')))).toContain('Could not rebuild the diff: rule too long');
    await press(ui, 'a', 'a');
    expect((await result()).decisions[0]!.decision).toEqual({ kind: 'accept', after: ps[0]!.after });
  });
});

test('a long proposal scrolls within the terminal height', async () => {
  const ROWS = 12;
  const { ui } = screen(twoProposals(), { rows: ROWS, color: false });
  await ready(ui);
  const first = ui.lastFrame()!;
  const total = Number(/lines 1-8 of (\d+)/.exec(first)?.[1]);
  expect(total).toBeGreaterThan(16);
  expect(first.split('\n').length).toBeLessThan(ROWS); // never fills the screen, so ink never clears it
  expect(first).not.toContain('fixed:  Bash: git push --set-upstream');
  await press(ui, KEY.down);
  expect(await until(ui, (f) => f.includes('lines 2-9 of'))).not.toContain('--- CLAUDE.md');
  await press(ui, KEY.pageDown);
  await until(ui, (f) => f.includes('lines 10-17 of'));
  await press(ui, KEY.end);
  const bottom = await until(ui, (f) => f.includes(`lines ${total - 7}-${total} of ${total}`));
  expect(bottom).toContain('fixed:  Bash: mix credo --strict');
  await press(ui, KEY.pageDown); // already at the bottom
  expect(ui.lastFrame()).toContain(`lines ${total - 7}-${total} of`);
  await press(ui, KEY.pageUp, KEY.up, KEY.home);
  expect(await until(ui, (f) => f.includes('lines 1-8 of'))).toContain('--- CLAUDE.md');
  await press(ui, 'a');
  expect(await until(ui, (f) => f.startsWith('2 of 2'))).toContain('lines 1-8 of'); // the next proposal starts at its top
});
