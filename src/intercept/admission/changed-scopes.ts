import { ByteLru } from '../../memory/byte-lru.js';
import type { Store } from '../../memory/types.js';
import { WriteBehind } from '../../memory/write-behind.js';
import { scopeHash } from '../scope-hash.js';

// The scopes (an agent session, rewrite.ts scopeOf) in which the proxy has
// ever sent a body other than it came: an output compressed, a copy made a
// reference, a repack. A request of any other scope goes up exactly as the
// client sent it whatever the proxy decides about its older outputs, since
// they were all left whole; so it alone may be shed without being read.
// Kept in the store beside the decisions, so that a restarted proxy knows it
// too: scope <sha256 of scope>  "1" changed, "0" seen and never changed. A
// scope the store does not know counts as changed: its history may come from
// a proxy that kept no such record (a store older than this file), and
// sending it unread would put its outputs back whole and bust the cache.
// A '0' is written behind (memory/write-behind.ts): a burst of new sessions
// costs one write, and a '0' lost in a crash leaves its scope unknown, which
// is the cautious answer. A '1' is written at once: losing it would not be.

/** Scopes remembered in memory in front of the store. */
const MEMO_BYTES = 1024 * 1024;

/** A base64url SHA-256 (43 characters) and its flag. */
const ENTRY_BYTES = 2 * 43 + 16;

const isChange = (record: Uint8Array): boolean => Buffer.from(record).toString('utf8') !== '0';

const keyOf = scopeHash;

export class ChangedScopes {
  private readonly known = new ByteLru<boolean>(MEMO_BYTES, () => ENTRY_BYTES);

  private readonly behind: WriteBehind | undefined;

  /** `behind`: the session's records written late; by default one of its own. */
  constructor(
    private readonly store?: Store,
    behind?: WriteBehind,
  ) {
    this.behind = behind ?? (store && new WriteBehind(store));
  }

  /**
   * Records that a body of `scope` went up changed. In memory at once (before
   * that body goes up), in the store soon after; a store that cannot write
   * costs only later sheds of this scope.
   */
  mark(scope: string): void {
    const key = keyOf(scope);
    if (this.known.get(key) === true) return;
    this.known.set(key, true);
    // Also over a '0' that may be waiting to be written behind.
    this.behind?.set('scope', key, Buffer.from('1'));
    void this.store?.setRecord('scope', key, Buffer.from('1')).catch(() => undefined);
  }

  /**
   * Records that a body of `scope` went up as it came. Only the first time,
   * and never over a change: a scope once changed stays changed.
   */
  seen(scope: string): void {
    const key = keyOf(scope);
    if (this.known.get(key) !== undefined) return;
    const behind = this.behind;
    if (!behind) {
      this.known.set(key, false);
      return;
    }
    // The store may hold a change this memory has forgotten: it decides, and a change is never written over.
    void behind
      .get('scope', key)
      .then((found) => {
        if (this.known.get(key) !== undefined) return;
        if (found !== undefined) {
          this.known.set(key, isChange(found));
          return;
        }
        this.known.set(key, false);
        behind.set('scope', key, Buffer.from('0'));
      })
      .catch(() => undefined);
  }

  /** Whether a body of `scope` may have gone up changed; true when neither memory nor the store can say. */
  async changed(scope: string): Promise<boolean> {
    const key = keyOf(scope);
    const known = this.known.get(key);
    if (known !== undefined) return known;
    if (!this.behind) return true;
    try {
      const found = await this.behind.get('scope', key);
      if (found === undefined) return true;
      const changed = isChange(found);
      // A race with mark() in this process: memory, set first, wins.
      if (this.known.get(key) === undefined) this.known.set(key, changed);
      return this.known.get(key)!;
    } catch {
      return true;
    }
  }
}
