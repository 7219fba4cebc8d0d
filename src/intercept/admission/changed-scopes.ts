import { createHash } from 'node:crypto';
import { ByteLru } from '../../memory/byte-lru.js';
import type { Store } from '../../memory/types.js';

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

/** Scopes remembered in memory in front of the store. */
const MEMO_BYTES = 1024 * 1024;

/** A base64url SHA-256 (43 characters) and its flag. */
const ENTRY_BYTES = 2 * 43 + 16;

const isChange = (record: Uint8Array): boolean => Buffer.from(record).toString('utf8') !== '0';

const keyOf = (scope: string): string => createHash('sha256').update(scope).digest('base64url');

export class ChangedScopes {
  private readonly known = new ByteLru<boolean>(MEMO_BYTES, () => ENTRY_BYTES);

  constructor(private readonly store?: Store) {}

  /**
   * Records that a body of `scope` went up changed. In memory at once (before
   * that body goes up), in the store soon after; a store that cannot write
   * costs only later sheds of this scope.
   */
  mark(scope: string): void {
    const key = keyOf(scope);
    if (this.known.get(key) === true) return;
    this.known.set(key, true);
    void this.store?.setRecord('scope', key, Buffer.from('1')).catch(() => undefined);
  }

  /**
   * Records that a body of `scope` went up as it came. Only the first time,
   * and never over a change: a scope once changed stays changed.
   */
  seen(scope: string): void {
    const key = keyOf(scope);
    if (this.known.get(key) !== undefined) return;
    const store = this.store;
    if (!store) {
      this.known.set(key, false);
      return;
    }
    // The store may hold a change this memory has forgotten: it decides, and a change is never written over.
    void store
      .getRecord('scope', key)
      .then(async (found) => {
        if (this.known.get(key) !== undefined) return;
        if (found !== undefined) {
          this.known.set(key, isChange(found));
          return;
        }
        this.known.set(key, false);
        await store.setRecord('scope', key, Buffer.from('0'));
      })
      .catch(() => undefined);
  }

  /** Whether a body of `scope` may have gone up changed; true when neither memory nor the store can say. */
  async changed(scope: string): Promise<boolean> {
    const key = keyOf(scope);
    const known = this.known.get(key);
    if (known !== undefined) return known;
    if (!this.store) return true;
    try {
      const found = await this.store.getRecord('scope', key);
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
