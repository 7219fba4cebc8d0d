import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/learn/types.js';
import { createMemoryStore } from '../../../src/memory/memory-store.js';
import { openSqliteStore } from '../../../src/memory/sqlite-store.js';
import { CORPUS_ROOT, REPO_ROOT } from '../../helpers/corpus.js';
import { FIVE_MINUTES, type SentRequest, readClaudeSessions, requestsOf, sendAll, sessionFiles } from '../../helpers/repack-replay.js';
import { tempDir } from '../../helpers/temp-dir.js';

// Issue 14, lever 1, on real Claude Code sessions: the corpus's, whose
// requests came less than five minutes apart, replayed with two pauses of six
// minutes put in (the user stepping away); and, where it is on this machine,
// the wide set of 112 sessions (bench/transcripts, not committed), on its own
// timestamps only, so its lapses are where they really were.

const CORPUS = path.join(CORPUS_ROOT, 'transcripts', 'claude-code');
const WIDE = path.join(REPO_ROOT, 'bench', 'transcripts', 'people');
const PAUSE = 6 * 60_000;

const dir = tempDir('headroom-repack-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const memory = () => createMemoryStore({ ttlDays: 30, maxBytes: 1 << 30 });
let files = 0;
const sqlite = (file = path.join(dir, `store-${files++}.db`)) => openSqliteStore(file, { ttlDays: 30, maxBytes: 1 << 30 });

/** Pauses before the request at 1/2 and 3/4 of the session. */
const pausesFor = (n: number) => new Map([[Math.floor(n / 2), PAUSE], [Math.floor((3 * n) / 4), PAUSE]]);

/**
 * The cache-safety checks: inside a warm window a request repeats every turn
 * the previous one sent, byte for byte, and is never a repack; a repack comes
 * only after a lapse. Returns the repacks that changed an earlier turn.
 */
function checkCacheSafe(sent: readonly SentRequest[]): number {
  let lastAt = Number.NaN;
  let changed = 0;
  sent.forEach((s, r) => {
    const gap = s.at - lastAt;
    const lapsed = gap > FIVE_MINUTES;
    if (r > 0 && !lapsed) {
      expect(s.repacked, `request ${r}: a repack ${gap} ms after the last one`).toBe(false);
      expect(s.turns.slice(0, sent[r - 1]!.turns.length), `request ${r} changed an earlier turn inside a warm window`).toEqual(sent[r - 1]!.turns);
    }
    if (s.repacked && s.turns.slice(0, sent[r - 1]!.turns.length).some((t, i) => t !== sent[r - 1]!.turns[i])) changed++;
    if (Number.isFinite(s.at)) lastAt = s.at;
  });
  return changed;
}

const corpusSessions = async (): Promise<Session[]> => (await Promise.all(fs.readdirSync(CORPUS).sort().map((d) => readClaudeSessions(path.join(CORPUS, d, 'input.txt'))))).flat();

describe('the corpus sessions, with two pauses past the cache TTL', async () => {
  const sessions = await corpusSessions();
  for (const session of sessions) {
    it(`${path.basename(path.dirname(session.file))}: repacks at the pauses only, byte-identical inside warm windows`, { timeout: 120_000 }, async () => {
      const requests = requestsOf(session, pausesFor(requestsOf(session).length));
      const sent = await sendAll(memory(), session.id, requests);
      checkCacheSafe(sent);
      // Both pauses are lapses, and each one repacks (each session has older outputs by then).
      expect(sent.filter((s) => s.repacked)).toHaveLength(2);
      // Without the pauses, nothing in these sessions lapsed: no repack at all.
      const plain = await sendAll(memory(), session.id, requestsOf(session));
      expect(plain.some((s) => s.repacked)).toBe(false);
    });
  }

  it('a repack changes older outputs: commands run again become pointers, reads are compressed', { timeout: 120_000 }, async () => {
    const [session] = await readClaudeSessions(path.join(CORPUS, 'spotter-session-fa812bfe', 'input.txt'));
    const requests = requestsOf(session!, new Map([[requestsOf(session!).length - 1, PAUSE]]));
    const store = memory();
    const sent = await sendAll(store, 'fa8', requests);
    expect(checkCacheSafe(sent)).toBe(1);
    const [before, after] = [sent.at(-2)!.turns.join('\n'), sent.at(-1)!.turns.join('\n')];
    // `mix credo --strict ...` was run again: the earlier run points at the newest, its original kept.
    const pointers = [...after.matchAll(/superseded by call toolu_\w+ below: the command was run again\); retrieve id=(hr_\w+)\]/g)];
    expect(pointers.length).toBeGreaterThanOrEqual(1);
    for (const [, id] of pointers) {
      const original = await store.get(id!);
      expect(original).toBeDefined();
      expect(requests.at(-1)!.body.toString('utf8')).toContain(JSON.stringify(Buffer.from(original!).toString('utf8')));
    }
    expect(before).not.toContain('superseded by call');
    // Reads went up whole while warm; the repack compressed the older ones.
    const numberedLines = (text: string) => (text.match(/\d→/g) ?? []).length;
    expect(numberedLines(after)).toBeLessThan(numberedLines(before) * 0.8);
    expect(after.length).toBeLessThan(before.length);
  });

  it('replaying a session twice gives the same bytes: with a fresh store, and again on the same store', { timeout: 120_000 }, async () => {
    const [session] = await readClaudeSessions(path.join(CORPUS, 'spotter-session-fa812bfe', 'input.txt'));
    const requests = requestsOf(session!, pausesFor(requestsOf(session!).length));
    const once = await sendAll(memory(), 's', requests);
    expect(await sendAll(memory(), 's', requests)).toEqual(once);
    const store = memory();
    await sendAll(store, 's', requests);
    expect(await sendAll(store, 's', requests)).toEqual(once);
  });

  it('older outputs no worker reached in time stay as they were for the epoch, and the next repack does them', { timeout: 120_000 }, async () => {
    const [session] = await readClaudeSessions(path.join(CORPUS, 'spotter-subagent-a2898e3', 'input.txt'));
    const n = requestsOf(session!).length;
    // Its large reads are older than the live zone from near its end: the last two requests come after pauses.
    const [first, second] = [n - 2, n - 1];
    const requests = requestsOf(session!, new Map([[first, PAUSE], [second, PAUSE]]));
    const straight = await sendAll(memory(), 's', requests);
    // No time at all for the first repack's compressions (pointers need no worker), then the usual budget.
    const store = memory();
    const late = [...(await sendAll(store, 's', requests, 0, second, -1)), ...(await sendAll(store, 's', requests, second))];
    checkCacheSafe(late);
    expect(late[first]!.repacked).toBe(true);
    expect(late[first]!.turns.join('').length).toBeGreaterThan(straight[first]!.turns.join('').length);
    expect(late[second]).toEqual(straight[second]);
  });

  it('a restart between requests keeps the epochs and decisions: the same bytes as without one (SQLite file)', { timeout: 120_000 }, async () => {
    const [session] = await readClaudeSessions(path.join(CORPUS, 'spotter-session-ae4a77f8', 'input.txt'));
    const n = requestsOf(session!).length;
    const requests = requestsOf(session!, pausesFor(n));
    const whole = sqlite();
    const straight = await sendAll(whole, 's', requests);
    await whole.close();
    expect(straight.filter((s) => s.repacked)).toHaveLength(2);
    // Restarts right after the first repack and right before the second lapse.
    const file = path.join(dir, 'restarted.db');
    const parts: SentRequest[] = [];
    const cuts = [0, Math.floor(n / 2) + 1, Math.floor((3 * n) / 4), n];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const store = sqlite(file);
      parts.push(...(await sendAll(store, 's', requests, cuts[c], cuts[c + 1])));
      await store.close();
    }
    expect(parts).toEqual(straight);
  });
});

// The wide set's sessions are not committed (only their notes are), and replaying all 112 takes
// minutes: the check runs where they were rebuilt (bench/transcripts/build.mjs) and is asked for.
const wideFiles =
  process.env.HEADROOM_WIDE_TESTS === '1' && fs.existsSync(WIDE) ? fs.readdirSync(WIDE).sort().flatMap((p) => sessionFiles(path.join(WIDE, p, 'sessions'))) : [];

describe.skipIf(wideFiles.length === 0)('the wide set (bench/transcripts, HEADROOM_WIDE_TESTS=1 where rebuilt), on its own timestamps', async () => {
  const files = wideFiles;
  it('every session: byte-identical inside warm windows, repacks only after a lapse', { timeout: 900_000 }, async () => {
    let repacks = 0;
    for (const file of files) {
      for (const session of await readClaudeSessions(file)) {
        const sent = await sendAll(memory(), session.id, requestsOf(session));
        checkCacheSafe(sent);
        repacks += sent.filter((s) => s.repacked).length;
      }
    }
    expect(repacks).toBeGreaterThan(0);
  });
});
