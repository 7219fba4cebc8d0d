import { createHash } from 'node:crypto';

// Ids are derived from scope and text key, so an export imported elsewhere
// keeps them and the same note saved on two machines gets one id.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function factId(scope: string, key: string): string {
  const digest = createHash('sha256').update(`${scope}\0${key}`).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += ALPHABET[digest[i]! % 32];
  return `mem_${out}`;
}

export const isFactId = (s: string): boolean => /^mem_[a-z2-7]{10}$/.test(s);
