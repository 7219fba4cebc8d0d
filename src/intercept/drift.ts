import { createHash } from 'node:crypto';
import type { ParsedRequest } from './providers/types.js';

// The drift check: a provider caches a conversation's prefix, and each request
// of a thread should repeat the turns the previous one sent, byte for byte.
// When an earlier turn changes, the cache is rebuilt at full price. That should
// only ever be the client's doing (an edited history, a compaction); counting
// it is how we would notice if it were ours.

const hash = (s: string) => createHash('sha256').update(s).digest('base64url');

/**
 * Clients move their cache breakpoints along the conversation (opencode marks
 * the last two messages, Claude Code the last block): the marker is not part
 * of the cached content, so it is not counted as a change of the turn.
 */
const CACHE_CONTROL = /,\s*"cache_control"\s*:\s*\{[^{}]*\}|"cache_control"\s*:\s*\{[^{}]*\}\s*,?/g;
const content = (turn: string) => (turn.includes('"cache_control"') ? turn.replace(CACHE_CONTROL, '') : turn);

/** Threads remembered per scope: a main agent, its subagents, title calls. */
const THREADS = 8;

export class DriftCheck {
  /** scope -> first-turn hash -> turn hashes last sent in that thread. */
  private readonly threads = new Map<string, Map<string, string[]>>();
  /** Requests whose earlier turns differed from what their thread sent before. */
  drifts = 0;
  /** Requests compared with an earlier one of their thread. */
  compared = 0;

  constructor(private readonly maxScopes = 256) {}

  /** Compares the turns of a body as sent upstream with the last request of its thread. */
  observe(scope: string, parsed: ParsedRequest, sent: string): void {
    const spans = parsed.turnSpans;
    if (!spans || spans.length === 0) return;
    const turns = spans.map((s) => hash(content(sent.slice(s.start, s.end))));
    let threads = this.threads.get(scope);
    if (!threads) {
      threads = new Map();
      this.threads.set(scope, threads);
      if (this.threads.size > this.maxScopes) this.threads.delete(this.threads.keys().next().value!);
    }
    const key = turns[0]!;
    const prev = threads.get(key);
    if (prev && turns.length > prev.length) {
      this.compared++;
      for (let i = 0; i < prev.length; i++) {
        if (prev[i] !== turns[i]) {
          this.drifts++;
          break;
        }
      }
    }
    threads.delete(key);
    threads.set(key, turns);
    if (threads.size > THREADS) threads.delete(threads.keys().next().value!);
  }
}
