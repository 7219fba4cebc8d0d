import { createHash } from 'node:crypto';

// One id format everywhere, derived from the original's bytes: 'hr_' and 12
// base32 characters (60 bits of SHA-256). Short enough for a model to copy
// exactly; at a million stored originals the chance of any collision is about
// one in two million, and the store checks the full hash anyway.

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // no l, o, 0, 1: nothing to misread
export const ID_PATTERN = /^hr_[a-km-np-z2-9]{12}$/;

/** Full SHA-256 of the original, hex: stored beside it to detect a short-id collision. */
export function contentHash(original: Uint8Array): string {
  return createHash('sha256').update(original).digest('hex');
}

/** The content id of an original. */
export function contentId(original: Uint8Array): string {
  const digest = createHash('sha256').update(original).digest();
  let out = 'hr_';
  let bits = 0;
  let value = 0;
  for (let i = 0; out.length < 15; i++) {
    value = (value << 8) | digest[i]!;
    bits += 8;
    while (bits >= 5 && out.length < 15) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1; // only the unread bits matter: keeps value small
  }
  return out;
}

export function isContentId(value: string): boolean {
  return ID_PATTERN.test(value);
}
