// Header copying for both directions. Works on Node's raw header list so names
// keep their case, duplicates (set-cookie) survive and order is preserved: the
// other side sees what was sent, minus what only concerns one connection.

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
]);

/** Headers the `Connection` header names are hop-by-hop too (RFC 9110 7.6.1). */
function connectionTokens(raw: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() !== 'connection') continue;
    for (const token of raw[i + 1]!.split(',')) names.add(token.trim().toLowerCase());
  }
  return names;
}

/**
 * A flat [name, value, name, value...] list without hop-by-hop headers and
 * without the names in `drop` (lower case), ready for `writeHead` or `request`.
 */
export function endToEnd(raw: readonly string[], drop: readonly string[] = []): string[] {
  const extra = connectionTokens(raw);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || lower.startsWith('proxy-') || extra.has(lower) || drop.includes(lower)) continue;
    out.push(name, raw[i + 1]!);
  }
  return out;
}

/** The first value of a header in a raw list (lower-case name). */
export function rawHeader(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) return raw[i + 1];
  return undefined;
}
