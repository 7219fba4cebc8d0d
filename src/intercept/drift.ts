import { createHash } from 'node:crypto';
import { ByteLru } from '../memory/byte-lru.js';
import type { Store } from '../memory/types.js';

// The drift check: a provider caches a conversation's prefix, and each request
// of a thread should repeat the turns the previous one sent, byte for byte.
// When an earlier turn changes, the cache is rebuilt at full price. The client
// may do that (an edited history, a compaction); the proxy never should. So
// each turn is remembered twice, as the client sent it and as it went up: a
// turn the client repeated but that went up different is the proxy's doing.
//
// Threads are kept in the store too, so a change across a restart of the
// proxy (a decision lost, say) is counted like one within a process.

const hash = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);

/**
 * Clients move their cache breakpoints along the conversation (opencode marks
 * the last two messages, Claude Code the last block): the marker is not part
 * of the cached content, so it is not counted as a change of the turn.
 */
const CACHE_CONTROL = /,\s*"cache_control"\s*:\s*\{[^{}]*\}|"cache_control"\s*:\s*\{[^{}]*\}\s*,?/g;
const content = (turn: string) => (turn.includes('"cache_control"') ? turn.replace(CACHE_CONTROL, '') : turn);

export type Spans = ReadonlyArray<{ readonly start: number; readonly end: number }>;

/** One request's turns: what went up, and what the client sent where that differs. */
interface Thread {
  readonly sent: readonly string[];
  readonly received: readonly string[];
}

/** One line per turn: the sent hash, then the received hash when it differs. */
const encode = (t: Thread): Buffer => Buffer.from(t.sent.map((s, i) => (t.received[i] === s ? s : `${s} ${t.received[i]}`)).join('\n'));

function decode(bytes: Uint8Array): Thread {
  const sent: string[] = [];
  const received: string[] = [];
  for (const line of Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').split('\n')) {
    const [s, r] = line.split(' ');
    sent.push(s!);
    received.push(r ?? s!);
  }
  return { sent, received };
}

const sizeOf = (t: Thread): number => 64 * t.sent.length;

/** Threads remembered in memory; the store keeps them all (within its cap). */
export const DEFAULT_THREAD_BYTES = 4 * 1024 * 1024;

export class DriftCheck {
  private readonly threads: ByteLru<Thread>;
  /** Requests whose earlier turns went up different from their thread's previous request. */
  drifts = 0;
  /** Of those, requests where the client had sent those turns the same: the change was the proxy's. */
  ours = 0;
  /** Requests compared with an earlier one of their thread. */
  compared = 0;

  constructor(
    private readonly store?: Store,
    maxBytes = DEFAULT_THREAD_BYTES,
  ) {
    this.threads = new ByteLru(maxBytes, sizeOf);
  }

  /**
   * Compares a request's turns with the previous request of its thread.
   * `edited(i)`: whether the proxy changed anything in turn i (else the sent
   * turn is the received one, and is hashed once). Never throws.
   */
  async observe(scope: string, received: { body: string; spans?: Spans }, sent: { body: string; spans?: Spans }, edited: (turn: number) => boolean): Promise<void> {
    const spans = sent.spans;
    if (!spans || spans.length === 0 || received.spans?.length !== spans.length) return;
    const sentTurns = spans.map((s) => hash(content(sent.body.slice(s.start, s.end))));
    const recvSpans = received.spans;
    const receivedTurns = sentTurns.map((h, i) => (edited(i) ? hash(content(received.body.slice(recvSpans[i]!.start, recvSpans[i]!.end))) : h));
    const now: Thread = { sent: sentTurns, received: receivedTurns };
    // A thread is named by what the client sent first: that does not depend on our decisions.
    const key = createHash('sha256').update(scope).update('\0').update(receivedTurns[0]!).digest('base64url');
    const prev = this.threads.get(key) ?? (await this.recall(key));
    if (prev && sentTurns.length > prev.sent.length) {
      this.compared++;
      let drift = false;
      let ours = false;
      for (let i = 0; i < prev.sent.length; i++) {
        if (prev.sent[i] === sentTurns[i]) continue;
        drift = true;
        if (prev.received[i] === receivedTurns[i]) ours = true;
      }
      if (drift) this.drifts++;
      if (ours) this.ours++;
    }
    this.threads.set(key, now);
    // Not awaited: the next request of a thread comes after this one's answer.
    this.store?.setRecord('thread', key, encode(now)).catch(() => undefined);
  }

  private async recall(key: string): Promise<Thread | undefined> {
    try {
      const bytes = await this.store?.getRecord('thread', key);
      return bytes ? decode(bytes) : undefined;
    } catch {
      return undefined; // store away: this request is not compared
    }
  }
}
