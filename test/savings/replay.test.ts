import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { claudeTranscripts } from '../../src/learn/transcripts/claude.js';
import { withOutputLimit } from '../../src/learn/transcripts/transcript-io.js';
import type { Session } from '../../src/learn/types.js';
import { conversationOf } from '../../src/savings/conversation.js';
import { PROMPT_OVERHEAD, priceFor } from '../../src/savings/pricing.js';
import { type Replayed, replaySession } from '../../src/savings/replay.js';
import { buildReport } from '../../src/savings/report.js';
import { CORPUS_ROOT, corpusCase } from '../helpers/corpus.js';

const DIR = path.join(CORPUS_ROOT, 'transcripts', 'claude-code');

describe('the real Claude Code sessions of the corpus, replayed', () => {
  let replayed: Replayed[];
  beforeAll(async () => {
    const sessions: Session[] = [];
    for (const name of fs.readdirSync(DIR).sort()) sessions.push(...(await withOutputLimit(Number.MAX_SAFE_INTEGER, () => claudeTranscripts.read(path.join(DIR, name, 'input.txt')))));
    replayed = [];
    for (const s of sessions) replayed.push(await replaySession(s));
  }, 60_000);

  test('compression never changes a prefix already sent: no cache busts', () => {
    for (const r of replayed) expect(r.savings.cacheBusts, r.savings.id).toBe(0);
  });

  test('every tool output counted once, never saving more than its own size', () => {
    for (const r of replayed) {
      expect(r.outputs.length).toBe(r.savings.outputs);
      for (const o of r.outputs) {
        expect(o.tokensAfter).toBeLessThanOrEqual(o.tokensBefore);
        expect(o.tokensAfter).toBeGreaterThanOrEqual(0);
      }
    }
    const report = buildReport(replayed, { skipped: 0, ms: 1 });
    expect(report.total.outputTokensBefore).toBe(report.byType.reduce((n, b) => n + b.tokensBefore, 0));
    expect(report.total.outputTokensBefore).toBe(report.byTool.reduce((n, b) => n + b.tokensBefore, 0));
  });

  test('costs less after than before, and large command outputs are compressed while file reads below 40k tokens are not', () => {
    const report = buildReport(replayed, { skipped: 0, ms: 1 });
    expect(report.total.costAfter).toBeLessThan(report.total.costBefore);
    const bash = report.byTool.find((b) => b.name === 'Bash')!;
    // Outputs under about 2,000 tokens lose only noise (issue 11), so only the large ones are cut.
    expect(bash.compressed).toBeGreaterThanOrEqual(3);
    expect(bash.tokensAfter).toBeLessThan(bash.tokensBefore * 0.9);
    const read = report.byTool.find((b) => b.name === 'Read')!;
    expect(read.tokensAfter).toBe(read.tokensBefore);
    expect(report.largest[0]!.tokensBefore).toBeGreaterThanOrEqual(report.largest[1]!.tokensBefore);
  });

  test('a real session with a pause past the cache TTL put in: one repack there, counted apart, no bust, and more saved', async () => {
    const [session] = await withOutputLimit(Number.MAX_SAFE_INTEGER, () => claudeTranscripts.read(path.join(DIR, 'spotter-session-fa812bfe', 'input.txt')));
    // The user steps away for six minutes before the last three quarters of the session: later steps move on.
    const cut = Math.floor((session!.steps.length * 3) / 4);
    const paused: Session = {
      ...session!,
      steps: session!.steps.map((st, i) => (i >= cut && st.at ? { ...st, at: new Date(Date.parse(st.at) + 6 * 60_000).toISOString() } : st)),
    };
    const plain = replayed.find((r) => r.savings.id === session!.id)!.savings;
    const { savings: s } = await replaySession(paused);
    expect(plain.repacks).toBe(0);
    expect(s.repacks).toBe(1);
    expect(s.cacheBusts).toBe(0);
    const share = (x: typeof s) => (x.costBefore.total - x.costAfter.total) / x.costBefore.total;
    expect(share(s)).toBeGreaterThan(share(plain));
  });

  test('the same transcript replays to the same figures', async () => {
    const again = await replaySession((await withOutputLimit(Number.MAX_SAFE_INTEGER, () => claudeTranscripts.read(path.join(DIR, 'spotter-session-fa812bfe', 'input.txt'))))[0]!);
    const first = replayed.find((r) => r.savings.id === again.savings.id)!;
    expect({ ...again.savings, ms: 0 }).toEqual({ ...first.savings, ms: 0 });
  });
});

