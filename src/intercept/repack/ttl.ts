// How long a conversation's prompt cache stays warm after a request: what its
// cache_control breakpoints declare (Anthropic: 5 minutes, or "ttl": "1h").
// The longest one declared counts: a prefix cached for an hour must not be
// repacked after five minutes. A body that declares none gets the default,
// which is also OpenAI's and Gemini's shortest implicit cache life.

export const DEFAULT_TTL_MS = 5 * 60 * 1000;
/** The longest TTL a breakpoint can declare (Anthropic: one hour). */
export const MAX_TTL_MS = 60 * 60 * 1000;

const TTL = /"cache_control"\s*:\s*\{[^{}]*?"ttl"\s*:\s*"(\d{1,6})([smh])"/g;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000 };

/** The longest TTL the body's cache breakpoints declare, in ms (DEFAULT_TTL_MS when none says). */
export function declaredTtlMs(raw: Buffer): number {
  // Most bodies declare no TTL: found without decoding them.
  if (!raw.includes('"ttl"')) return DEFAULT_TTL_MS;
  let longest = DEFAULT_TTL_MS;
  for (const m of raw.toString('latin1').matchAll(TTL)) longest = Math.max(longest, Number(m[1]) * UNIT_MS[m[2]!]!);
  return longest;
}
