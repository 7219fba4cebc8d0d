import { createHash } from 'node:crypto';
import { ByteLru } from '../../memory/byte-lru.js';
import type { Store } from '../../memory/types.js';

// The scopes (an agent session, rewrite.ts scopeOf) in which the proxy has
// ever sent a body other than it came: an output compressed, a copy made a
// reference, a repack. A request of any other scope goes up exactly as the
// client sent it whatever the proxy decides about its older outputs, since
// they were all left whole; so it alone may be shed without being read.
// Kept in the store beside the decisions, so that a restarted proxy knows it
// too: scope <sha256 of scope>  "1".

/** Scopes remembered in memory in front of the store. */
const MEMO_BYTES = 1024 * 1024;

/** A base64url SHA-256 (43 characters) and its flag. */
const ENTRY_BYTES = 2 * 43 + 16;

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

  /** Whether a body of `scope` may have gone up changed; true when the store cannot say. */
  async changed(scope: string): Promise<boolean> {
    const key = keyOf(scope);
    const known = this.known.get(key);
    if (known !== undefined) return known;
    if (!this.store) return false;
    try {
      const found = (await this.store.getRecord('scope', key)) !== undefined;
      // Only a change is remembered: a scope unchanged now may change with its next request.
      if (found) this.known.set(key, true);
      return found;
    } catch {
      return true;
    }
  }
}
