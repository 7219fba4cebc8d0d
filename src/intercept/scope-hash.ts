import { createHash } from 'node:crypto';
import { ByteLru, stringBytes } from '../memory/byte-lru.js';

// The SHA-256 of a scope (an agent session, rewrite-outcome.ts scopeOf), the
// name its records have in the store (admission/changed-scopes.ts,
// repack/unseen.ts). Every request of a burst asks for it two or three
// times, and making a hash object costs more than hashing a session id:
// kept for the scopes seen lately.

const MEMO_BYTES = 512 * 1024;

const memo = new ByteLru<string>(MEMO_BYTES, (hash) => stringBytes(hash) + 96);

/** base64url SHA-256 of `scope`. */
export function scopeHash(scope: string): string {
  let hash = memo.get(scope);
  if (hash === undefined) memo.set(scope, (hash = createHash('sha256').update(scope).digest('base64url')));
  return hash;
}
