import { ByteLru } from '../../memory/byte-lru.js';
import type { WriteBehind } from '../../memory/write-behind.js';
import { scopeHash } from '../scope-hash.js';
import { type Seen, decodeSeen, encodeSeen } from './lapse.js';

// Requests that went up unread, shed under load (admission/): their thread is
// not known, so for the lapse rule each of them may have been the newest
// request of any thread of its scope. Without this, a thread whose requests
// were shed for a while would look lapsed when it is warm, and a repack then
// would bust a live cache. Kept in the store with the threads' own records,
// under the scope's hash (a thread's key never starts with '~'):
//   seen ~<sha256 of scope>  "<ms> <ttl ms> 0"
// Written behind (memory/write-behind.ts): a burst sheds a request of each of
// its many sessions at once, and their records go in one write after it.

const MEMO_BYTES = 512 * 1024;
/** A record is written again only when this much newer: a burst of sheds costs one write. */
const WRITE_EVERY_MS = 1000;

const keyOf = (scope: string): string => `~${scopeHash(scope)}`;

export class Unseen {
  private readonly last = new ByteLru<Seen>(MEMO_BYTES, () => 160);
  private readonly written = new ByteLru<Seen>(MEMO_BYTES, () => 160);

  constructor(private readonly behind?: WriteBehind) {}

  /** A request of `scope` went up unread at `at` (the session clock), declaring `ttlMs`. */
  record(scope: string, at: number, ttlMs: number): void {
    if (!Number.isFinite(at)) return;
    const key = keyOf(scope);
    const prev = this.last.get(key);
    const seen: Seen = { at: Math.max(at, prev?.at ?? 0), ttlMs: Math.max(ttlMs, prev?.ttlMs ?? 0), uncached: false };
    this.last.set(key, seen);
    const stored = this.written.get(key);
    if (stored && seen.at - stored.at < WRITE_EVERY_MS && seen.ttlMs <= stored.ttlMs) return;
    this.written.set(key, seen);
    this.behind?.set('seen', key, encodeSeen(seen));
  }

  /** The newest unread request of `scope`, here or recorded by an earlier proxy on the store. */
  async latest(scope: string): Promise<Seen | undefined> {
    const key = keyOf(scope);
    const here = this.last.get(key);
    if (here || !this.behind) return here;
    try {
      const bytes = await this.behind.get('seen', key);
      const stored = bytes && decodeSeen(bytes);
      if (stored) this.last.set(key, stored);
      return stored;
    } catch {
      return undefined;
    }
  }
}
