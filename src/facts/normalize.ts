import { createHash } from 'node:crypto';

// What makes two saved facts "the same text": case, punctuation and spacing
// are how agents differ when they write the same note, never what it says.

/** Lower case, punctuation and markdown marks gone, whitespace collapsed. */
export function canonical(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key equal texts (modulo case, punctuation, whitespace) share within a scope. */
export function textKey(text: string): string {
  return createHash('sha256').update(canonical(text)).digest('hex');
}

/** The text as stored: trimmed, inner runs of whitespace kept as one space, so a fact is one line. */
export function tidy(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
