import type { RecordKind, Store } from './types.js';

// Records that may reach the store a moment late, written together. Under a
// burst of 200 requests each of a new agent session, the proxy has a record
// or two to keep per request (a session seen as it came, a request sent
// unread); written one by one, each is its own SQLite transaction on the
// event loop (~0.4 ms on a loaded 2-core machine), which every other request
// of the burst waits behind. Held here for AFTER_MS, they go in one
// transaction (one Redis round trip) once the burst has passed. Only records
// whose loss in a crash is safe belong here: this process keeps its own copy
// in memory, and a restarted one that misses a record takes the cautious
// path (a scope never recorded counts as changed; a shed request not
// recorded can only make a thread's cache look lapsed later than it did).

// The write waits for a quiet moment: AFTER_MS with no new record. A timer
// from the first record alone fired in the middle of a burst (its relaying
// lasts longer than that), and the burst's one transaction, a few ms for 200
// records, stalled every exchange relayed at that moment. MAX_WAIT_MS bounds
// what a kill can lose while records keep coming.

/** Long enough for a burst's records to go together. */
const AFTER_MS = 250;
/** Short enough that a kill loses little. */
const MAX_WAIT_MS = 2000;
/**
 * Records per transaction: a burst's records (a few hundred) in one write held
 * the event loop for tens of ms, a pause for every stream relayed then; in
 * slices, with a turn of the loop between them, each pause is a few ms.
 */
const SLICE = 64;

export class WriteBehind {
  private readonly waiting = new Map<RecordKind, Map<string, Uint8Array>>();
  /**
   * Batches being written now, in slices, oldest first: their records are
   * still read from here until their write is done (a close's flush can start
   * while the timer's is writing; the later batch's value wins).
   */
  private readonly writing: Map<RecordKind, Map<string, Uint8Array>>[] = [];
  /** The last write started: the next waits for it. */
  private written: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** When the oldest waiting record came. */
  private since = 0;

  constructor(
    readonly store: Store,
    private readonly afterMs = AFTER_MS,
    private readonly maxWaitMs = Math.max(afterMs, MAX_WAIT_MS),
  ) {}

  /** Writes `value` under the key soon, replacing any (a later value for the same key wins). */
  set(kind: RecordKind, key: string, value: Uint8Array): void {
    let ofKind = this.waiting.get(kind);
    if (!ofKind) this.waiting.set(kind, (ofKind = new Map()));
    ofKind.set(key, value);
    const now = performance.now();
    if (this.timer) {
      // Records still coming: wait on, unless the oldest would then wait past maxWaitMs.
      if (now + this.afterMs - this.since <= this.maxWaitMs) this.timer.refresh();
      return;
    }
    this.since = now;
    this.timer = setTimeout(() => void this.flush(), this.afterMs);
    this.timer.unref();
  }

  /** The record as it will be: one waiting here, else the store's. Throws as the store's read does. */
  async get(kind: RecordKind, key: string): Promise<Uint8Array | undefined> {
    const waiting = this.waiting.get(kind)?.get(key);
    if (waiting) return waiting;
    for (let i = this.writing.length - 1; i >= 0; i--) {
      const value = this.writing[i]!.get(kind)?.get(key);
      if (value) return value;
    }
    return this.store.getRecord(kind, key);
  }

  /** Writes what waits now (the session calls it when it closes). Never throws: these records are best effort. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Nothing waits: a write under way still ends before the caller (a closing session) goes on.
    if (this.waiting.size === 0) return this.written;
    const batches = new Map(this.waiting);
    this.waiting.clear();
    this.writing.push(batches);
    // One write after another: a later batch's value for a key must not be overwritten by an earlier's.
    this.written = this.written.then(() => this.write(batches));
    await this.written;
  }

  private async write(batches: Map<RecordKind, Map<string, Uint8Array>>): Promise<void> {
    let first = true;
    for (const [kind, records] of batches) {
      const list = [...records].map(([key, value]) => ({ key, value }));
      for (let at = 0; at < list.length; at += SLICE) {
        if (!first) await new Promise((r) => setImmediate(r));
        first = false;
        await this.store.setRecords(kind, list.slice(at, at + SLICE)).catch(() => undefined);
      }
    }
    this.writing.shift(); // the oldest: writes go in order
  }
}

