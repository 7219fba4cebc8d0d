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

const digest = (h: ReturnType<typeof createHash>) => h.digest('base64url').slice(0, 22);
const hash = (b: Uint8Array) => digest(createHash('sha256').update(b));

/**
 * Clients move their cache breakpoints along the conversation (opencode marks
 * the last two messages, Claude Code the last block): the marker is not part
 * of the cached content, so it is not counted as a change of the turn.
 */
const CACHE_CONTROL = /,\s*"cache_control"\s*:\s*\{[^{}]*\}|"cache_control"\s*:\s*\{[^{}]*\}\s*,?/y;
/** A breakpoint member is short: it is looked for in this many bytes around its key. */
const NEAR = 256;

/**
 * Hashes bytes [start, end) without the breakpoint members whose keys sit at
 * `marks`: the spans between them go to the hash as they are, so a turn of a
 * 100 KB tool output is never copied to drop a 40-byte member.
 */
function hashWithout(bytes: Buffer, start: number, end: number, marks: readonly number[]): string {
  const h = createHash('sha256');
  let at = start;
  for (const mark of marks) {
    if (mark < at) continue;
    // The member with the comma before it, or (first in its object) with the one after.
    const from = Math.max(at, mark - NEAR);
    const near = bytes.toString('latin1', from, Math.min(end, mark + NEAR));
    const at0 = (i: number): string | undefined => {
      CACHE_CONTROL.lastIndex = i;
      return CACHE_CONTROL.exec(near)?.[0];
    };
    let cut: { start: number; end: number } | undefined;
    const comma = near.lastIndexOf(',', mark - from);
    const withComma = comma >= 0 ? at0(comma) : undefined;
    if (withComma?.startsWith(',')) cut = { start: from + comma, end: from + comma + withComma.length };
    else {
      const alone = at0(mark - from);
      if (alone) cut = { start: mark, end: mark + alone.length };
    }
    if (cut === undefined) continue; // the key but not a member of that shape: hashed as it is
    h.update(bytes.subarray(at, cut.start));
    at = cut.end;
  }
  h.update(bytes.subarray(at, end));
  return digest(h);
}

export type Spans = ReadonlyArray<{ readonly start: number; readonly end: number }>;

/** A body's bytes and where each turn sits in them. */
export interface Turns {
  readonly bytes: Buffer;
  readonly spans: Spans;
}

/** Hashes a body's turns, in order, from its bytes (hashing strings would convert each to UTF-8 first). */
function turnHashes(t: Turns, only?: (turn: number) => boolean): Array<string | undefined> {
  const { bytes, spans } = t;
  const marks: number[] = [];
  for (let at = bytes.indexOf(MARK); at >= 0; at = bytes.indexOf(MARK, at + 1)) marks.push(at);
  let m = 0;
  return spans.map((span, i) => {
    while (m < marks.length && marks[m]! < span.start) m++;
    if (only && !only(i)) return undefined;
    let n = m;
    while (n < marks.length && marks[n]! < span.end) n++;
    return n > m ? hashWithout(bytes, span.start, span.end, marks.slice(m, n)) : hash(bytes.subarray(span.start, span.end));
  });
}

const MARK = '"cache_control"';

/** A thread is named by what the client sent first: that does not depend on our decisions. */
const threadKeyOf = (scope: string, firstTurn: string): string => createHash('sha256').update(scope).update('\0').update(firstTurn).digest('base64url');

/** The thread a request belongs to, from its first turn as the client sent it (cache breakpoints aside); undefined without turns. */
export function threadKey(scope: string, received: Turns): string | undefined {
  const first = received.spans[0];
  return first ? threadKeyOf(scope, turnHashes({ bytes: received.bytes, spans: [first] })[0]!) : undefined;
}

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
export const DEFAULT_THREAD_BYTES = 2 * 1024 * 1024;

/** Thread writes wait this long, so a burst of requests of one thread writes it once. */
const WRITE_AFTER_MS = 250;

export class DriftCheck {
  private readonly threads: ByteLru<Thread>;
  /** Threads not yet written to the store, by key. */
  private readonly unwritten = new Map<string, Thread>();
  private timer: NodeJS.Timeout | undefined;
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
   * turn is the received one, and is hashed once). `repacked`: the proxy
   * repacked this request after a lapse. Never throws.
   */
  async observe(scope: string, received: Turns, sent: Turns, edited: (turn: number) => boolean, repacked = false): Promise<void> {
    if (sent.spans.length === 0 || received.spans.length !== sent.spans.length) return;
    const sentTurns = turnHashes(sent) as string[];
    const changed = turnHashes(received, edited);
    const receivedTurns = sentTurns.map((h, i) => changed[i] ?? h);
    const now: Thread = { sent: sentTurns, received: receivedTurns };
    const key = threadKeyOf(scope, receivedTurns[0]!);
    const prev = this.threads.get(key) ?? (await this.recall(key));
    // A repack changes earlier turns on purpose, once the cache has lapsed: counted apart (stats), not as drift.
    if (prev && !repacked && sentTurns.length > prev.sent.length) {
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
    if (this.store) this.writeSoon(key, now);
  }

  /** Writes what waits; the session calls it when it closes. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = [...this.unwritten];
    this.unwritten.clear();
    // One write for all: a burst leaves a thread record per request, one transaction each would hold the event loop.
    if (pending.length > 0) await this.store?.setRecords('thread', pending.map(([key, t]) => ({ key, value: encode(t) }))).catch(() => undefined);
  }

  /** The next request of a thread comes after this one's answer, seconds later: a write can wait a little. */
  private writeSoon(key: string, t: Thread): void {
    this.unwritten.set(key, t);
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), WRITE_AFTER_MS);
    this.timer.unref();
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
