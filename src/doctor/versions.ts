/** [major, minor, patch] of "v20.19.1", "20.19", "2.1.330 (Claude Code)". */
export function parseVersion(text: string): [number, number, number] | undefined {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/**
 * Whether `version` meets an engines range of the usual `>=X.Y.Z` form (the
 * only form headroom and the agents it wraps use); undefined when the range is
 * anything else, rather than a guess.
 */
export function satisfiesMinimum(version: string, range: string): boolean | undefined {
  const m = /^\s*>=\s*v?([\d.]+)\s*$/.exec(range);
  const have = parseVersion(version);
  const want = m ? parseVersion(m[1]!.includes('.') ? m[1]! : `${m[1]}.0`) : undefined;
  if (!have || !want) return undefined;
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i]! > want[i]!;
  return true;
}