describe('the bill', () => {
  const log = corpusCase('logs/loghub-hdfs').input;
  const session = (gapMinutes: number): Session => ({
    agent: 'claude',
    id: 's',
    file: 'f',
    skipped: 0,
    model: 'claude-sonnet-4-5',
    steps: [
      { kind: 'user', text: 'look at the log', at: '2026-11-22T10:00:00Z' },
      { kind: 'call', id: 'a', tool: 'Bash', command: 'cat hdfs.log', input: '{"command":"cat hdfs.log"}', at: '2026-11-22T10:00:01Z' },
      { kind: 'result', id: 'a', isError: false, output: log, at: '2026-11-22T10:00:02Z' },
      { kind: 'call', id: 'b', tool: 'Bash', command: 'echo ok', input: '{"command":"echo ok"}', at: `2026-11-22T10:${String(gapMinutes).padStart(2, '0')}:03Z` },
      { kind: 'result', id: 'b', isError: false, output: 'ok', at: `2026-11-22T10:${String(gapMinutes).padStart(2, '0')}:04Z` },
    ],
  });

  test('requests are rebuilt turn by turn: one before each model turn and one for the final answer', () => {
    const c = conversationOf(session(0));
    expect(c.requests).toEqual([1, 3, 5]);
    expect(c.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(c.outputs.map((o) => o.id)).toEqual(['a', 'b']);
  });

  test('what the last request sent is read from cache (0.1x), the rest written (1.25x); output unchanged', async () => {
    const { savings: s } = await replaySession(session(0));
    const { price } = priceFor('claude-sonnet-4-5', 'claude');
    expect(price).toMatchObject({ input: 3, output: 15, cacheWrite: 1.25, cacheRead: 0.1 });
    const expected = (t: typeof s.before) => (t.cacheWrite * 3 * 1.25 + t.cacheRead * 3 * 0.1 + t.output * 15) / 1e6;
    expect(s.costBefore.total).toBeCloseTo(expected(s.before), 10);
    expect(s.costAfter.total).toBeCloseTo(expected(s.after), 10);
    expect(s.before.output).toBe(s.after.output);
    // The first request writes the agent's own prompt and the task; later ones read them.
    expect(s.before.cacheRead).toBeGreaterThan(2 * PROMPT_OVERHEAD.claude!);
    expect(s.after.cacheWrite).toBeLessThan(s.before.cacheWrite);
    expect(s.outputTokensAfter).toBeLessThan(s.outputTokensBefore / 4);
  });

  test('a pause longer than the cache lifetime (5 minutes) makes the next request write everything again', async () => {
    const warm = (await replaySession(session(0))).savings;
    const cold = (await replaySession(session(9))).savings;
    expect(cold.before.cacheRead).toBeLessThan(warm.before.cacheRead);
    expect(cold.before.cacheWrite).toBeGreaterThan(warm.before.cacheWrite);
  });

  test('models are priced by family; an unknown model falls back to its agent default', () => {
    expect(priceFor('claude-opus-4-6', 'claude').price.name).toBe('Claude Opus 4.5+');
    expect(priceFor('gpt-5.1-codex', 'codex').price).toMatchObject({ provider: 'openai', cacheRead: 0.1, cacheWrite: 1 });
    expect(priceFor('gemini-2.5-flash', 'gemini').price.name).toBe('Gemini 2.5 Flash');
    expect(priceFor(undefined, 'codex').model).toBe('gpt-5-codex');
  });
});
